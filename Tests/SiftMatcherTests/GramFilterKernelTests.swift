@testable import SiftMatcher
import Testing

/// The gram filter's C loops (portable, AVX2, AVX-512) against a model of the filter written here
/// from its definition, position by position: the same positions pass at every level, for every
/// text length up to 100, every start and several ends, texts at every alignment in memory with
/// bytes after their end that would pass if a loop read them; and no position where a literal
/// occurs is ever dropped.
struct GramFilterKernelTests {
    /// Literals of 1–3 bytes (the pair table) and longer (the hashed grams), caseless and not, with
    /// bytes of 0x80 and above (0xC1 differs from `A` only in its high bit) and the bytes around the
    /// ASCII letters (`@`, `[`, `` ` ``, `{`), where folding must stop.
    static let pieces: [[UInt8]] = [
        "a", "b", "k", "s", "A", "B", "K", "S", "z", "Z", "@", "[", "`", "{", "=", "0", "-", " ",
    ].map { Array($0.utf8) } + [[0x00], [0xFF], [0x80], [0xC1], [0xE1], [0xC3, 0xA9]]

    static func bytes(_ length: Int, _ random: inout RandomSource) -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count < length { bytes += random.pick(pieces) }
        return Array(bytes.prefix(length))
    }

    static func literals(
        _ random: inout RandomSource, count: ClosedRange<Int> = 1...24, lengths: [Int] = [1, 2, 2, 3, 3, 3, 4, 5, 7]
    ) -> [Literal] {
        var set = Set<Literal>()
        let count = random.int(count)
        while set.count < count {
            let length = random.pick(lengths)
            set.insert(Literal(bytes(length, &random), caseless: random.chance(0.5)))
        }
        return Array(set)
    }

    /// Whether position `p` of `text` passes, from the definition in `GramFilter` (bytes past the end
    /// read as 0; the gram only for windows inside the text).
    static func modelPasses(_ filter: GramFilter, _ text: [UInt8], _ p: Int) -> Bool {
        let b = (0..<4).map { p + $0 < text.count ? Int(text[p + $0]) : 0 }
        let pair = GramFilter.pairIndex(b[0], b[1], b[2])
        if filter.pairs[pair >> 6] >> UInt64(pair & 63) & 1 != 0 { return true }
        guard p + 4 <= text.count else { return false }
        var word: UInt32 = 0
        for k in 0..<4 { word |= UInt32(Literal.fold(UInt8(b[k]))) << (8 * k) }
        let gram = Int(GramFilter.hash(word, bits: filter.gramBits))
        return filter.grams[gram >> 6] >> UInt64(gram & 63) & 1 != 0
    }

    /// Every level's candidates for `text[start..<end]`, with the text placed `offset` bytes into a
    /// buffer whose bytes after the text start literals (a loop that read them would differ).
    static func candidates(
        _ filter: GramFilter, _ text: [UInt8], offset: Int, start: Int, end: Int, tail: [UInt8]
    ) -> [[Int]] {
        everyLevel(text, offset: offset, start: start, end: end, tail: tail) { raw, out, level in
            filter.candidates(raw, from: start, to: end, into: out, level: level)
        }
    }

    /// The positions `scan(text, out, level)` writes at levels 0 ... 2 for `text[start..<end]` (as
    /// offsets from `start`), with the text placed `offset` bytes into a buffer followed by `tail`;
    /// checks that no level writes more than `end - start` entries.
    static func everyLevel(
        _ text: [UInt8], offset: Int, start: Int, end: Int, tail: [UInt8],
        _ scan: (UnsafeRawBufferPointer, UnsafeMutablePointer<UInt32>, Int) -> Int
    ) -> [[Int]] {
        let buffer = [UInt8](repeating: 0x41, count: offset) + text + tail
        return (0...2).map { level in
            var out = [UInt32](repeating: .max, count: end - start + 1)
            let n = buffer.withUnsafeBytes { whole in
                let raw = UnsafeRawBufferPointer(rebasing: whole[offset..<(offset + text.count)])
                return out.withUnsafeMutableBufferPointer { scan(raw, $0.baseAddress!, level) }
            }
            #expect(out[end - start] == .max, "level \(level) wrote past the room it was given")
            return out.prefix(n).map { start + Int($0) }
        }
    }

    @Test func everyLevelMatchesTheModelAtEveryLengthAndStart() {
        var random = RandomSource(seed: 20261201)
        for round in 0..<12 {
            let literals = Self.literals(&random)
            let filter = GramFilter(literals)
            // Bytes after the text that every literal set here lets through.
            let tail = Array(repeating: literals[0].bytes, count: 40).flatMap { $0 }
            for length in 0...100 {
                let text = Self.bytes(length, &random)
                Self.checkEveryLevel(
                    literals, text, starts: Array(0...min(length, 40)), model: { Self.modelPasses(filter, text, $0) }
                ) { start, end in
                    Self.candidates(filter, text, offset: (length + round) % 64, start: start, end: end, tail: tail)
                }
            }
        }
    }

    /// A filter's loops against its model on one text: the model keeps every position where one of
    /// `literals` occurs, and `candidates(start, end)` (every level's positions in `start..<end`)
    /// are the model's, for each of `starts` and ends near it and near the text's end.
    static func checkEveryLevel(
        _ literals: [Literal], _ text: [UInt8], starts: [Int], model: (Int) -> Bool,
        candidates: (_ start: Int, _ end: Int) -> [[Int]]
    ) {
        let length = text.count
        let expected = (0..<length).map(model)
        text.withUnsafeBytes { raw in
            for p in 0..<length where literals.contains(where: { $0.matches(raw, at: p) }) {
                #expect(expected[p], "the model drops an occurrence at \(p): \(literals), \(text)")
            }
        }
        for start in starts where start <= length {
            for end in Set([length, max(start, length - 1), max(start, length - 5), start, min(length, start + 17),
                            min(length, start + 48), max(start, length - 47)]) {
                let found = candidates(start, end)
                let want = (start..<end).filter { expected[$0] }
                for level in 0...2 {
                    #expect(found[level] == want, "level \(level), length \(length), \(start)..<\(end)")
                }
            }
        }
    }

    /// Every alignment of the text in memory, for a text long enough that the SIMD loops run.
    @Test func everyAlignment() {
        var random = RandomSource(seed: 5)
        let literals = [
            Literal("a", caseless: true), Literal("@=", caseless: false), Literal("kS", caseless: true),
            Literal([0xC3, 0xA9, 0x41], caseless: false), Literal("sekZ", caseless: true), Literal("B0-z ab", caseless: false),
        ]
        let filter = GramFilter(literals)
        for offset in 0..<64 {
            let text = Self.bytes(97, &random)
            let want = (0..<text.count).filter { Self.modelPasses(filter, text, $0) }
            let found = Self.candidates(filter, text, offset: offset, start: 0, end: text.count, tail: Array("aaaa".utf8))
            for level in 0...2 { #expect(found[level] == want, "level \(level), offset \(offset)") }
        }
    }
}
