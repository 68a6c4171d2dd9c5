import Foundation

/// How common each byte is in the text Sift scans, for preferring rare literals.
///
/// Entry `b` is `-log2(p(b)) * 8` rounded, capped at 255, where `p(b)` is the frequency of byte `b`
/// in a sample of ordinary text: the Python standard library sources, the licence texts in
/// /usr/share/common-licenses and the real Confluence exports in shared/fixtures (38132158 bytes,
/// generated once with a short Python script; the exact numbers matter little, the ordering does).
/// Larger means rarer.
enum ByteFrequency {
    static let rarity: [UInt8] = [
        186, 186, 186, 186, 186, 186, 186, 186, 181, 148,  41, 186, 166, 186, 186, 186,
        186, 186, 186, 186, 186, 186, 186, 186, 186, 186, 186, 186, 181, 186, 186, 186,
         16,  96,  46,  73,  99,  93, 115,  55,  54,  54,  75,  85,  47,  62,  52,  74,
         63,  66,  68,  76,  78,  79,  81,  83,  81,  83,  52, 108,  77,  58,  70,  92,
         97,  65,  80,  69,  71,  67,  76,  72,  86,  71,  99,  90,  73,  76,  68,  77,
         71, 103,  70,  66,  67,  81,  82,  87,  95,  97, 103,  67,  77,  67, 104,  47,
         78,  38,  58,  44,  45,  31,  49,  52,  54,  39,  80,  63,  43,  49,  38,  39,
         47,  81,  38,  37,  35,  48,  62,  62,  64,  57,  81,  75,  81,  75,  94, 186,
        113, 133, 120, 127, 136, 131, 135, 136, 134, 134, 134, 138, 142, 138, 138, 139,
        134, 139, 146, 137, 107, 122, 139, 141, 144, 134, 146, 142, 129, 138, 143, 138,
        140, 139, 145, 138, 135, 137, 141, 140, 139, 136, 138, 138, 137, 137, 132, 137,
        138, 137, 140, 134, 137, 137, 141, 140, 135, 133, 137, 136, 125, 138, 132, 142,
        186, 186, 142, 132, 152, 148, 164, 163, 161, 151, 155, 175, 158, 175, 134, 141,
        130, 137, 160, 160, 165, 158, 159, 145, 126, 126, 163, 165, 186, 186, 186, 186,
        132, 127, 103, 125, 138, 127, 131, 134, 136, 139, 145, 145, 147, 155, 186, 181,
        130, 186, 186, 186, 186, 186, 186, 186, 186, 186, 186, 186, 186, 186, 186, 186,
    ]

    /// The estimated probability that `literal` occurs at a given position of ordinary text.
    static func probability(of literal: Literal) -> Double {
        var log2p = 0.0
        for byte in literal.bytes {
            var p = exp2(-Double(rarity[Int(byte)]) / 8)
            if literal.caseless, byte &- 0x61 < 26 {
                p += exp2(-Double(rarity[Int(byte - 0x20)]) / 8)
            }
            log2p += log2(min(p, 1))
        }
        return exp2(log2p)
    }
}
