/// Makes bytes acceptable to an XML 1.0 parser without changing their length, so that libxml2
/// reads a damaged or hostile document to its end instead of stopping at the first bad byte (and
/// leaving everything after it unscanned):
///
/// - C0 control characters other than tab, line feed and carriage return become spaces (real
///   Confluence exports contain them);
/// - bytes that are not UTF-8 — Latin-1 text, stray continuation bytes, truncated or overlong
///   sequences, surrogates, U+FFFE and U+FFFF — become `?`, byte for byte.
///
/// Offsets are kept, so line and column numbers still point into the original bytes.
public enum XMLInputRepair {
    /// Repairs `bytes` in place; returns how many are complete — the rest, at most three, start a
    /// sequence that may go on in the next chunk (with `atEnd`, they are repaired too).
    public static func repair(_ bytes: UnsafeMutableBufferPointer<UInt8>, atEnd: Bool) -> Int {
        let question: UInt8 = 0x3F
        let count = bytes.count
        var i = 0
        while i < count {
            // Fast path: eight ASCII bytes at once, none of them below 0x20 (the usual case); in a
            // word that has one (a line feed, most often) or a non-ASCII byte, skip to it and go
            // through the byte-by-byte path below for that byte.
            if i + 8 <= count, let base = bytes.baseAddress {
                // SAFETY: `i + 8 <= count`, so the eight bytes lie inside `bytes`.
                let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                let high: UInt64 = 0x8080_8080_8080_8080
                // High bits of the bytes below 0x20 (exact up to and including the first one: a
                // borrow only starts at such a byte) and of the non-ASCII bytes.
                let flagged = ((word &- 0x2020_2020_2020_2020) & ~word & high) | (word & high)
                if flagged == 0 {
                    i += 8
                    continue
                }
                // Skip to the first flagged byte (little-endian: the lowest set bit's byte): the
                // bytes before it need no repair.
                let skip = flagged.trailingZeroBitCount / 8
                if skip > 0 {
                    i += skip
                    continue
                }
            }
            let lead = bytes[i]
            if lead < 0x80 {
                if lead < 0x20, lead != 0x09, lead != 0x0A, lead != 0x0D { bytes[i] = 0x20 }
                i += 1
                continue
            }
            // The sequence's length and the range of its second byte (RFC 3629, table 3-7).
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xED: length = 3; high = 0x9F  // no surrogates
            case 0xE1...0xEF: length = 3
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default:
                bytes[i] = question
                i += 1
                continue
            }
            var valid = 1
            while valid < length, i + valid < bytes.count {
                let byte = bytes[i + valid]
                let (min, max) = valid == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
                guard byte >= min, byte <= max else { break }
                valid += 1
            }
            if valid < length, i + valid == bytes.count, !atEnd { return i }  // cut by the chunk's end
            if valid < length {
                for k in i..<(i + valid) { bytes[k] = question }
                i += valid
                continue
            }
            // U+FFFE and U+FFFF are not XML characters either.
            if lead == 0xEF, bytes[i + 1] == 0xBF, bytes[i + 2] >= 0xBE {
                for k in i..<(i + 3) { bytes[k] = question }
            }
            i += length
        }
        return bytes.count
    }

    /// Repairs a whole document.
    public static func repair(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBufferPointer { _ = repair($0, atEnd: true) }
    }
}
