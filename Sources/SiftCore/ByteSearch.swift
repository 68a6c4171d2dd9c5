#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exact substring search over bytes (`memchr` for the first byte, vectorised in the C library, then
/// a compare), for the places that ask "does this text contain that string" many times. `String.contains` goes
/// through Foundation's locale-aware search on Linux and costs about a hundred times more.
public enum ByteSearch {
    /// Whether `needle` occurs in `haystack` byte for byte. The empty needle occurs everywhere.
    public static func contains(_ needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer) -> Bool {
        firstOffset(of: needle, in: haystack, from: 0) != nil
    }

    /// The offset of the first occurrence of `needle` in `haystack` at or after `from`; the empty
    /// needle occurs at `from`.
    public static func firstOffset(of needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard !needle.isEmpty else { return from <= haystack.count ? from : nil }
        guard from >= 0, needle.count <= haystack.count - from, let base = haystack.baseAddress else { return nil }
        let first = Int32(needle[0])
        let last = haystack.count - needle.count
        var start = from
        // SAFETY: memchr reads `[start, last]`, inside the haystack; memcmp reads `needle.count`
        // bytes from an offset `<= last`, inside the haystack, and the whole needle.
        while start <= last {
            guard let hit = memchr(base + start, first, last - start + 1) else { return nil }
            let offset = base.distance(to: UnsafeRawPointer(hit))
            if memcmp(base + offset, needle.baseAddress!, needle.count) == 0 { return offset }
            start = offset + 1
        }
        return nil
    }

    /// `text` with every occurrence of `needle` replaced by `replacement`, left to right and without
    /// overlaps, byte for byte; `nil` when `needle` (not empty) does not occur. On valid UTF-8 a
    /// match of a whole string starts and ends on scalar boundaries, so the result is valid UTF-8.
    public static func replacing(_ needle: String, with replacement: String, in text: String) -> String? {
        var needle = needle
        var replacement = replacement
        var text = text
        return needle.withUTF8 { needle in
            replacement.withUTF8 { replacement in
                text.withUTF8 { text -> String? in
                    let (needle, text) = (UnsafeRawBufferPointer(needle), UnsafeRawBufferPointer(text))
                    guard !needle.isEmpty, var hit = firstOffset(of: needle, in: text, from: 0) else { return nil }
                    var result: [UInt8] = []
                    result.reserveCapacity(text.count + replacement.count)
                    var copied = 0
                    while true {
                        result += text[copied..<hit]
                        result += replacement
                        copied = hit + needle.count
                        guard let next = firstOffset(of: needle, in: text, from: copied) else { break }
                        hit = next
                    }
                    result += text[copied...]
                    return String(decoding: result, as: UTF8.self)
                }
            }
        }
    }

    /// Whether `needle`'s UTF-8 bytes occur in `haystack`'s.
    public static func contains(_ needle: String, in haystack: String) -> Bool {
        var needle = needle
        var haystack = haystack
        return needle.withUTF8 { needle in
            haystack.withUTF8 { haystack in
                contains(UnsafeRawBufferPointer(needle), in: UnsafeRawBufferPointer(haystack))
            }
        }
    }
}
