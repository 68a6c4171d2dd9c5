import Foundation

/// How common each byte is in the text Sift scans, for preferring rare literals.
///
/// Entry `b` is `-log2(p(b)) * 8` rounded, capped at 255, where `p(b)` is the frequency of byte `b`
/// in a sample of the kinds of text Sift scans, each kind weighted equally, text files only
/// (Python sources 8.4 MB, Debian changelogs 8.4 MB, system logs 0.6 MB, /etc files 1.5 MB, the
/// real Confluence exports of shared/fixtures 1.2 MB). Generated once by a short Python script; the
/// exact numbers matter little, the ordering does. Larger means rarer.
///
/// Bytes alone think `token` is as rare as `q7x_z`; ``commonWords`` corrects that for the words
/// technical writing is full of.
enum ByteFrequency {
    static let rarity: [UInt8] = [
        186, 186, 180, 186, 186, 186, 186, 186, 160,  72,  44, 183, 186,  78, 186, 186,
        186, 186, 186, 186, 186, 186, 186, 186, 186, 186, 186, 186, 160, 186, 186, 186,
         23,  85,  52,  67,  95,  84, 109,  66,  64,  65,  72,  66,  63,  46,  45,  55,
         46,  47,  46,  57,  53,  57,  54,  62,  61,  59,  52,  82,  55,  58,  54, 108,
         87,  57,  65,  61,  63,  61,  68,  69,  72,  62,  74,  74,  66,  64,  65,  70,
         66,  69,  64,  63,  61,  67,  70,  73,  76,  73,  76,  75,  82,  75, 123,  63,
        104,  36,  51,  43,  43,  33,  51,  50,  53,  39,  67,  59,  41,  46,  38,  40,
         45,  75,  40,  40,  37,  46,  60,  62,  61,  54,  71, 101, 100, 101,  96, 186,
        127, 172, 153, 164, 158, 150, 145, 170, 152, 162, 163, 186, 175, 170, 170, 186,
        159, 158, 146, 160, 157, 175, 170, 178, 154, 134, 186, 186, 146, 146, 168, 156,
        136, 159, 170, 157, 178, 161, 164, 151, 154, 140, 175, 173, 165, 146, 174, 149,
        161, 153, 167, 139, 163, 169, 149, 175, 164, 177, 159, 165, 148, 149, 174, 172,
        186, 186, 131, 123, 171, 147, 186, 186, 186, 183, 186, 183, 186, 186, 158, 183,
        145, 186, 186, 183, 183, 186, 186, 183, 142, 142, 186, 186, 186, 186, 186, 186,
        182, 167, 124, 159, 186, 176, 162, 186, 186, 176, 186, 186, 186, 186, 186, 156,
        160, 186, 186, 186, 186, 186, 186, 186, 186, 186, 186, 186, 186, 186, 186, 186,
    ]

    /// The estimated probability that `literal` occurs at a given position of ordinary text.
    static func probability(of literal: Literal) -> Double {
        probability(of: literal.bytes, literal.bytes.indices, caseless: literal.caseless)
    }

    /// The estimated probability that the literal `bytes[range]` (folded, when caseless) occurs at a
    /// given position of ordinary text.
    @inline(__always)
    static func probability(of bytes: [UInt8], _ range: Range<Int>, caseless: Bool) -> Double {
        let table = caseless ? caselessProbability : exactProbability
        var estimate = 1.0
        var wordLike = range.count >= 2 && range.count <= longestCommonWord
        // The folded bytes of a word-like literal, packed (see `fragmentKey`) so that looking it up
        // allocates nothing.
        var key: UInt64 = 0
        for k in range {
            let byte = bytes[k]
            estimate *= table[Int(byte)]
            let code = wordCode[Int(byte)]
            wordLike = wordLike && code != 0
            key = key &* 28 &+ UInt64(code)
        }
        if wordLike, let common = commonFragments[key], common > estimate {
            estimate = common
        }
        return estimate
    }

    /// For each byte: 1–26 for the letters a–z in either case, 27 for `_`, 0 for any other byte.
    private static let wordCode: [UInt8] = (0..<256).map { byte in
        let folded = Literal.fold(UInt8(byte))
        if folded &- 0x61 < 26 { return folded - 0x60 }
        return folded == UInt8(ascii: "_") ? 27 : 0
    }

    /// A word-like string of at most ``longestCommonWord`` bytes as a number in base 28 (digits 1–27
    /// from ``wordCode``, so that no two strings share a key); `nil` for any other string.
    private static func fragmentKey(_ bytes: ArraySlice<UInt8>) -> UInt64? {
        var key: UInt64 = 0
        for byte in bytes {
            let code = wordCode[Int(byte)]
            guard code != 0 else { return nil }
            key = key * 28 + UInt64(code)
        }
        return key
    }

    /// `p(b)` for each byte.
    private static let exactProbability: [Double] = rarity.map { exp2(-Double($0) / 8) }

    /// The estimated probability of `byte` at a given position of ordinary text.
    static func probability(of byte: UInt8) -> Double { exactProbability[Int(byte)] }

    /// `p(b)`, plus `p(B)` for lowercase letters (caseless literals store letters lowercase).
    private static let caselessProbability: [Double] = (0..<256).map { byte in
        let p = exp2(-Double(rarity[byte]) / 8)
        guard UInt8(byte) &- 0x61 < 26 else { return p }
        return min(1, p + exp2(-Double(rarity[byte - 0x20]) / 8))
    }

    /// Every fragment (two bytes or more) of every common word, with the largest frequency of a
    /// word it is part of.
    /// Keyed by ``fragmentKey(_:)``: only word-like literals are looked up, so fragments with other
    /// bytes are left out.
    private static let commonFragments: [UInt64: Double] = {
        var table: [UInt64: Double] = [:]
        for (word, frequency) in commonWords {
            let bytes = Array(word.utf8)
            for start in 0..<bytes.count {
                for end in (start + 2)...max(start + 2, bytes.count) where end <= bytes.count {
                    guard let key = fragmentKey(bytes[start..<end]) else { continue }
                    table[key] = max(table[key] ?? 0, frequency)
                }
            }
        }
        return table
    }()

    /// The longest common word (13 bytes today; ``fragmentKey(_:)`` traps beyond 13, as 28^14 > 2^64).
    private static let longestCommonWord = commonWords.reduce(0) { max($0, $1.0.utf8.count) }

    /// Words frequent in technical writing, with a rough probability of occurring at a position: a
    /// literal that is part of one of them is at least that common.
    static let commonWords: [(String, Double)] = {
        let veryCommon = """
            the and for that with this from http https www com org html user name type value data file test \
            key id api get set new use config version server client error return string default none true \
            false self path time date page code text list info log url host port admin \
            access auth account service example localhost import class public private static function
            """
        let common = """
            password token secret credential session bearer certificate cert aws azure google slack github gitlab \
            jira confluence \
            docker database mysql postgres redis mongo amazon client_id client_secret api_key apikey \
            private_key secret_key access_key passwd pwd login signature sig license ssh rsa begin end \
            webhook hooks bot app dev prod staging internal external endpoint bucket region cluster deploy
            """
        return veryCommon.split(whereSeparator: \.isWhitespace).map { (String($0), 3e-4) }
            + common.split(whereSeparator: \.isWhitespace).map { (String($0), 5e-5) }
    }()
}
