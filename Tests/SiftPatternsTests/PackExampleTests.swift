import SiftCore
import SiftMatcher
import SiftPatterns
import Testing

/// Every example and negative example of every built-in pack is a test, run through the engine and
/// through an engine whose prefilter reports everything as a candidate: both must agree.
@Suite struct PackExampleTests {
    static let packs: [Pack] = (try? BuiltinPacks.all()) ?? []
    static let engine = try! DetectionEngine(packs: packs)
    static let naive = try! DetectionEngine(
        packs: packs, options: .init(matcher: .init(everyRuleIsCandidate: true)))

    struct Case: CustomTestStringConvertible, Sendable {
        var rule: String
        var text: String
        var positive: Bool
        var testDescription: String { "\(rule) \(positive ? "+" : "-") \(text.prefix(40))" }
    }

    static let cases: [Case] = packs.flatMap { pack in
        pack.patterns.flatMap { pattern in
            pattern.examples.map { Case(rule: pattern.id, text: $0, positive: true) }
                + pattern.negativeExamples.map { Case(rule: pattern.id, text: $0, positive: false) }
        } + pack.objects.flatMap { object in
            object.examples.map { Case(rule: object.id, text: $0, positive: true) }
                + object.negativeExamples.map { Case(rule: object.id, text: $0, positive: false) }
        }
    }

    @Test func builtInPacksLoad() throws {
        let packs = try BuiltinPacks.all()
        #expect(packs.map(\.id) == ["secrets", "pii", "objects"])
    }

    @Test(arguments: cases)
    func example(_ example: Case) {
        let detected = Self.engine.detectedIDs(in: example.text, using: Self.engine.makeScratch())
        if example.positive {
            #expect(detected.contains(example.rule), "\(example.rule) must match: \(example.text)")
        } else {
            #expect(!detected.contains(example.rule), "\(example.rule) must not match: \(example.text)")
        }
        let fast = Self.engine.findings(in: example.text, using: Self.engine.makeScratch()).findings
        let slow = Self.naive.findings(in: example.text, using: Self.naive.makeScratch()).findings
        #expect(fast == slow, "the engine and the every-rule-a-candidate engine disagree")
    }
}
