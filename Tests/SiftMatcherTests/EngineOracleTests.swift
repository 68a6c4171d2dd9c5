import SiftMatcher
import Testing

/// The engine's contract: on any text it reports exactly what running every rule's regex over the
/// whole text reports (``Oracle``), whatever its prefilter and windows decide.
@Suite struct EngineOracleTests {
    /// Rules of the shapes secret and PII rules have, plus ones the extractor cannot filter.
    static func rules(seed: UInt64, count: Int) -> [RuleSpec] {
        var random = RandomSource(seed: seed)
        let prefixes = ["AKIA", "ghp_", "xoxb-", "sk_live_", "glpat-", "SG.", "AIza", "npm_", "key", "tok", "zz", "Ab",
                        "ks", "SK", "kelvin", "sec", "-----BEGIN", "pw", "id=", "x-api"]
        let classes = ["[A-Z0-9]", "[a-z0-9]", "[A-Za-z0-9_\\-]", "[0-9a-f]", "\\w", "\\d", "[^\\s\"']", ".", "\\S",
                       "[a-c]", "[A-Za-z0-9+/=]", "\\s"]
        let keywords = ["password", "secret", "token", "api_key", "passwd", "access key", "Kes"]
        var out: [RuleSpec] = []
        for n in 0..<count {
            var pattern: String
            var caseless = random.chance(0.2)
            var multiline = false
            var dotAll = false
            switch random.int(0...16) {
            case 0, 1, 2:
                // Provider prefix + bounded class run, optional word boundaries.
                let low = random.int(1...6)
                pattern = (random.chance(0.5) ? "\\b" : "") + random.pick(prefixes)
                    + random.pick(classes) + "{\(low),\(low + random.int(0...8))}" + (random.chance(0.5) ? "\\b" : "")
            case 3:
                // Alternated prefixes.
                pattern = "(?:\(random.pick(prefixes))|\(random.pick(prefixes)))" + (random.chance(0.5) ? "_" : "")
                    + random.pick(classes) + "{2,\(random.int(2...10))}"
            case 4:
                // Caseless keyword assignment with a captured value.
                caseless = true
                let sep = random.chance(0.5) ? "\\s{0,3}" : "\\s*"
                pattern = "(?:\(random.pick(keywords))|\(random.pick(keywords)))\(sep)[:=]\(sep)[\"']?([^\\s\"']{3,\(random.int(3...20))})"
            case 5:
                // Digit runs with optional separators (PII-like).
                pattern = random.pick([
                    "\\b\\d{3}-\\d{2}-\\d{4}\\b", "\\b4\\d{3}[ -]?\\d{4}[ -]?\\d{4}\\b", "\\d{2}[/.]\\d{2}[/.]\\d{4}",
                    "(?<![0-9])\\d{3} \\d{3}(?![0-9])",
                ])
            case 6:
                // Lookarounds around a literal.
                pattern = "(?<![A-Za-z0-9])\(random.pick(prefixes))[0-9]{\(random.int(1...4))}(?![0-9])"
            case 7:
                // Unfiltered shapes.
                pattern = random.pick(["[A-Z]{2}[a-z]{2}[A-Z0-9]{1,4}", "(?:a|b)+c", "[aeiou]{3}", "\\b[A-Z][a-z]{2,5}\\b",
                                       "(?:AKIA|ASIA)?[0-9]{3}", "x?y?z?1"])
            case 8:
                // Dots, with and without DOTALL.
                dotAll = random.chance(0.5)
                pattern = "\(random.pick(prefixes))=.{1,\(random.int(1...12))};"
            case 9:
                // E-mail-like, bounded and unbounded.
                pattern = random.chance(0.5)
                    ? "[a-z0-9._%+-]{1,20}@[a-z0-9-]{1,20}\\.(?:com|org|net)"
                    : "[a-z0-9._%+-]+@[a-z0-9-]+\\.(?:com|org)"
            case 10:
                // Anchors in multiline mode.
                multiline = true
                pattern = "^\(random.pick(keywords)): \\w{1,10}$"
            case 11:
                // Overlap-prone: the literal repeats inside the match.
                pattern = "aba[a-c]{1,\(random.int(1...5))}"
            case 12:
                // Unbounded after the literal (gated).
                pattern = "\(random.pick(prefixes))\(random.pick(classes))+"
            case 14:
                // The literal after a run of variable length: windows start `literalReach` before it.
                let low = random.int(0...3)
                pattern = "\\b[a-z0-9._]{\(low),\(low + random.int(0...12))}" + random.pick(["@", "==", "(?:@|==)", "(?:#|key)"])
                    + random.pick(classes) + "{1,\(random.int(1...6))}"
            case 15:
                // Literals of several lengths at several offsets, and repeated groups holding the literal.
                pattern = random.pick([
                    "(?:x{1,3}|yy)(?:ab|tok)[0-9]{1,3}", "\\w{0,5}(?:tok|ab)\\w{0,3}=\\d{1,4}",
                    "(?:[a-c]{1,2}key){1,3}[0-9]?", "[0-9]{0,4}(?:SK|sec)[a-z]{0,4}(?:==|!=)[0-9]{1,2}",
                    "(?:zz|[a-c]{2,6}ab)[a-z]{1,4}",
                ])
            case 16:
                // Digit runs without a usable literal: gated on enough digits close together.
                pattern = random.pick([
                    "\\b\\d{4}[ -]?\\d{4}[ -]?\\d{4}\\b", "(?<![0-9])[0-9]{8,10}(?![0-9])", "\\d{3}[a-z]?\\d{5}",
                    "(?:\\d[ .]?){9}\\d", "\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,4}\\b", "[A-Z0-9]{12,14}(?![A-Z])", "(?<![\\d.,])\\b(?=\\d{4}[ -]?\\d{4})(?:4\\d{3}|5[1-5]\\d{2})(?:[ -]?\\d{4}){2,3}\\b",
                ])
            default:
                // Kelvin sign and long s under caseless matching.
                caseless = true
                pattern = random.pick(["ks[0-9]{2}", "sk[a-z]{1,3}", "kes+[0-9]"])
            }
            out.append(RuleSpec(name: "R\(n)", pattern: pattern, caseless: caseless, dotAll: dotAll, multiline: multiline))
        }
        return out
    }

    /// Texts built from the rules' own pieces, mixed case, separators, digits, invalid UTF-8 and the
    /// Unicode spellings of k and s, with matches at the very start and end.
    static func text(_ random: inout RandomSource, length: Int) -> [UInt8] {
        let pieces: [[UInt8]] = [
            "AKIA", "akia", "ghp_", "xoxb-", "sk_live_", "SK_LIVE_", "glpat-", "SG.", "AIza", "npm_", "key", "KEY", "tok",
            "zz", "Ab", "ks", "kelvin", "sec", "-----BEGIN", "pw", "id=", "x-api", "password", "PassWord", "secret",
            "token", "api_key", "passwd", "access key", "Kes", "aba", "abab", "ABC", "user@example.com", "a.b@test.org",
            "123-45-6789", "4111 1111 1111", "12/31/2024", "123 456", " = ", ":", "=", ";", "\"", "'", "\n", "\r\n", " ",
            "\t", "0", "9", "42", "1234567", "98765 4321", "4111-1111-1111-1111", "DE89 3704 0044 0532", "GB82WEST12345698765432", "ABCDEFGHIJKL12", "deadbeef", "Zz", "\u{212A}s", "\u{017F}ecret", "\u{212A}es12", "é", "→",
        ].map { Array($0.utf8) }
        let invalid: [[UInt8]] = [[0xFF], [0xC3], [0x80], [0xE2, 0x84], [0xF0, 0x9F, 0x98]]
        var out: [UInt8] = []
        out.reserveCapacity(length + 16)
        while out.count < length {
            switch random.int(0...9) {
            case 0...5: out += random.pick(pieces)
            case 6: out.append(UInt8(random.int(0x61...0x7A)))
            case 7: out.append(UInt8(random.int(0x30...0x39)))
            case 8: out.append(UInt8(random.int(0x41...0x5A)))
            default: out += random.chance(0.5) ? random.pick(invalid) : [UInt8(random.int(0x20...0x7E))]
            }
        }
        return out
    }

    /// Records an issue when `set` (with `scratch`) and `oracle` report different matches in `text`.
    static func compare(_ set: CompiledRuleSet, _ oracle: Oracle, _ text: [UInt8], _ scratch: Scratch) {
        let engine = set.matches(in: text, using: scratch).sorted { ($0.rule, $0.range.lowerBound) < ($1.rule, $1.range.lowerBound) }
        let expected = oracle.matches(in: text)
        if engine != expected {
            let missing = expected.filter { !engine.contains($0) }.prefix(3)
            let extra = engine.filter { !expected.contains($0) }.prefix(3)
            Issue.record("""
                engine and oracle differ on a text of \(text.count) bytes
                missing: \(missing.map { "\(set.rules[$0.rule].spec.pattern) \($0.range)" })
                extra: \(extra.map { "\(set.rules[$0.rule].spec.pattern) \($0.range)" })
                """)
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func engineEqualsOracleOnRandomTexts(seed: UInt64) throws {
        let specs = Self.rules(seed: seed, count: 300)
        let set = try CompiledRuleSet(specs)
        let oracle = Oracle(specs)
        let scratch = set.makeScratch()
        var random = RandomSource(seed: seed &* 7919)
        for round in 0..<60 {
            // Short, medium, and long enough to be searched in interleaved stretches.
            let length = round % 10 == 9 ? random.int(16_000...40_000) : random.int(0...3000)
            Self.compare(set, oracle, Self.text(&random, length: length), scratch)
        }
        let plans = Dictionary(grouping: set.rules, by: \.plan.strategy).mapValues(\.count)
        #expect(plans[.windowed, default: 0] > 100, "the rule mix exercises windows: \(plans)")
        #expect(plans[.unfiltered, default: 0] >= 3)
        #expect(plans[.gated, default: 0] > 5)
    }

    @Test func matchesAtEveryOffsetAroundBufferEdges() throws {
        let specs = Self.rules(seed: 11, count: 200)
        let set = try CompiledRuleSet(specs)
        let oracle = Oracle(specs)
        let scratch = set.makeScratch()
        var random = RandomSource(seed: 99)
        let core = Self.text(&random, length: 300)
        // memchr-style padding: the same text shifted through every position of a small frame.
        for before in 0..<24 {
            for after in [0, 1, 2, 7] {
                let text = Array(repeating: UInt8(ascii: "x"), count: before) + core
                    + Array(repeating: UInt8(ascii: " "), count: after)
                Self.compare(set, oracle, text, scratch)
            }
        }
    }

    @Test func everyRuleAsCandidateEqualsOracleToo() throws {
        let specs = Self.rules(seed: 5, count: 150)
        let set = try CompiledRuleSet(specs, options: .init(everyRuleIsCandidate: true))
        let oracle = Oracle(specs)
        let scratch = set.makeScratch()
        var random = RandomSource(seed: 5)
        for _ in 0..<20 {
            Self.compare(set, oracle, Self.text(&random, length: random.int(0...2000)), scratch)
        }
    }

    @Test func adjacentAndOverlappingCandidatesOfOneRule() throws {
        let specs = [
            RuleSpec(name: "ABA", pattern: "aba[a-c]{1,3}"),
            RuleSpec(name: "KEY", pattern: #"key[0-9]{0,2}key"#),
            RuleSpec(name: "CI", pattern: "(?i)secret[0-9]{1,2}"),
        ]
        let set = try CompiledRuleSet(specs)
        let oracle = Oracle(specs)
        let scratch = set.makeScratch()
        for text in ["abababababa", "ababcabababca", "keykeykey1key22keykey", "SECRET1secret22SeCrEt333", "abaaba",
                     "\u{017F}ecret1 \u{212A}", ""] {
            Self.compare(set, oracle, Array(text.utf8), scratch)
        }
    }
}

@Suite struct SelectedRulesTests {
    /// A scan of some rules reports, for them, exactly what a scan of every rule reports.
    @Test(arguments: [UInt64(7), 8])
    func aSelectionReportsWhatAFullScanReportsForIt(seed: UInt64) throws {
        let specs = EngineOracleTests.rules(seed: seed, count: 120)
        let set = try CompiledRuleSet(specs)
        var random = RandomSource(seed: seed)
        let selected = specs.indices.map { _ in random.chance(0.3) }
        for _ in 0..<20 {
            let text = EngineOracleTests.text(&random, length: random.int(0...3000))
            let all = set.matches(in: text, using: set.makeScratch()).filter { selected[$0.rule] }
            var some: [RawMatch] = []
            text.withUnsafeBytes { bytes in
                _ = set.scan(bytes, using: set.makeScratch(), selecting: selected) { some.append($0) }
            }
            #expect(some == all)
        }
    }
}
