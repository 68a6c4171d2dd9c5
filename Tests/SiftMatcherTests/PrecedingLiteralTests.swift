@testable import SiftMatcher
import Testing

/// Prefilter hits that no earlier literal of the rule precedes within the distance the regex allows
/// are dropped (``NeighbourCheck/preceding``): the engine still reports exactly what the oracle
/// reports.
@Suite struct PrecedingLiteralTests {
    static let comparison = #"(?i)\b\w{0,30}(?:password|passwd|secret|pwd)\w{0,10}["\x27\]]{0,2}\s{0,3}(?:===?|!==?|\.equals\()\s{0,3}["\x27]([^"\x27\n]{3,64})["\x27]"#
    /// A gap with a class that holds non-ASCII bytes, and one whose fewest bytes are not zero.
    static let wide = #"key[^\s:]{1,3}-{2}:=QZJX[0-9]{2}"#
    /// Keywords with a long s and a Kelvin sign, a caseless gap that may hold either.
    static let kelvin = #"(?i)(?:sk|ks)[a-z]{0,4}@@qz[0-9]"#

    private func check(_ pattern: String) throws -> NeighbourCheck {
        let plan = LiteralExtractor.plan(pattern: pattern)
        return try #require(NeighbourCheck.derive(pattern: pattern, literals: plan.literals))
    }

    @Test func theKeywordMustComeBeforeTheComparison() throws {
        let check = try self.check(Self.comparison)
        let preceding = try #require(check.preceding)
        #expect(preceding.minimumGap == 0 && preceding.maximumGap == 15, "\\w{0,10}, two quotes, three spaces")
        #expect(preceding.literals.contains(Literal("password", caseless: true)))
        #expect(preceding.literals.contains(Literal("pa\u{17F}sword", caseless: true)), "a long s is an s")
        #expect(preceding.gap.contains(UInt8(ascii: "_")) && preceding.gap.contains(UInt8(ascii: "]")))
        #expect(!preceding.gap.contains(UInt8(ascii: "(")) && !preceding.gap.contains(UInt8(ascii: ".")))
        let off = NeighbourCheck.derive(pattern: Self.comparison, literals: LiteralExtractor.plan(pattern: Self.comparison).literals,
                                        widerChecks: false)
        #expect(off?.preceding == nil)
        let wide = try #require(try self.check(Self.wide).preceding)
        #expect(wide.minimumGap == 1 && wide.maximumGap == 12, "a character of up to four bytes")
        #expect(wide.gap.contains(0xC3) && !wide.gap.contains(UInt8(ascii: ":")))
        let kelvin = try #require(try self.check(Self.kelvin).preceding)
        #expect(kelvin.literals.count == 8 && kelvin.maximumGap == 12, "s, ſ, k, K as Kelvin; a letter of up to three bytes")
    }

    @Test func whatTheScanFinds() throws {
        let set = try CompiledRuleSet([RuleSpec(name: "PC", pattern: Self.comparison)])
        let found = ["if password == 'abc'", "pwd=='abc'", "if SECRET_value_x']   !== \"hunter\"",
                     "PA\u{17F}SWORD.equals('abcd')", "x.passwd0123456789 == 'abc'"]
        for text in found {
            #expect(set.matches(in: Array(text.utf8), using: set.makeScratch()).count == 1, "\(text)")
        }
        let missed = ["if pass == 'abc'", "password(x) == 'abc'", "password_0123456789 == 'abc'", "== 'abc'",
                      "passwor == 'abc'"]
        for text in missed {
            #expect(set.matches(in: Array(text.utf8), using: set.makeScratch()).isEmpty, "\(text)")
        }
    }

    /// Texts full of keywords, gaps and comparisons at every distance, cut at random places (so
    /// that keywords and hits meet the text's edges): the engine with and without the requirement
    /// equals the oracle.
    @Test(arguments: [UInt64(71), 72, 73])
    func engineWithPrecedingLiteralsEqualsOracle(seed: UInt64) throws {
        let specs = [
            RuleSpec(name: "PC", pattern: Self.comparison),
            RuleSpec(name: "WIDE", pattern: Self.wide),
            RuleSpec(name: "KELVIN", pattern: Self.kelvin),
            RuleSpec(name: "CASE", pattern: #"\b(?:secret|key)[_\-]{0,3}[^\n]?=>QZ[0-9]{3}"#, caseless: true),
        ]
        var off = CompiledRuleSet.Options()
        off.widerChecks = false
        let sets = try [CompiledRuleSet(specs), CompiledRuleSet(specs, options: off)]
        #expect((0..<specs.count).allSatisfy { sets[0].neighbourCheck(rule: $0)?.preceding != nil })
        #expect((0..<specs.count).allSatisfy { sets[1].neighbourCheck(rule: $0)?.preceding == nil })
        let oracle = Oracle(specs)
        var random = RandomSource(seed: seed)
        let pieces = ["password", "PASSWORD", "pa\u{17F}sword", "passwd", "secret", "SeCrEt", "pwd", "pass", "wor",
                      "_", "x", "0123456789", "'", "\"", "]", " ", "  ", "\n", "==", "===", "!=", "!==", ".equals(",
                      "'abc'", "\"hunter2\"", "key", "é", "_", "--", ":=QZJX", "12", "sk", "ks", "\u{17F}k", "s\u{212A}",
                      "@@qz", "@@QZ", "a", "b", "7", "KEY", "=>QZ", "=>", "-", "(", "\u{212A}ey", "\u{212A}\u{17F}", ":"]
        for round in 0..<80 {
            let text = random.piecesText(pieces, round: round)
            let expected = oracle.matches(in: text)
            #expect(sets.map { $0.matchesByRule(in: text) } == [expected, expected], "round \(round)")
        }
    }

    /// Keywords and hits at the very edges of a text, and gaps of exactly the fewest and most bytes.
    @Test func edgesAndGapBounds() throws {
        let specs = [RuleSpec(name: "PC", pattern: Self.comparison), RuleSpec(name: "WIDE", pattern: Self.wide),
                     RuleSpec(name: "KELVIN", pattern: Self.kelvin)]
        let set = try CompiledRuleSet(specs)
        #expect((0..<specs.count).allSatisfy { set.neighbourCheck(rule: $0)?.preceding != nil })
        let oracle = Oracle(specs)
        let gap15 = "0123456789']   "
        var texts = ["==", "pwd=='abc'", "pwd==", "==pwd'abc'", "pwd\(gap15)=='abc'", "pwd\(gap15) =='abc'",
                     "pwd0123456789a']   =='abc'", "key_--:=QZJX12", "key--:=QZJX12", "keyé_é--:=QZJX12", "keyééé--:=QZJX12", "key_é_é--:=QZJX12",
                     "key𝄞𝄞𝄞--:=QZJX12", "ks@@qz1", "s\u{212A}abcd@@QZ2", "\u{17F}kabcde@@qz3", "\u{17F}k\u{212A}\u{212A}@@qz3"]
        texts += texts.map { " " + $0 } + texts.map { $0 + "\n" }
        for text in texts {
            let bytes = Array(text.utf8)
            #expect(set.matches(in: bytes, using: set.makeScratch()) == oracle.matches(in: bytes), "\(text)")
        }
    }
}
