@testable import SiftMatcher
import Testing

/// Rules that nothing else filters, run from the starts of their ``SequenceGate``: the engine reports
/// exactly what the brute-force ``Oracle`` reports, on random and adversarial texts.
@Suite struct SequenceGateTests {
    /// Unfiltered shapes: word boundaries, lookbehinds and lookaheads around the gated positions,
    /// optional and unbounded parts after them, captures, caseless and multiline rules.
    static let specs: [RuleSpec] = [
        RuleSpec(name: "words", pattern: #"\b[A-Z]{3}-[a-z]{3}\b"#),
        RuleSpec(name: "behind", pattern: #"(?<![A-Za-z])[a-z]{2}[0-9]{2,4}"#),
        RuleSpec(name: "unbounded", pattern: #"[A-Z][a-z]+[A-Z]"#),
        RuleSpec(name: "pair", pattern: #"\b[a-z]{2}\b"#),
        RuleSpec(name: "ahead", pattern: #"[A-Z]{2}[0-9](?=[a-z])"#),
        RuleSpec(name: "caseless", pattern: #"\b[a-j]{2}[0-9]{1,2}"#, caseless: true),
        RuleSpec(name: "lines", pattern: #"^[A-Z]{2}[0-9]"#, multiline: true),
        RuleSpec(name: "assigned", pattern: #"(?<=[=:])[0-9a-f]{3}[g-z]?"#),
        RuleSpec(name: "overlapping", pattern: #"[A-Z]{2}[A-Z0-9]{0,3}"#),
        RuleSpec(name: "captures", pattern: #"([A-Z][0-9])([a-z]{2})?"#),
    ]

    static var options: CompiledRuleSet.Options {
        var options = CompiledRuleSet.Options()
        options.everySequenceGate = true
        return options
    }

    /// Pieces of text: the rules' characters, separators, and what is not ASCII (UTF-8 and invalid
    /// bytes: a lone continuation byte, a cut sequence, 0xFF).
    static let pieces: [[UInt8]] = [
        Array("ABC-def".utf8), Array("AB".utf8), Array("ab".utf8), Array("12".utf8), Array("Q7".utf8), Array(" ".utf8),
        Array("\n".utf8), Array("=".utf8), Array(":".utf8), Array("x".utf8), Array("Zz".utf8), Array("e9f".utf8),
        Array("é".utf8), [0xFF], [0x80], [0xE2, 0x82], Array("ABCDEFG".utf8), Array("Ab".utf8), Array("-".utf8),
    ]

    static func text(_ random: inout RandomSource, length: Int) -> [UInt8] {
        var text: [UInt8] = []
        while text.count < length { text += random.pick(pieces) }
        return Array(text.prefix(length))
    }

    @Test func everyShapeGetsAGate() throws {
        let set = try CompiledRuleSet(Self.specs, options: Self.options)
        #expect(set.sequenceGatedRules == Self.specs.map { _ in true })
        // By default only where ordinary text rarely passes: the capitals, hyphen and small letters of
        // the first rule, not two small letters.
        let selective = try CompiledRuleSet(Self.specs)
        #expect(selective.sequenceGatedRules[0] && !selective.sequenceGatedRules[3])
        var off = CompiledRuleSet.Options()
        off.sequenceGates = false
        #expect(try CompiledRuleSet(Self.specs, options: off).sequenceGatedRules.allSatisfy { !$0 })
    }

    @Test func noGateWhereAMatchCanBeShortOrEmpty() throws {
        let specs = [
            RuleSpec(name: "empty", pattern: #"(?:[A-Z]{2}-)?"#), RuleSpec(name: "optional first", pattern: #"[A-Z]?[a-z]{3}"#),
            RuleSpec(name: "one", pattern: #"[A-Z][^a-z]"#), RuleSpec(name: "lookahead only", pattern: #"(?=[A-Z]{3})"#),
        ]
        let set = try CompiledRuleSet(specs, options: Self.options)
        #expect(set.sequenceGatedRules == [false, false, false, false])
        let oracle = Oracle(specs)
        var random = RandomSource(seed: 41)
        for _ in 0..<50 { EngineOracleTests.compare(set, oracle, Self.text(&random, length: random.int(0...150)), set.makeScratch()) }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func engineEqualsOracleOnRandomTexts(seed: UInt64) throws {
        let set = try CompiledRuleSet(Self.specs, options: Self.options)
        let oracle = Oracle(Self.specs)
        let scratch = set.makeScratch()
        var random = RandomSource(seed: seed)
        for round in 0..<300 {
            let length = round % 10 == 9 ? random.int(0...70_000) : random.int(0...300)
            EngineOracleTests.compare(set, oracle, Self.text(&random, length: length), scratch)
        }
    }

    /// Matches planted at the text's edges and at the SIMD steps' edges (63, 64, 65, 127, 128), in
    /// texts of every length around them, some shorter than the gates.
    @Test func matchesAtBufferAndBlockEdges() throws {
        let set = try CompiledRuleSet(Self.specs, options: Self.options)
        let oracle = Oracle(Self.specs)
        let scratch = set.makeScratch()
        var random = RandomSource(seed: 9)
        let planted = [Array("ABC-def".utf8), Array("ab12".utf8), Array("AbcD".utf8), Array("=a0f".utf8), Array("QR7x".utf8)]
        for length in Array(0...12) + [62, 63, 64, 65, 66, 126, 127, 128, 129, 130, 191, 192, 193, 255, 256, 257] {
            for match in planted {
                for at in Set([0, 1, 60, 61, 62, 63, 64, 65, 124, 125, 126, 127, 128, length - match.count, length - match.count + 1])
                where at >= 0 && at <= length {
                    var text = Self.text(&random, length: length)
                    let end = min(length, at + match.count)
                    text.replaceSubrange(at..<end, with: match.prefix(end - at))
                    EngineOracleTests.compare(set, oracle, text, scratch)
                }
            }
        }
    }

    /// Runs of one rule's characters, where candidates overlap and touch: global iteration moves on
    /// from each match's end.
    @Test func adjacentAndOverlappingCandidates() throws {
        let set = try CompiledRuleSet(Self.specs, options: Self.options)
        let oracle = Oracle(Self.specs)
        let scratch = set.makeScratch()
        for text in ["ABCDEFGHIJKLMNOPQRSTUVWXYZ", "ab ab ab ab", "abab12ab12ab1234567", "AbAbAbAbA", "A1bcA1A1bc",
                     String(repeating: "ABC-def ", count: 40), String(repeating: "AB", count: 100) + "1x",
                     String(repeating: "=abc", count: 50), "ÉAB1aé=fffz", "AB1a\u{FFFD}AB1"] {
            EngineOracleTests.compare(set, oracle, Array(text.utf8), scratch)
        }
        // Long texts: gated starts in many kernel chunks, starts merged into ranges.
        var random = RandomSource(seed: 12)
        for _ in 0..<3 { EngineOracleTests.compare(set, oracle, Self.text(&random, length: 3 * Scratch.sequenceChunk + 77), scratch) }
    }

    /// The gate is the check's positions before the first optional one, at most eight; it tests the
    /// stretch of them estimated to cost least.
    @Test func gatesAreTheRequiredFrontOfTheCheck() throws {
        func positions(_ pattern: String) -> Int? {
            StartCheck.derive(pattern: pattern, maxPassRate: 1).flatMap(SequenceGate.init)?.span
        }
        #expect(positions(#"\b[A-Z]{3}-[a-z]{3}\b"#) == 7)
        #expect(positions(#"[a-z]{2}[0-9]{2,4}"#) == 4)
        #expect(positions(#"[A-Z]{12}"#) == 8)
        #expect(positions(#"[A-Z]{2}[A-Z0-9]{0,3}"#) == 2)
        #expect(positions(#"[A-Z][0-9]?[a-z]"#) == nil, "one position before an optional one")
        let words = try #require(StartCheck.derive(pattern: #"\b[A-Z]{3}-[a-z]{3}\b"#, maxPassRate: 1).flatMap(SequenceGate.init))
        #expect(words.isSelective)
        #expect(words.window == 0..<4, "the small letters pass most text: not worth testing")
    }
}
