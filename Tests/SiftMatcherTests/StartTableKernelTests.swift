@testable import SiftMatcher
import Testing

/// The start table's C loops (portable, AVX2, AVX-512) against comparing every literal at every start
/// by hand: the same records in the same order (by start, then by end), for literals of 1 to 20
/// bytes (past the eight compared in one word), caseless or not, with bytes of 0x80 and above and
/// the bytes around the ASCII letters; starts at every position of texts placed at every alignment
/// in memory with bytes after their end that would complete a literal if the loops read them.
struct StartTableKernelTests {
    /// The gram filter's kernel tests' texts: ASCII letters of both cases, the bytes around them,
    /// bytes of 0x80 and above.
    static func bytes(_ length: Int, _ random: inout RandomSource) -> [UInt8] {
        GramFilterKernelTests.bytes(length, &random)
    }

    /// Literals that share starts often (a few short stems, extended), so that lists hold several.
    static func literals(_ random: inout RandomSource) -> [Literal] {
        let stems = (0..<4).map { _ in bytes(random.int(1...3), &random) }
        var set = Set<Literal>()
        let count = random.int(1...40)
        while set.count < count {
            let length = random.pick([1, 2, 3, 3, 4, 5, 7, 8, 9, 12, 20])
            let stem = random.chance(0.6) ? random.pick(stems) : []
            let bytes = Array((stem + Self.bytes(length, &random)).prefix(length))
            set.insert(Literal(bytes, caseless: random.chance(0.5)))
        }
        return Array(set)
    }

    /// The records the table must write for `starts`: per start, its literals by length, then id.
    static func expected(_ literals: [Literal], _ text: [UInt8], _ starts: [Int]) -> [UInt64] {
        text.withUnsafeBytes { raw in
            starts.flatMap { start in
                literals.indices.filter { literals[$0].matches(raw, at: start) }
                    .sorted { (literals[$0].bytes.count, $0) < (literals[$1].bytes.count, $1) }
                    .map { UInt64(start + literals[$0].bytes.count) << 24 | UInt64($0) }
            }
        }
    }

    /// The records of `table` at `level` from `starts`, in rounds of at most `capacity` records,
    /// with the text placed `offset` bytes into a buffer followed by `tail`.
    static func found(
        _ table: StartTable, _ text: [UInt8], _ starts: [Int], level: Int, offset: Int, tail: [UInt8], capacity: Int
    ) -> [UInt64] {
        let buffer = [UInt8](repeating: 0x61, count: offset) + text + tail
        let positions = starts.map(UInt32.init)
        var records = [UInt64](repeating: .max, count: capacity + 1)
        var out: [UInt64] = []
        buffer.withUnsafeBytes { whole in
            let raw = UnsafeRawBufferPointer(rebasing: whole[offset..<(offset + text.count)])
            positions.withUnsafeBufferPointer { positions in
                records.withUnsafeMutableBufferPointer { records in
                    var done = 0
                    while done < positions.count {
                        let (walked, written) = table.walk(
                            raw, starts: positions.baseAddress! + done, count: positions.count - done, base: 0,
                            hits: records.baseAddress!, capacity: capacity, level: level)
                        #expect(walked > 0, "no progress")
                        #expect(records[capacity] == .max, "level \(level) wrote past its capacity")
                        out += records.prefix(written)
                        done += max(walked, 1)
                    }
                }
            }
        }
        return out
    }

    @Test func everyLevelFindsExactlyTheLiteralsAtEachStart() {
        var random = RandomSource(seed: 20261201)
        for round in 0..<60 {
            let literals = Self.literals(&random)
            let table = StartTable(literals)
            // Bytes after the text that complete literals, if a loop read them.
            let tail = literals.flatMap(\.bytes) + Array(repeating: 0x61, count: 24)
            for length in [0, 1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 64, 200] {
                let text = Self.bytes(length, &random)
                let starts = Array(0..<length)
                let want = Self.expected(literals, text, starts)
                for level in [0, 1, 2] {
                    let offset = (length + round + level) % 64
                    let capacity = random.pick([table.maxHitsPerStart, table.maxHitsPerStart + 1, 4096])
                    let got = Self.found(table, text, starts, level: level, offset: offset, tail: tail, capacity: capacity)
                    #expect(got == want, "level \(level), literals \(literals), text \(text)")
                }
            }
        }
    }

    /// Every split of a start's literals between the short list (0-4 of one or two bytes) and its
    /// bucket (0-10 of three bytes or more), all of which occur: the SIMD code takes both lists in
    /// one step up to eight (AVX2: four) entries together, and in steps of eight (four) per list beyond.
    @Test func everySplitBetweenTheTwoLists() {
        let shorts = [Literal("q", caseless: false), Literal("q", caseless: true), Literal("qA", caseless: true),
                      Literal("QA", caseless: false)]
        let longs = (3...12).map { Literal(Array("QAbcdefghijklmn".utf8.prefix($0)), caseless: $0 % 2 == 1) }
        let text = Array("xQAbcdefghijklmnQAb".utf8)
        for a in 0...shorts.count {
            for b in 0...longs.count {
                let literals = Array(shorts.prefix(a)) + Array(longs.prefix(b))
                guard !literals.isEmpty else { continue }
                let table = StartTable(literals)
                let starts = Array(0..<text.count)
                let want = Self.expected(literals, text, starts)
                for level in [0, 1, 2] {
                    let got = Self.found(table, text, starts, level: level, offset: a + b, tail: [], capacity: table.maxHitsPerStart)
                    #expect(got == want, "level \(level), \(a) short, \(b) long")
                }
            }
        }
    }

    /// Literals that fill one list past eight entries (the AVX-512 loop's step), and long ones whose
    /// bytes after the eighth differ only in case or only at the end.
    @Test func longListsAndLongLiterals() {
        var literals = (0..<19).map { Literal("ab\(String(UnicodeScalar(UInt8(0x61 + $0))))", caseless: $0 % 2 == 0) }
        literals += (0..<11).map { Literal("abc" + String(repeating: "x", count: $0), caseless: $0 % 3 == 0) }
        literals += [
            Literal("passwordSecret", caseless: false), Literal("passwordsecret", caseless: true),
            Literal("PASSWORDSECRE", caseless: false), Literal([0x61, 0x62, 0x63, 0xC3, 0xA9, 0x78, 0x78, 0x78, 0x78, 0xFF], caseless: true),
            Literal("ab", caseless: false), Literal("A", caseless: true), Literal("aB", caseless: false),
        ]
        let table = StartTable(literals)
        var random = RandomSource(seed: 11)
        let samples = [
            "abcxxxxxxxxxx", "ABCXXXXXXXX", "abCxxxx", "passwordSecret", "PASSWORDSECRET", "passwordsecreT", "PasswordSecre",
            "abs", "ABS", "aBt", "ab", "a", "",
        ].map { Array($0.utf8) } + [[0x61, 0x62, 0x63, 0xC3, 0xA9, 0x58, 0x78, 0x78, 0x78, 0xFF], [0x61, 0x62, 0x63, 0xE3, 0xA9]]
        for sample in samples {
            for prefix in [[], Self.bytes(3, &random)] {
                for suffix in [[], Self.bytes(1, &random), Self.bytes(9, &random)] {
                    let text = prefix + sample + suffix
                    let starts = Array(0..<text.count)
                    let want = Self.expected(literals, text, starts)
                    for level in [0, 1, 2] {
                        let got = Self.found(table, text, starts, level: level, offset: 3, tail: Array("abcxxxxxxxxxxxx".utf8),
                                             capacity: 4096)
                        #expect(got == want, "level \(level), text \(text)")
                    }
                }
            }
        }
    }
}
