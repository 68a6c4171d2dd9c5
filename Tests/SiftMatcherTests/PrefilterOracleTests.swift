@testable import SiftMatcher
import Testing

/// The literal prefilter against brute force: every kind of search reports exactly the occurrences
/// (literal, end) that comparing every literal at every offset finds: the DFA, and the filtered
/// search with the bucket filter (the default), with the gram filter alone, and with the trie.
struct PrefilterOracleTests {
    /// Pieces texts and literals are made of: ASCII letters in both cases, the short punctuation and
    /// digit literals rules use, and UTF-8 spellings that fold to ASCII under Unicode rules but must
    /// not under ASCII folding (U+212A KELVIN SIGN, U+017F LONG S).
    static let pieces: [[UInt8]] = [
        "a", "b", "k", "s", "A", "B", "K", "S", "e", "y", "@", "=", "0", "-", "+", "1", " ",
        "\u{212A}", "\u{017F}", "\u{00E9}",
    ].map { Array($0.utf8) } + [[0x00], [0xFF], [0x80]]

    static func randomBytes(_ length: Int, _ random: inout RandomSource) -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count < length { bytes += random.pick(pieces) }
        return Array(bytes.prefix(length))
    }

    static func oracle(_ literals: [Literal], _ text: [UInt8]) -> [Pair] {
        var out: [Pair] = []
        text.withUnsafeBytes { raw in
            for (id, literal) in literals.enumerated() {
                for start in 0..<max(text.count, 0) where literal.matches(raw, at: start) {
                    out.append(Pair(id: id, end: start + literal.bytes.count))
                }
            }
        }
        return out.sorted()
    }

    static func found(_ automaton: LiteralAutomaton, _ text: [UInt8]) -> [Pair] {
        var out: [Pair] = []
        var hits: [UInt64] = []
        text.withUnsafeBytes { raw in automaton.scan(raw, hits: &hits) { out.append(Pair(id: $0, end: $1)) } }
        return out.sorted()
    }

    struct Pair: Comparable, CustomStringConvertible {
        let id: Int
        let end: Int
        static func < (a: Pair, b: Pair) -> Bool { (a.id, a.end) < (b.id, b.end) }
        var description: String { "\(id)@\(end)" }
    }

    static func randomLiterals(_ random: inout RandomSource) -> [Literal] {
        var set = Set<Literal>()
        let count = random.int(1...60)
        while set.count < count {
            let length = random.pick([1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 12])
            set.insert(Literal(randomBytes(length, &random), caseless: random.chance(0.5)))
        }
        return Array(set)
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func everyKindEqualsBruteForce(seed: UInt64) {
        var random = RandomSource(seed: seed)
        for _ in 0..<150 {
            let literals = Self.randomLiterals(&random)
            let dfa = LiteralAutomaton(literals, kind: .automaton)
            let filtered = LiteralAutomaton(literals, kind: .gramFilter)
            let walked = LiteralAutomaton(literals, kind: .gramFilter, startTable: false)
            let grams = LiteralAutomaton(literals, kind: .gramFilter, bucketFilter: false)
            for _ in 0..<6 {
                let length = random.pick([0, 1, 2, 3, 4, 5, 15, 16, 17, 31, 33, 100, 1500])
                let text = Self.randomBytes(length, &random)
                let expected = Self.oracle(literals, text)
                #expect(Self.found(dfa, text) == expected, "DFA, literals \(literals), text \(text)")
                #expect(Self.found(filtered, text) == expected, "filter, literals \(literals), text \(text)")
                #expect(Self.found(walked, text) == expected, "filter and trie, literals \(literals), text \(text)")
                #expect(Self.found(grams, text) == expected, "gram filter, literals \(literals), text \(text)")
            }
        }
    }

    @Test func occurrencesAtBothEndsOfTheText() {
        let literals = [
            Literal("@", caseless: false), Literal("==", caseless: false), Literal("00-", caseless: false),
            Literal("+1", caseless: false), Literal("key", caseless: true), Literal("Secret", caseless: false),
            Literal("password", caseless: true), Literal("\u{212A}ey", caseless: true), Literal("\u{017F}k", caseless: true),
        ]
        let filtered = LiteralAutomaton(literals, kind: .gramFilter)
        let walked = LiteralAutomaton(literals, kind: .gramFilter, startTable: false)
        let grams = LiteralAutomaton(literals, kind: .gramFilter, bucketFilter: false)
        let dfa = LiteralAutomaton(literals, kind: .automaton)
        let samples = [
            "@", "==", "+1", "00-", "KEY", "Key", "key", "Secret", "SECRET", "PassWord", "\u{212A}EY", "kEY",
            "\u{017F}K", "sk", "a@", "@a", "x==", "PASSWORD@", "@PASSWORD", "==Secret==", "ke", "k", "",
        ]
        for prefix in ["", "x", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"] {
            for suffix in ["", "y", "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"] {
                for sample in samples {
                    let text = Array((prefix + sample + suffix).utf8)
                    let expected = Self.oracle(literals, text)
                    #expect(Self.found(filtered, text) == expected, "\(prefix + sample + suffix)")
                    #expect(Self.found(walked, text) == expected, "trie, \(prefix + sample + suffix)")
                    #expect(Self.found(grams, text) == expected, "gram filter, \(prefix + sample + suffix)")
                    #expect(Self.found(dfa, text) == expected, "\(prefix + sample + suffix)")
                }
            }
        }
    }

    @Test func textsLongerThanOneBlock() {
        var random = RandomSource(seed: 99)
        let literals = Self.randomLiterals(&random) + [Literal("ab", caseless: true), Literal("abab", caseless: true)]
        let text = Self.randomBytes(2 * LiteralAutomaton.hitBufferCapacity + 77, &random)
        let expected = Self.oracle(literals, text)
        #expect(Self.found(LiteralAutomaton(literals, kind: .gramFilter), text) == expected)
        #expect(Self.found(LiteralAutomaton(literals, kind: .gramFilter, startTable: false), text) == expected)
        #expect(Self.found(LiteralAutomaton(literals, kind: .gramFilter, bucketFilter: false), text) == expected)
        #expect(Self.found(LiteralAutomaton(literals, kind: .automaton), text) == expected)
    }

    @Test func scalarAndSIMDFiltersAgree() {
        var random = RandomSource(seed: 7)
        for _ in 0..<150 {
            let filter = GramFilter(Self.randomLiterals(&random))
            let text = Self.randomBytes(random.pick([0, 3, 17, 40, 100, 300]), &random)
            for start in [0, 1, 5] where start <= text.count {
                let end = text.count - min(text.count - start, random.int(0...3))
                var found: [[UInt32]] = []
                for level in 0...max(GramFilter.simdLevel, 2) {
                    var out = [UInt32](repeating: 0, count: text.count + 1)
                    let n = text.withUnsafeBytes { raw in
                        out.withUnsafeMutableBufferPointer { filter.candidates(raw, from: start, to: end, into: $0.baseAddress!, level: level) }
                    }
                    found.append(Array(out.prefix(n)))
                }
                #expect(Set(found).count == 1, "levels disagree: \(found)")
            }
        }
    }

    /// More hits than one round of the filtered search can hold: every start position has three.
    @Test func roundsOfHitRecords() {
        let literals = [Literal("a", caseless: false), Literal("aa", caseless: false), Literal("aaa", caseless: true)]
        let text = [UInt8](repeating: UInt8(ascii: "a"), count: LiteralAutomaton.hitBufferCapacity + 5)
        let expected = Self.oracle(literals, text)
        #expect(Self.found(LiteralAutomaton(literals, kind: .gramFilter), text) == expected)
        #expect(Self.found(LiteralAutomaton(literals, kind: .gramFilter, startTable: false), text) == expected)
        #expect(Self.found(LiteralAutomaton(literals, kind: .gramFilter, bucketFilter: false), text) == expected)
    }

    @Test func automaticChoiceKeepsTheDFAForCommonOneByteLiterals() {
        #expect(!LiteralAutomaton([Literal("e", caseless: true), Literal("a", caseless: true)]).usesFilter)
        #expect(LiteralAutomaton([Literal("password", caseless: true), Literal("AKIA", caseless: false)]).usesFilter)
    }
}
