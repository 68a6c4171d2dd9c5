@testable import SiftMatcher
import Testing

@Suite struct RunGateTests {
    private func gate(_ pattern: String, caseless: Bool = false) -> RunGate? {
        LiteralExtractor.plan(pattern: pattern, caseless: caseless).runGate
    }

    @Test func ibansAndCardsAreRunsOfTheirClass() throws {
        let iban = try #require(gate(#"\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){3,7}\b"#))
        #expect(iban.minimum == 16 && iban.isSelective)
        #expect((0...255).filter { iban.contains(UInt8($0)) } == [0x20] + Array(0x30...0x39) + Array(0x41...0x5A))
        let card = try #require(gate(#"\b[0-9]{4}(?:[ -]?[0-9]{4}){3}\b"#))
        #expect(card.minimum == 16 && card.isSelective)
        // Lookarounds consume nothing: their characters are not part of the class.
        let digits = try #require(gate(#"(?<![0-9a])[0-9]{8,10}(?!x)"#))
        #expect(!digits.contains(UInt8(ascii: "a")) && !digits.contains(UInt8(ascii: "x")) && digits.minimum == 8)
    }

    @Test func anythingBeyondAnASCIIClassHasNoGate() {
        #expect(gate(#"[A-Z]{2}.{10}"#) == nil, "a dot matches any character")
        #expect(gate(#"[A-Z]{2}[^a]{10}"#) == nil, "a negated class")
        #expect(gate(#"[0-9]{8}é"#) == nil, "a character of two bytes")
        #expect(gate(#"[a-j0-9]{12}"#, caseless: true) != nil)
        #expect(gate(#"[a-k0-9]{12}"#, caseless: true) == nil, "a caseless k also matches U+212A")
        #expect(gate(#"(?i)[0-9]{6}s[0-9]{6}"#) == nil, "a caseless s also matches U+017F")
        #expect(gate(#"([0-9]{6})\1"#) == nil, "a back reference")
        #expect(gate(#"\bAKIA[A-Z0-9]{16}\b"#) == nil, "windowed rules have literals instead")
    }

    @Test func commonClassesAreNotSelective() throws {
        let words = try #require(gate(#"\b[A-Z]{3}-[a-z]{3}\b"#))
        #expect(!words.isSelective, "runs of seven letters are everywhere in prose")
        #expect(try CompiledRuleSet([RuleSpec(name: "W", pattern: #"\b[A-Z]{3}-[a-z]{3}\b"#)]).storage.runGates.isEmpty)
    }

    /// The runs found are exactly the maximal runs of the class at least `minimum` long, for
    /// minimums below, at and above the 64-byte word, with runs across word edges.
    @Test(arguments: [1, 2, 3, 7, 16, 63, 64, 65, 130])
    func runsAreExactlyTheLongMaximalRuns(minimum: Int) {
        var random = RandomSource(seed: UInt64(minimum) * 31 + 5)
        let bytes = ByteClass(Array(0x30...0x39) + [0x20])
        var blocks: [UInt64] = []
        for round in 0..<60 {
            let length = random.int(0...700)
            let density = [0.3, 0.8, 0.95, 0.99, 1.0][round % 5]
            let spaces = [0.05, 0.5, 0.97][round % 3]
            let text = (0..<length).map { _ in
                random.chance(density) ? (random.chance(spaces) ? 0x20 : UInt8(random.int(0x30...0x39))) : UInt8(ascii: "x")
            }
            var expected: [Int] = []
            var start = 0
            while start < length {
                guard bytes.contains(text[start]) else {
                    start += 1
                    continue
                }
                var end = start
                while end < length, bytes.contains(text[end]) { end += 1 }
                if end - start >= minimum { expected += [start, end] }
                start = end
            }
            var runs = [-1]
            var firstBlocks: [UInt64] = [], flags: [UInt64] = []
            text.withUnsafeBytes {
                CharacterRuns.find(bytes, first: bytes, in: $0, minimum: minimum, blocks: &blocks, firstBlocks: &firstBlocks, flags: &flags,
                                   into: &runs)
            }
            #expect(runs == expected, "round \(round), length \(length)")
            // From the first byte that can start a match: here digits, not spaces.
            var trimmed: [Int] = []
            for k in stride(from: 0, to: expected.count, by: 2) {
                guard let from = (expected[k]..<expected[k + 1]).first(where: { text[$0] != 0x20 }),
                    expected[k + 1] - from >= minimum
                else { continue }
                trimmed += [from, expected[k + 1]]
            }
            text.withUnsafeBytes {
                CharacterRuns.find(bytes, first: ByteClass(0x30...0x39), in: $0, minimum: minimum, blocks: &blocks,
                                   firstBlocks: &firstBlocks, flags: &flags, into: &runs)
            }
            #expect(runs == trimmed, "round \(round), length \(length), from digits")
        }
    }

    /// Run-gated rules on texts dense in their classes, with matches planted across the 64-byte
    /// words of the bitmap, with and without start checks, with every gate and with the chosen ones:
    /// the scan equals the oracle.
    @Test func runGatedRulesEqualTheOracle() throws {
        let specs = [
            RuleSpec(name: "IBAN", pattern: #"\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){3,7}\b"#),
            RuleSpec(name: "CARD", pattern: #"\b[0-9]{4}(?:[ -]?[0-9]{4}){3}\b"#),
            RuleSpec(name: "DIGITS", pattern: #"(?<![0-9])[0-9]{8,10}(?![0-9])"#),
            RuleSpec(name: "SHORT", pattern: #"[A-Z]{2}-?[0-9]"#),
            RuleSpec(name: "CASELESS", pattern: #"\b[a-j]{2}[0-9]{3,5}"#, caseless: true),
        ]
        var every = CompiledRuleSet.Options()
        every.everyRunGate = true
        var unchecked = every
        unchecked.startChecks = false
        let sets = try [CompiledRuleSet(specs, options: every), CompiledRuleSet(specs, options: unchecked),
                        CompiledRuleSet(specs)]
        #expect(sets[0].storage.runGates.reduce(0) { $0 + $1.rules.count } == specs.count)
        #expect(sets[2].storage.runGates.reduce(0) { $0 + $1.rules.count } == 3, "IBAN, CARD and DIGITS are selective")
        let oracle = Oracle(specs)
        var random = RandomSource(seed: 91)
        let planted = ["DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432", "4111 1111 1111 1111", "4111111111111111",
                       "123456789", "DE8 3704 0044 0532", "AB-7", "bA1234", "JJ9"]
        for round in 0..<40 {
            let text = CharacterPositionsTests.denseText(&random, length: random.int(1...3000), planting: planted,
                                                         endingBlocks: round % 2 == 0 ? 56...63 : nil)
            let expected = oracle.matches(in: text)
            for (k, set) in sets.enumerated() {
                let engine = set.matches(in: text, using: set.makeScratch())
                    .sorted { ($0.rule, $0.range.lowerBound) < ($1.rule, $1.range.lowerBound) }
                #expect(engine == expected, "round \(round), set \(k)")
            }
        }
    }
}
