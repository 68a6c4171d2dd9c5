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
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count, let base = haystack.baseAddress else { return false }
        let first = Int32(needle[0])
        let last = haystack.count - needle.count
        var start = 0
        // SAFETY: memchr reads `[start, last]`, inside the haystack; memcmp reads `needle.count`
        // bytes from an offset `<= last`, inside the haystack, and the whole needle.
        while start <= last {
            guard let hit = memchr(base + start, first, last - start + 1) else { return false }
            let offset = base.distance(to: UnsafeRawPointer(hit))
            if memcmp(base + offset, needle.baseAddress!, needle.count) == 0 { return true }
            start = offset + 1
        }
        return false
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
