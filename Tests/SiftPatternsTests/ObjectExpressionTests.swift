import SiftPatterns
import Testing

@Suite struct ObjectExpressionTests {
    @Test func parsesPrecedenceAndFunctions() throws {
        let e = try ObjectExpressionParser.parse(#"Count("SSN1") * 0.25 + Count("SSN2") * 0.75 > 5 and not Near("A", "B", 40) or CountUnique('C') >= 2"#)
        guard case .binary(.or, let left, .binary(.greaterOrEqual, .count("C", unique: true), .number(2))) = e else {
            Issue.record("or binds loosest: \(e)")
            return
        }
        guard case .binary(.and, .binary(.greater, .binary(.add, _, _), .number(5)), .not(.near("A", "B", 40))) = left else {
            Issue.record("and binds tighter than or, comparison tighter than and: \(left)")
            return
        }
        #expect(e.references == ["SSN1", "SSN2", "A", "B", "C"])
    }

    @Test(arguments: [
        ("Count(\"A\") >", "expected a value", 12),
        ("Count(A) > 1", "expected a quoted", 6),
        ("Cnt(\"A\") > 1", "unknown function 'Cnt'", 0),
        ("Near(\"A\", \"B\") > 0", "expected ','", 13),
        ("(Count(\"A\") > 1", "expected ')'", 15),
        ("Count(\"A\") > 1 )", "unexpected ')'", 15),
    ])
    func syntaxErrorsSayWhatAndWhere(source: String, message: String, offset: Int) {
        do {
            _ = try ObjectExpressionParser.parse(source)
            Issue.record("should not parse: \(source)")
        } catch {
            #expect(error.message.contains(message), "\(error)")
            #expect(error.offset == offset, "\(error)")
        }
    }

    @Test func objectsCountGreedilyAndCarryEvidence() throws {
        let packs = try BuiltinPacks.all()
        let engine = try DetectionEngine(packs: packs)
        let text = """
            Card number: 4111 1111 1111 1111 exp 12/29
            Card number: 5555 5555 5555 4444 exp 01/28
            Card number: 4111 1111 1111 1111 exp 12/29
            """
        // Only two different cards: CountUnique < 3.
        #expect(!engine.findings(in: text, using: engine.makeScratch()).findings.contains { $0.ruleName == "PCI_CARD_BUNDLE" })
        let three = text + "\nCard number: 3782 822463 10005 exp 06/27"
        let findings = engine.findings(in: three, using: engine.makeScratch()).findings
        let bundle = try #require(findings.first { $0.ruleName == "PCI_CARD_BUNDLE" })
        #expect(bundle.severity == .critical)
        #expect(Set(bundle.evidence.map(\.matchText)).isSuperset(of: ["4111 1111 1111 1111", "5555 5555 5555 4444", "3782 822463 10005"]))
        #expect(findings.filter { $0.ruleName == "CREDIT_CARD" }.count == 4)
    }

    // MARK: - Hostile expressions (found by Fuzz/fuzz-object-expression; see docs/hostile-input.md)

    @Test func aNearDistanceTooLargeForAnIntIsAnErrorNotATrap() throws {
        // The fuzzer's input: `Int(1.1e114)` trapped.
        let source = #"Near("A", "B", "# + String(repeating: "1", count: 115) + "50)"
        #expect(throws: ObjectExpressionParser.SyntaxError.self) { try ObjectExpressionParser.parse(source) }
        #expect(throws: ObjectExpressionParser.SyntaxError.self) {
            try ObjectExpressionParser.parse(#"Near("A", "B", "# + String(repeating: "9", count: 400) + ")")
        }
        #expect(try ObjectExpressionParser.parse(#"Near("A", "B", 9007199254740992)"#) == .near("A", "B", 9_007_199_254_740_992))
    }

    @Test(arguments: [
        String(repeating: "(", count: 100_000) + #"Count("A")"# + String(repeating: ")", count: 100_000),
        String(repeating: "not ", count: 100_000) + #"Count("A")"#,
        String(repeating: "-", count: 100_000) + "1",
        Array(repeating: #"Count("A")"#, count: 200_000).joined(separator: "+"),
    ])
    func deepOrLongExpressionsAreRejectedNotAStackOverflow(source: String) {
        // Each of these overflowed the stack, in the parser or in `references` over the tree.
        do {
            _ = try ObjectExpressionParser.parse(source)
            Issue.record("should be rejected")
        } catch {
            #expect(error.message.contains("nested more than") || error.message.contains("operators"), "\(error)")
        }
    }

    @Test func expressionsWithinTheLimitsStillParse() throws {
        let nested = String(repeating: "(", count: ObjectExpressionParser.maxNesting) + #"Count("A")"#
            + String(repeating: ")", count: ObjectExpressionParser.maxNesting)
        #expect(try ObjectExpressionParser.parse(nested) == .count("A", unique: false))
        let sum = Array(repeating: #"Count("A")"#, count: ObjectExpressionParser.maxOperators + 1).joined(separator: " + ")
        #expect(try ObjectExpressionParser.parse(sum).references == ["A"])
    }
}
