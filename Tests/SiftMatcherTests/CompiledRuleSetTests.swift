import SiftMatcher
import Testing

@Suite struct CompiledRuleSetTests {
    @Test func reportsMatchesWithCaptures() throws {
        let set = try CompiledRuleSet([
            RuleSpec(name: "AWS_CLIENT_ID", pattern: #"\b(AKIA[0-9A-Z]{16})\b"#),
            RuleSpec(name: "PASSWORD", pattern: #"(?i)password\s{0,3}[:=]\s{0,3}(\S{6,64})"#),
        ])
        let text = "aws AKIAIOSFODNN7EXAMPLE\nPassword: hunter2-FAKE\n"
        let matches = set.matches(in: Array(text.utf8), using: set.makeScratch())
        #expect(matches.count == 2)
        let bytes = Array(text.utf8)
        let secrets = matches.map { String(decoding: bytes[$0.captures[0]!], as: UTF8.self) }
        #expect(Set(secrets) == ["AKIAIOSFODNN7EXAMPLE", "hunter2-FAKE"])
    }

    @Test func compileErrorsNameTheRuleAndTheOffset() {
        #expect(throws: MatcherError.self) { try CompiledRuleSet([RuleSpec(name: "BAD", pattern: "abc(def")]) }
        let error = CompiledRuleSet.check(RuleSpec(name: "BAD", pattern: "ab[c"))
        #expect(error?.rule == "BAD")
        #expect(error?.patternOffset == 4)
        #expect(error?.message.contains("missing terminating ]") == true)
        #expect(error?.description.contains("rule BAD") == true)
    }

    @Test func validateGivesTheCaptureCountOrTheSameErrorAsCompiling() throws {
        let good = RuleSpec(name: "GOOD", pattern: #"(?i)key=(\w+)-(?<tail>\d{2})"#)
        #expect(try CompiledRuleSet.validate(good).get() == 2)
        #expect(CompiledRuleSet.captureCount(good) == 2)
        #expect(CompiledRuleSet.check(good) == nil)
        #expect(try CompiledRuleSet([good]).rules[0].captureCount == 2)

        let bad = RuleSpec(name: "BAD", pattern: "x(?<=a+)y")
        guard case .failure(let error) = CompiledRuleSet.validate(bad) else {
            Issue.record("PCRE2 accepted an unbounded lookbehind")
            return
        }
        #expect(CompiledRuleSet.captureCount(bad) == nil)
        #expect(CompiledRuleSet.check(bad)?.patternOffset == error.patternOffset)
        #expect(throws: error) { try CompiledRuleSet([bad]) }
    }

    @Test func catastrophicRuleHitsItsLimitAndTheScanGoesOn() throws {
        let set = try CompiledRuleSet([
            RuleSpec(name: "CUSTOM_BAD", pattern: "(a+)+$"),
            RuleSpec(name: "AWS_CLIENT_ID", pattern: #"AKIA[0-9A-Z]{16}"#),
        ])
        let scratch = set.makeScratch()
        let text = Array(repeating: UInt8(ascii: "a"), count: 20_000) + Array("! AKIAIOSFODNN7EXAMPLE".utf8)
        var found: [RawMatch] = []
        let events = set.scan(text, using: scratch) { found.append($0) }
        #expect(events.map(\.ruleName) == ["CUSTOM_BAD"])
        #expect(events.first?.message.contains("limit") == true)
        #expect(found.map(\.rule) == [1])
        #expect(scratch.disabledRules == [0])
        // Switched off for the rest of the scan: the next text does not pay for it again.
        #expect(set.scan(text, using: scratch) { _ in }.isEmpty)
    }

    @Test func invalidUTF8NeitherCrashesNorHidesAMatch() throws {
        let set = try CompiledRuleSet([RuleSpec(name: "GH", pattern: #"ghp_[A-Za-z0-9]{36}"#)])
        var text: [UInt8] = [0xFF, 0xC3, 0x28, 0x80]
        text += Array("ghp_FAKEtoken0123456789abcdefghijklmnopq".utf8)
        text += [0xE2, 0x82]
        let matches = set.matches(in: text, using: set.makeScratch())
        #expect(matches.count == 1)
        #expect(matches.first?.range == 4..<44)
    }

    @Test func statisticsCountCandidatesConfirmationsAndMatches() throws {
        // Without start checks at the prefilter and wider neighbour checks, which drop `ghp_short`
        // before it is a candidate.
        var options = CompiledRuleSet.Options()
        options.prefilterStartChecks = false
        options.widerChecks = false
        let specs = [RuleSpec(name: "GH", pattern: #"ghp_[A-Za-z0-9]{36}"#)]
        for (set, candidates) in [(try CompiledRuleSet(specs, options: options), 2), (try CompiledRuleSet(specs), 1)] {
            let scratch = set.makeScratch()
            scratch.collectsStatistics = true
            let text = "ghp_short ghp_FAKEtoken0123456789abcdefghijklmnopq"
            _ = set.matches(in: Array(text.utf8), using: scratch)
            #expect(scratch.statistics[0].candidates == candidates)
            #expect(scratch.statistics[0].matches == 1)
            #expect((1...2).contains(scratch.statistics[0].confirmations))
            #expect(scratch.bytesScanned == text.utf8.count)
        }
    }

    /// Patterns JIT-compiled on first use, by whichever of several threads scanning at once gets
    /// there first, match exactly as patterns compiled up front do.
    @Test func lazyJITFromManyThreadsMatchesLikeEagerJIT() async throws {
        let specs = (0..<24).map { k in
            RuleSpec(name: "R\(k)", pattern: "k\(k)_(?:[A-Z0-9]{\(4 + k % 5)})\\b")
        } + [RuleSpec(name: "AWS", pattern: #"\b(AKIA[0-9A-Z]{16})\b"#)]
        let text = (0..<24).flatMap { k in Array("x k\(k)_ABCDEFGHI k\(k)_12345 AKIAIOSFODNN7EXAMPLE ".utf8) }
        var eagerOptions = CompiledRuleSet.Options()
        eagerOptions.lazyJIT = false
        let eager = try CompiledRuleSet(specs, options: eagerOptions)
        let expected = eager.matches(in: text, using: eager.makeScratch())
        #expect(!expected.isEmpty)
        let lazy = try CompiledRuleSet(specs)
        let results = await withTaskGroup(of: [RawMatch].self) { group in
            for _ in 0..<8 {
                group.addTask { lazy.matches(in: text, using: lazy.makeScratch()) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 8)
        for result in results { #expect(result == expected) }
    }
}
