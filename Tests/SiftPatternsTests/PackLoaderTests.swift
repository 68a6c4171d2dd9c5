import SiftCore
import SiftPatterns
import Testing

@Suite struct PackLoaderTests {
    private func problems(_ yaml: String) -> [PackProblem] {
        do {
            _ = try PackLoader.load(yaml: yaml, file: "test.yaml")
            return []
        } catch {
            return error.problems
        }
    }

    @Test func aGoodPackLoads() throws {
        let pack = try PackLoader.load(yaml: """
            pack: mine
            patterns:
              - id: INTERNAL_TOKEN
                name: Internal token
                severity: critical
                regex: '\\bitk_([A-Za-z0-9]{32})\\b'
                secretGroup: 1
                validators: [ {entropy: 3.0}, not-all-same ]
                context: {within: 40, raise: [token]}
                examples: ['itk_FAKEfake0123456789abcdefFAKEfake']
            """, file: "mine.yaml")
        #expect(pack.patterns.count == 1)
        #expect(pack.patterns[0].validators == [.entropy(3.0), .notAllSame])
        #expect(pack.patterns[0].severity == .critical)
        #expect(pack.patterns[0].context?.raise == ["token"])
    }

    @Test func everyProblemOfAFileIsReportedWithItsPlace() {
        let found = problems("""
            pack: broken
            patterns:
              - id: BAD_REGEX
                regex: 'abc(def'
                examples: [abc]
              - id: lower_case
                regex: 'x{2}'
                examples: [xx]
              - id: TYPO
                regexx: 'abc'
                examples: [abc]
              - id: NO_EXAMPLE
                regex: 'abc'
              - id: BAD_VALIDATOR
                regex: 'abc'
                validators: [lhun]
                examples: [abc]
              - id: NO_EXAMPLE
                regex: 'abd'
                examples: [abd]
            """)
        let codes = found.map(\.code)
        #expect(codes.contains("regex-invalid"))
        #expect(codes.contains("invalid-id"))
        #expect(codes.contains("unknown-key"))
        #expect(codes.contains("missing-key"))
        #expect(codes.contains("missing-example"))
        #expect(codes.contains("duplicate-id"))
        let regex = found.first { $0.code == "regex-invalid" }!
        #expect(regex.location.file == "test.yaml")
        #expect(regex.location.line == 4)
        // The quote is at column 12, so the pattern starts at 13; PCRE2 stops at its end, offset 7.
        #expect(regex.location.column == 20)
        #expect(regex.location.rule == "BAD_REGEX")
        #expect(regex.message.contains("missing closing parenthesis"))
        let typo = found.first { $0.code == "unknown-key" }!
        #expect(typo.message.contains("did you mean 'regex'"))
        #expect(typo.location.line == 10)
        let validator = found.first { $0.message.contains("lhun") }!
        #expect(validator.message.contains("did you mean 'luhn'"))
    }

    @Test func yamlSyntaxErrorsHaveALine() {
        let found = problems("pack: x\npatterns:\n  - id: A\n    regex: [unclosed\n")
        #expect(found.first?.code == "yaml-syntax")
        #expect(found.first?.location.line != nil)
    }

    @Test func objectsAreCheckedForSyntaxReferencesAndCycles() throws {
        let syntax = problems("""
            pack: o
            objects:
              - id: BROKEN
                expression: 'Count("A") >= '
                examples: [x]
            """)
        #expect(syntax.map(\.code) == ["expression-syntax"])
        #expect(syntax[0].location.line == 4)

        let base = try PackLoader.load(yaml: """
            pack: base
            patterns:
              - id: A
                regex: 'aaa'
                examples: [aaa]
            """, file: "base.yaml")
        let objects = try PackLoader.load(yaml: """
            pack: objects
            objects:
              - id: ONE
                expression: 'Count("TWO") > 0 and Count("A") > 0'
                examples: [aaa]
              - id: TWO
                expression: 'Count("ONE") > 0'
                examples: [aaa]
              - id: THREE
                expression: 'Count("AA") > 0'
                examples: [aaa]
            """, file: "objects.yaml")
        let cross = PackLoader.crossCheck([base, objects])
        #expect(cross.contains { $0.code == "object-cycle" && $0.message.contains("ONE → TWO → ONE") || $0.message.contains("TWO → ONE → TWO") })
        #expect(cross.contains { $0.code == "unknown-reference" && $0.message.contains("'AA'") && $0.message.contains("did you mean 'A'") })
        #expect(throws: PackLoadError.self) { try DetectionEngine(packs: [base, objects]) }
    }

    @Test func customRulesCompileThroughTheSamePath() throws {
        let policy = Policy(customRules: [CustomRuleDefinition(name: "Internal ticket token", regexp: #"TKT-[0-9]{6}-[A-Z]{4}"#)])
        let engine = try DetectionEngine(packs: [], policy: policy)
        let result = engine.findings(in: "see TKT-123456-FAKE", using: engine.makeScratch())
        #expect(result.findings.map(\.ruleName) == ["Internal ticket token"])
        let bad = Policy(customRules: [CustomRuleDefinition(name: "Broken", regexp: "a(b")])
        #expect(throws: PackLoadError.self) { try DetectionEngine(packs: [], policy: bad) }
    }

    @Test func everyRejectedCustomRuleIsNamedAtOnce() {
        let good = CustomRuleDefinition(name: "Fine", regexp: #"TKT-[0-9]{6}"#)
        let bad = [CustomRuleDefinition(name: "Broken", regexp: "a(b"), CustomRuleDefinition(name: "Also broken", regexp: "x[y")]
        func problems(_ packs: [Pack], _ rules: [CustomRuleDefinition]) -> [PackProblem] {
            do {
                _ = try DetectionEngine(packs: packs, policy: Policy(customRules: rules))
                return []
            } catch {
                return error.problems
            }
        }
        let rejected = problems([], [bad[0], good, bad[1]])
        #expect(rejected.map(\.code) == ["regex-invalid", "regex-invalid"])
        #expect(rejected.map(\.location.rule) == ["Broken", "Also broken"])
        #expect(rejected.map(\.location.offset) == [3, 3])
        // With a problem of another kind, the regexes are still all reported, after it.
        let pack = Pack(id: "p", patterns: [DataPattern(id: "FINE", regexes: ["fine"])])
        let clash = CustomRuleDefinition(name: "FINE", regexp: "fine")
        #expect(problems([pack], [clash] + bad).map(\.code) == ["duplicate-id", "regex-invalid", "regex-invalid"])
    }

    @Test func policyDisablesRulesAndOverridesSeverity() throws {
        let packs = try BuiltinPacks.all()
        let text = "aws_access_key_id = AKIAZ7Q4FAKEEXMPL3QX"
        let normal = try DetectionEngine(packs: packs)
        #expect(normal.findings(in: text, using: normal.makeScratch()).findings.map(\.severity) == [.high])
        let lowered = try DetectionEngine(packs: packs, policy: Policy(severityOverrides: ["AWS_CLIENT_ID": .low]))
        #expect(lowered.findings(in: text, using: lowered.makeScratch()).findings.map(\.severity) == [.low])
        let off = try DetectionEngine(packs: packs, policy: Policy(disabled: ["AWS_CLIENT_ID"]))
        #expect(off.findings(in: text, using: off.makeScratch()).findings.isEmpty)
        #expect(normal.fingerprint != off.fingerprint)
        #expect(normal.fingerprint == (try DetectionEngine(packs: packs)).fingerprint)
    }

    // MARK: - Hostile packs (see docs/hostile-input.md)

    /// `levels` levels of anchors, each a list of ten aliases of the one before.
    private static func laughs(_ levels: Int) -> String {
        var yaml = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...levels {
            yaml += "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        return yaml
    }

    @Test func anAliasBombUsedAsAKeyIsRefusedQuickly() {
        // Yams hashes mapping keys, walking aliases in full: 10⁹ nodes, hours of work, without the guard.
        let clock = ContinuousClock()
        let start = clock.now
        let found = problems("pack: lol\n" + Self.laughs(8) + "? *l8\n: 1\n")
        #expect(found.map(\.code) == ["yaml-too-large"])
        #expect(clock.now - start < .seconds(5))
    }

    @Test func aliasesWithinReasonStillLoad() throws {
        let pack = try PackLoader.load(yaml: """
            pack: anchors
            patterns:
              - &base {id: TOKEN_A, regex: 'tka_[a-z]{8}', severity: high, examples: [&ex 'tka_abcdefgh']}
              - {id: TOKEN_B, regex: 'tkb_[a-z]{8}', examples: ['tkb_abcdefgh', *ex]}
            """, file: "anchors.yaml")
        #expect(pack.patterns.map(\.id) == ["TOKEN_A", "TOKEN_B"])
        #expect(pack.patterns[1].examples == ["tkb_abcdefgh", "tka_abcdefgh"])
    }

    @Test func deeplyNestedYAMLIsAProblemNotACrash() {
        let nested = "pack: deep\npatterns: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(!problems(nested).isEmpty)
    }
}
