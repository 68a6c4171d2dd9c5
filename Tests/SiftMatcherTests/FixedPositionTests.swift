@testable import SiftMatcher
import Testing

/// Prefilter hits whose bytes further before or after them cannot be those of fixed-width items
/// next to the literal are dropped (``NeighbourCheck/behind``, ``NeighbourCheck/ahead``): the engine
/// still reports exactly what the oracle reports.
@Suite struct FixedPositionTests {
    static let ssn = #"\b\d{3}[- ]\d{2}[- ]\d{4}\b"#

    private func check(_ pattern: String, caseless: Bool = false) throws -> NeighbourCheck {
        let plan = LiteralExtractor.plan(pattern: pattern, caseless: caseless)
        return try #require(NeighbourCheck.derive(pattern: pattern, caseless: caseless, literals: plan.literals))
    }

    @Test func anSSNsLiteralHasDigitsAndASeparatorBeforeAndDigitsAfter() throws {
        let check = try self.check(Self.ssn)
        #expect(check.behind.count == 4, "a separator, then three digits")
        #expect(check.behind[0].contains(UInt8(ascii: "-")) && !check.behind[0].contains(UInt8(ascii: "1")))
        #expect(check.behind[1...].allSatisfy { $0.contains(UInt8(ascii: "7")) && !$0.contains(UInt8(ascii: " ")) })
        #expect(check.ahead.count == 4 && check.ahead.allSatisfy { $0.contains(UInt8(ascii: "0")) && !$0.contains(UInt8(ascii: "-")) })
        let off = NeighbourCheck.derive(pattern: Self.ssn, literals: LiteralExtractor.plan(pattern: Self.ssn).literals,
                                        widerChecks: false)
        #expect(off?.behind == [] && off?.ahead == [])
    }

    @Test func whereThePositionsStop() throws {
        /// The positions before the end of `pattern`.
        func positions(_ pattern: String) -> Int {
            let node = RegexParser.parse(pattern, caseless: false, dotAll: false, extended: false)
            guard case .concat(let items) = node else { return NeighbourCheck.fixedPositions([node]).count }
            return NeighbourCheck.fixedPositions(items.reversed()).count
        }
        #expect(positions(#"a[0-9]{2,5}[a-c]"#) == 3, "one of a-c, two digits at least, then unknown")
        #expect(positions(#"(?i)k[0-9]{3}"#) == 3, "a caseless k may be a Kelvin sign")
        #expect(positions(#"(?i)[0-9]{3}"#) == 3)
        #expect(positions(#"[é0-9][0-9]{3}"#) == 3, "a character of two bytes")
        #expect(positions(#"[^a]x"#) == 1, "a negated class holds non-ASCII characters")
        #expect(positions(#"x{20}"#) == NeighbourCheck.maxPositions)
        let zero = try check(#"[0-9]{3}(?<=7)\b[a-c]@@qz[0-9]{3}(?=1)[0-9]{2}x"#)
        // The literals begin with the last of the three digits (`7a@@qz`): two more before them.
        #expect(zero.behind.count == 2 && zero.ahead.count >= 3, "zero-width items take no bytes")
    }

    /// Texts of digits, separators and near misses, cut at random places: the engine with and
    /// without the positions equals the oracle.
    @Test(arguments: [UInt64(81), 82, 83])
    func engineWithPositionsEqualsOracle(seed: UInt64) throws {
        let specs = [
            RuleSpec(name: "SSN", pattern: Self.ssn),
            RuleSpec(name: "SPLIT", pattern: #"[0-9]{2,5}[a-c]@@qz[0-9]"#),
            RuleSpec(name: "ZERO", pattern: #"[0-9]{3}(?<=7)\b[a-c]@@qz[0-9]{3}(?=1)[0-9]{2}x"#),
            RuleSpec(name: "KELVIN", pattern: #"k[0-9]{3}[^x]@@qz[0-9]"#, caseless: true),
            RuleSpec(name: "WIDE", pattern: #"[é0-9][0-9]{3}::[0-9]"#),
        ]
        var off = CompiledRuleSet.Options()
        off.widerChecks = false
        let sets = try [CompiledRuleSet(specs), CompiledRuleSet(specs, options: off)]
        #expect(specs.indices.map { sets[0].neighbourCheck(rule: $0)?.behind.count ?? -1 } == [4, 1, 2, 0, 1],
                "SPLIT and ZERO: the literals take one digit of the run before them; WIDE: two of its four")
        let oracle = Oracle(specs)
        var random = RandomSource(seed: seed)
        let pieces = ["1", "23", "456", "7890", "-", " ", "--", "12-34", "123-45-6789", "123 45 6789", "a", "ab", "abc",
                      "c", "@@qz", "@@QZ", "7", "11", "1234", "k", "K", "\u{212A}", "é", "::", "_", "\n", "x"]
        for round in 0..<80 {
            let text = random.piecesText(pieces, round: round)
            let expected = oracle.matches(in: text)
            #expect(sets.map { $0.matchesByRule(in: text) } == [expected, expected], "round \(round)")
        }
    }

    /// Matches that begin or end the text, and ones a byte short.
    @Test func edges() throws {
        let specs = [RuleSpec(name: "SSN", pattern: Self.ssn)]
        let set = try CompiledRuleSet(specs)
        let oracle = Oracle(specs)
        for text in ["123-45-6789", "23-45-6789", "123-45-678", "123 45 6789 ", " 123-45-6789", "x123-45-6789",
                     "1-45-6789", "123-45-67890", "12345-6789", "123-45-6789-12-3456"] {
            let bytes = Array(text.utf8)
            #expect(set.matches(in: bytes, using: set.makeScratch()) == oracle.matches(in: bytes), "\(text)")
        }
    }
}
