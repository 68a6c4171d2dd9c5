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
                utf8.withUnsafeBufferPointer {
                    table[Self.key(Self.hash($0, from: 0, count: $0.count), length: $0.count), default: []].append(Int32(pieces.count))
                }
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
                    // A rolling hash: each position costs a multiply and an add, not `length`
                    // of them (a line of 200 bytes and pieces of 20 was 4 000 steps per length).
                    let top = Self.power(length - 1)
                    var hash = Self.hash(line, from: 0, count: length)
                    for i in 0...(line.count - length) {
                        if i > 0 {
                            hash = (hash &- UInt64(line[i - 1]) &* top) &* Self.base &+ UInt64(line[i + length - 1])
                        }
                        guard let ids = table[Self.key(hash, length: length)] else { continue }
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

    /// The multiplier of the polynomial hash (odd, so multiplying by it loses nothing mod 2^64).
    private static let base: UInt64 = 0x0000_0100_0000_01B3

    /// `base` to the power `exponent`, mod 2^64.
    private static func power(_ exponent: Int) -> UInt64 {
        var result: UInt64 = 1
        for _ in 0..<exponent { result = result &* base }
        return result
    }

    /// The polynomial hash of `count` bytes from `from`: the sum of byte k times
    /// `base^(count - 1 - k)`, what ``occurring(in:into:)`` rolls along a line.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, count: Int) -> UInt64 {
        var hash: UInt64 = 0
        for i in from..<(from + count) {
            hash = hash &* base &+ UInt64(bytes[i])
        }
        return hash
    }

    /// The table's key for a hash of `length` bytes: pieces of different lengths apart.
    private static func key(_ hash: UInt64, length: Int) -> UInt64 {
        hash ^ (UInt64(length) &* 0x9E37_79B9_7F4A_7C15)
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
