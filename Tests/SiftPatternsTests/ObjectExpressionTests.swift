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
}
