import CSiftSIMD
import SiftCore

/// Turns the bytes of a text file into UTF-8, keeping its lines: UTF-8 (with or without BOM) as is,
/// UTF-16 LE or BE (with a BOM, or recognised by its zero bytes) transcoded, and Latin-1 for files
/// that are not UTF-8 but look like text. Invalid UTF-8 in an otherwise UTF-8 file is kept as it
/// is: the matcher copes with it, and replacing it could hide a secret.
enum TextDecoder {
    enum Encoding: String {
        case utf8 = "utf-8"
        case utf16LE = "utf-16le"
        case utf16BE = "utf-16be"
        case latin1 = "iso-8859-1"
    }

    /// The encoding of `bytes`, or `nil` when they are binary (NUL bytes in a non-UTF-16 file,
    /// many control characters).
    static func encoding(of bytes: [UInt8]) -> Encoding? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8 }
        if bytes.starts(with: [0xFF, 0xFE]) { return .utf16LE }
        if bytes.starts(with: [0xFE, 0xFF]) { return .utf16BE }
        let count = min(bytes.count, 64 * 1024)
        guard count > 0 else { return .utf8 }
        let half = count / 2
        // Binary once both parities hold too many zeros for UTF-16 (see below): the C pass may
        // stop counting there.
        let limit = half / 20
        var statistics = sift_text_statistics()
        // SAFETY: the pass reads `count <= bytes.count` bytes of the buffer, inside this call.
        bytes.withUnsafeBufferPointer { sift_text_statistics_of($0.baseAddress!, count, limit, &statistics) }
        let zerosEven = statistics.zeros_even, zerosOdd = statistics.zeros_odd
        if zerosEven + zerosOdd > 0, zerosEven >= limit, zerosOdd >= limit { return nil }
        // UTF-16 without BOM: mostly ASCII text, so every other byte is zero.
        if half > 0, zerosOdd > half * 6 / 10, zerosEven < half / 20 { return .utf16LE }
        if half > 0, zerosEven > half * 6 / 10, zerosOdd < half / 20 { return .utf16BE }
        if zerosEven + zerosOdd > 0 || statistics.controls > count / 50 { return nil }
        // ASCII is UTF-8: most source files need no second pass.
        if statistics.non_ascii == 0 || isMostlyUTF8(bytes.prefix(count)) { return .utf8 }
        return .latin1
    }

    /// Whether at most a few sequences of `bytes` are invalid UTF-8.
    static func isMostlyUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        var invalid = 0
        var nonASCII = 0
        // SAFETY: every index read is checked against `end` first.
        bytes.withUnsafeBufferPointer { buffer in
            let end = buffer.count
            var i = 0
            while i < end {
                // ASCII eight bytes at a time.
                if i + 8 <= end,
                    UnsafeRawPointer(buffer.baseAddress! + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
                {
                    i += 8
                    continue
                }
                let byte = buffer[i]
                if byte < 0x80 {
                    i += 1
                    continue
                }
                nonASCII += 1
                let length = byte >= 0xF0 && byte < 0xF5 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 && byte < 0xE0 ? 2 : 0
                var valid = length != 0 && i + length <= end
                if valid {
                    for j in (i + 1)..<(i + length) where buffer[j] & 0xC0 != 0x80 {
                        valid = false
                        break
                    }
                }
                if valid {
                    i += length
                } else {
                    invalid += 1
                    i += 1
                }
            }
        }
        return invalid == 0 || invalid * 20 < nonASCII
    }

    /// The text as UTF-8 bytes.
    static func decode(_ bytes: [UInt8], as encoding: Encoding) -> [UInt8] {
        switch encoding {
        case .utf8:
            return bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        case .latin1:
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 8)
            for byte in bytes {
                if byte < 0x80 {
                    out.append(byte)
                } else {
                    out.append(0xC0 | byte >> 6)
                    out.append(0x80 | byte & 0x3F)
                }
            }
            return out
        case .utf16LE, .utf16BE:
            return utf16ToUTF8(bytes, bigEndian: encoding == .utf16BE)
        }
    }

    /// UTF-16 to UTF-8 in one pass, as `String(decoding:as: UTF16.self)` would give it: a surrogate
    /// without its pair becomes U+FFFD, an odd last byte is dropped, a leading BOM is skipped.
    ///
    /// A loop of its own because `String(decoding:as:)` over `[UInt16]` takes the standard library's
    /// unspecialised path (a generic iterator and a witness-table call per code unit): 20 MB/s of
    /// text against more than 1 GB/s for UTF-8 files in extract-bench.
    static func utf16ToUTF8(_ bytes: [UInt8], bigEndian: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2 + bytes.count / 8)
        bytes.withUnsafeBufferPointer { input in
            let count = input.count & ~1
            var i = input.count >= 2 && (bigEndian ? input[0] == 0xFE && input[1] == 0xFF : input[0] == 0xFF && input[1] == 0xFE) ? 2 : 0
            func unit(_ at: Int) -> UInt32 {
                bigEndian ? UInt32(input[at]) << 8 | UInt32(input[at + 1]) : UInt32(input[at + 1]) << 8 | UInt32(input[at])
            }
            while i < count {
                var scalar = unit(i)
                i += 2
                if scalar >= 0xD800, scalar < 0xE000 {
                    if scalar < 0xDC00, i < count, case let low = unit(i), low >= 0xDC00, low < 0xE000 {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        i += 2
                    } else {
                        scalar = 0xFFFD
                    }
                }
                switch scalar {
                case ..<0x80:
                    out.append(UInt8(scalar))
                case ..<0x800:
                    out.append(UInt8(0xC0 | scalar >> 6))
                    out.append(UInt8(0x80 | scalar & 0x3F))
                case ..<0x10000:
                    out.append(UInt8(0xE0 | scalar >> 12))
                    out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
                    out.append(UInt8(0x80 | scalar & 0x3F))
                default:
                    out.append(UInt8(0xF0 | scalar >> 18))
                    out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
                    out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
                    out.append(UInt8(0x80 | scalar & 0x3F))
                }
            }
        }
        return out
    }
}
