#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Line starts of a UTF-8 text, for turning byte offsets into 1-based line numbers and lines.
///
/// Lines end at `\n`; a `\r` before it belongs to the line terminator. Building the index is one
/// pass over the bytes; each lookup is a binary search.
public struct LineIndex: Sendable, Hashable {
    /// Byte offset of the first byte of every line; always starts with 0.
    public let lineStarts: [Int]
    /// The length of the indexed text.
    public let count: Int

    public init(_ bytes: some Collection<UInt8>) {
        if let starts = bytes.withContiguousStorageIfAvailable(Self.lineStarts(of:)) {
            lineStarts = starts
            count = bytes.count
            return
        }
        var starts = [0]
        var offset = 0
        for byte in bytes {
            offset += 1
            if byte == 0x0A { starts.append(offset) }
        }
        lineStarts = starts
        count = offset
    }

    /// The line starts of contiguous bytes: `memchr` from one line feed to the next (a byte-by-byte
    /// loop over a multi-megabyte attachment cost as much as a tenth of matching it).
    private static func lineStarts(of bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var starts = [0]
        guard let base = bytes.baseAddress else { return starts }
        var offset = 0
        // SAFETY: `offset..<bytes.count` lies inside `bytes`; memchr reads no further.
        while offset < bytes.count, let found = memchr(base + offset, 0x0A, bytes.count - offset) {
            offset = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base + 1
            starts.append(offset)
        }
        return starts
    }

    /// The 1-based line number that contains `offset`.
    public func lineNumber(at offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count
        while low < high {
            let mid = (low + high) / 2
            if lineStarts[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        return max(low, 1)
    }

    /// The byte range of 1-based line `number`, without its terminator (`\n` or `\r\n`).
    public func lineRange(_ number: Int, in bytes: [UInt8]) -> Range<Int> {
        let index = min(max(number, 1), lineStarts.count) - 1
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : count
        if end > start, end <= bytes.count, bytes[end - 1] == 0x0D { end -= 1 }
        return start..<max(start, end)
    }

    /// The 1-based column of `offset` in Unicode scalars (as SARIF's `unicodeCodePoints`).
    public func column(at offset: Int, in bytes: [UInt8]) -> Int {
        let start = lineStarts[lineNumber(at: offset) - 1]
        var column = 1
        var index = start
        while index < offset, index < bytes.count {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return column
    }
}
