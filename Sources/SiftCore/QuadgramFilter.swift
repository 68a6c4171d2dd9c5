/// A quick "certainly not in this text" test for many needles against one short text: a bitmap of
/// the hashes of the text's 4-byte windows. A needle whose first, middle or last four bytes are
/// not in the bitmap does not occur; otherwise it may (confirm with ``ByteSearch``).
///
/// For redaction: each line of a file with thousands of findings is checked against every one of
/// their strings.
public struct QuadgramFilter: Sendable {
    private var bits: [UInt64]
    private static let hashBits = 14

    /// Indexes the 4-byte windows of `text`.
    public init(_ text: String) {
        bits = [UInt64](repeating: 0, count: 1 << (Self.hashBits - 6))
        var text = text
        text.withUTF8 { bytes in
            guard bytes.count >= 4 else { return }
            for i in 0...(bytes.count - 4) {
                let slot = Self.slot(bytes, at: i)
                bits[slot >> 6] |= 1 << UInt64(slot & 63)
            }
        }
    }

    /// `false` when `needle` (its UTF-8 bytes) certainly does not occur in the text; needles shorter
    /// than four bytes may always occur.
    public func mayContain(_ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { bytes in
            guard bytes.count >= 4 else { return true }
            return has(Self.slot(bytes, at: 0)) && has(Self.slot(bytes, at: (bytes.count - 4) / 2))
                && has(Self.slot(bytes, at: bytes.count - 4))
        }
    }

    private func has(_ slot: Int) -> Bool {
        bits[slot >> 6] & (1 << UInt64(slot & 63)) != 0
    }

    private static func slot(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let word = UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
        return Int((word &* 0x9E37_79B1) >> UInt32(32 - hashBits))
    }
}
