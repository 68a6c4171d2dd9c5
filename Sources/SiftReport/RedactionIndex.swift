import SiftCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The strings to hide of one content version, split into the pieces ``Redaction`` masks and
/// hashed by length, so that finding which of them occur in a line costs a few hash lookups per
/// byte of the line (one per distinct piece length) instead of one search per string. A CSV
/// attachment with 20 000 e-mail addresses has 20 000 findings, each hiding all 20 000 strings in
/// its line: string by string that was quadratic (44 s to list them).
final class RedactionIndex: Sendable {
    /// The list it was built from.
    let strings: [String]
    private let pieces: [String]
    /// The pieces' UTF-8 bytes, one after the other: piece `k` is `bytes[starts[k] ..< starts[k + 1]]`.
    private let bytes: [UInt8]
    private let starts: [Int]
    /// The distinct piece lengths, in bytes.
    private let lengths: [Int]
    /// Pieces by the hash of their bytes.
    private let table: [UInt64: [Int32]]

    init(_ strings: [String]) {
        self.strings = strings
        var pieces: [String] = []
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        var table: [UInt64: [Int32]] = [:]
        var lengths = Set<Int>()
        for string in strings where !string.isEmpty {
            for piece in Redaction.pieces(of: string) {
                let utf8 = Array(piece.utf8)
                utf8.withUnsafeBufferPointer { table[Self.hash($0, from: 0, count: $0.count), default: []].append(Int32(pieces.count)) }
                pieces.append(piece)
                bytes += utf8
                starts.append(bytes.count)
                lengths.insert(utf8.count)
            }
        }
        self.pieces = pieces
        self.bytes = bytes
        self.starts = starts
        self.lengths = lengths.sorted()
        self.table = table
    }

    /// Adds to `pieces` every piece that occurs in `text`.
    func occurring(in text: String, into found: inout Set<String>) {
        var text = text
        text.withUTF8 { line in
            bytes.withUnsafeBufferPointer { all in
                for length in lengths where length <= line.count {
                    for i in 0...(line.count - length) {
                        guard let ids = table[Self.hash(line, from: i, count: length)] else { continue }
                        for id in ids {
                            let start = starts[Int(id)]
                            guard starts[Int(id) + 1] - start == length else { continue }
                            // SAFETY: both ranges are `length` bytes inside their buffers.
                            if memcmp(line.baseAddress! + i, all.baseAddress! + start, length) == 0 {
                                found.insert(pieces[Int(id)])
                            }
                        }
                    }
                }
            }
        }
    }

    /// FNV-1a over `count` bytes from `from`, and the length.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, count: Int) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(count)
        for i in from..<(from + count) {
            hash = (hash ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}

extension RedactionIndex {
    /// The index of the last list seen, for exporters that redact a content version's findings one
    /// after the other (they share one list, see ``FindingRecord/alsoRedact``).
    final class Cache: Sendable {
        private let last = Mutex<RedactionIndex?>(nil)

        /// An index of `strings`: the last one when the list is the same (comparing the same array
        /// storage is immediate), else a new one.
        func index(of strings: [String]) -> RedactionIndex {
            last.withLock { last in
                if let known = last, known.strings == strings { return known }
                let index = RedactionIndex(strings)
                last = index
                return index
            }
        }
    }
}
