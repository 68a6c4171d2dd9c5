@testable import SiftMatcher
import Testing

/// Hits none of whose few possible starts the rule's start check admits are dropped as the
/// prefilter finds them (``CompiledRuleSet/Options/prefilterStartChecks``): the engine still
/// reports exactly what the oracle reports.
@Suite struct PrefilterStartCheckTests {
    static let specs = [
        RuleSpec(name: "SSN", pattern: FixedPositionTests.ssn),
        RuleSpec(name: "SIN", pattern: #"\b[1-79]\d{2}[ -]\d{3}[ -]\d{3}\b"#),
        RuleSpec(name: "TOKEN", pattern: #"\bab_[0-9a-f]{6}\b"#),
        RuleSpec(name: "KELVIN", pattern: #"[k0-9]{2}-[a-z]{3}"#, caseless: true),
    ]

    @Test func onlyRulesWithFewStartsPerHitAreChecked() throws {
        let set = try CompiledRuleSet(Self.specs)
        let checked = set.prefilterStartCheckedRules
        #expect(checked[0] && checked[1], "an SSN's literal ends at most four bytes into a match")
        var off = CompiledRuleSet.Options()
        off.prefilterStartChecks = false
        #expect(try !CompiledRuleSet(Self.specs, options: off).prefilterStartCheckedRules.contains(true))
    }

    /// Numbers and separators of every length, cut at random places: with and without the checks,
    /// the engine equals the oracle.
    @Test(arguments: [UInt64(91), 92, 93])
    func engineEqualsOracle(seed: UInt64) throws {
        var off = CompiledRuleSet.Options()
        off.prefilterStartChecks = false
        let sets = try [CompiledRuleSet(Self.specs), CompiledRuleSet(Self.specs, options: off)]
        let oracle = Oracle(Self.specs)
        var random = RandomSource(seed: seed)
        let pieces = ["1", "23", "456", "7890", "-", " ", "123-45-6789", "130 692 544", "ab_", "AB_", "12ab3f", "x",
                      "\u{212A}", "k", "K", "abc", "é", "\n", "_"]
        for round in 0..<80 {
            let text = random.piecesText(pieces, round: round)
            let expected = oracle.matches(in: text)
            #expect(sets.map { $0.matchesByRule(in: text) } == [expected, expected], "round \(round)")
        }
    }
}
