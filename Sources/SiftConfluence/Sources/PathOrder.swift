#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The order in which a directory's files are read and digested: by the bytes of their UTF-8
/// paths, which for the NFC paths of every common file system is the order of `String`'s `<`
/// (UTF-8 keeps the order of code points). `<` compares by canonical equivalence, through the
/// standard library's general comparison; the two sorts of a tree's 7 700 paths took 2 % of a
/// rescan of the Python standard library that way.
package enum PathOrder {
    /// Whether `a` comes before `b`.
    package static func precedes(_ a: String, _ b: String) -> Bool {
        let order = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in precedes(x, y) }
        }
        // A string without contiguous UTF-8 (bridged): compared byte by byte.
        return (order ?? nil) ?? a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Whether the bytes `x` come before the bytes `y` (a proper prefix comes first).
    static func precedes(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        let common = min(x.count, y.count)
        if common > 0 {
            // SAFETY: both buffers hold at least `common` bytes.
            let difference = memcmp(x.baseAddress!, y.baseAddress!, common)
            if difference != 0 { return difference < 0 }
        }
        return x.count < y.count
    }
}
