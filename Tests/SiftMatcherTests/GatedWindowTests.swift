@testable import SiftMatcher
import Testing

/// Gated rules whose literals lie near the start of a match are confirmed from the starts near each
/// literal, in windows that reach the end of the text: matches of any length are found whole.
@Suite struct GatedWindowTests {
    @Test func aPrefixLiteralBoundsWhereAnUnboundedMatchStarts() {
        let plan = LiteralExtractor.plan(pattern: #"\b(?:pass|pw)[a-z]*\s*=\s*\S+"#, caseless: true)
        #expect(plan.strategy == .gated && plan.literalReach == 4, "pa and a long s (U+017F) take four bytes")
        let suffix = LiteralExtractor.plan(pattern: #"[a-z]+=secret"#)
        #expect(suffix.strategy == .gated && suffix.literalReach == nil, "the literal can be any distance from the start")
    }

    @Test func longMatchesAcrossLiteralsEqualTheOracle() throws {
        let specs = [
            RuleSpec(name: "PW", pattern: #"\b(?:pass|pw)[a-z]*\s*=\s*\S+"#, caseless: true),
            RuleSpec(name: "TOKEN", pattern: #"(?<=[ =])tok_[a-z0-9]+(?:-[a-z0-9]+)*"#),
            RuleSpec(name: "LONG", pattern: #"key:[0-9a-f]{8,20000}"#),
            RuleSpec(name: "SUFFIX", pattern: #"[a-z]+=secret"#),
        ]
        var off = CompiledRuleSet.Options()
        off.gatedWindows = false
        let sets = try [CompiledRuleSet(specs), CompiledRuleSet(specs, options: off)]
        #expect(sets[0].windowedRules == [true, true, true, false])
        #expect(sets[1].windowedRules == [false, false, false, false])
        let oracle = Oracle(specs)
        var random = RandomSource(seed: 12)
        let pieces = ["password = ", "pw=", "PassWord", "passwd  =  x", " tok_", "tok_ab", "-", "key:", "ab12",
                      String(repeating: "f", count: 17_000), String(repeating: "x", count: 300), " ", "\n", "=secret", "=="]
        for round in 0..<40 {
            var text: [UInt8] = []
            let length = random.int(0...(round % 8 == 7 ? 40_000 : 2000))
            while text.count < length { text += Array(random.pick(pieces).utf8) }
            let expected = oracle.matches(in: text)
            for (k, set) in sets.enumerated() {
                let engine = set.matches(in: text, using: set.makeScratch())
                    .sorted { ($0.rule, $0.range.lowerBound) < ($1.rule, $1.range.lowerBound) }
                #expect(engine == expected, "round \(round), set \(k)")
            }
        }
    }
}
