@testable import SiftMatcher
import Testing

/// Prefilter hits whose neighbouring bytes cannot be those of the rule's literal in a match are
/// dropped (``NeighbourCheck``): the engine still reports exactly what the oracle reports.
@Suite struct NeighbourCheckTests {
    static let email = #"\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,4}\.[A-Za-z]{2,12}\b"#
    static let url = #"\b[a-z][a-z0-9+.-]{1,15}://[^\s:@/]{1,64}:([^\s:@/]{3,64})@[A-Za-z0-9.-]{1,255}"#
    static let secret = #"(?i)\b(?:secret|passwd|pwd)\s{0,3}[:=]\s{0,3}["']?([^\s"']{8,64})"#

    private func check(_ pattern: String, caseless: Bool = false) throws -> (NeighbourCheck, [Literal]) {
        let plan = LiteralExtractor.plan(pattern: pattern, caseless: caseless)
        let check = try #require(NeighbourCheck.derive(pattern: pattern, caseless: caseless, literals: plan.literals))
        return (check, plan.literals)
    }

    @Test func theEmailRulesAtNeedsALocalPartBeforeAndADomainAfter() throws {
        let (check, literals) = try check(Self.email)
        #expect(literals == [Literal("@")])
        for byte in Array("aZ9._%+-".utf8) { #expect(check.before.contains(byte)) }
        for byte in Array(" \n\t@(".utf8) + [0xC3] { #expect(!check.before.contains(byte)) }
        for byte in Array("aZ9-".utf8) { #expect(check.after[0].contains(byte)) }
        for byte in Array(" .\n_".utf8) + [0xC3] { #expect(!check.after[0].contains(byte)) }
    }

    @Test func schemesAndKeywords() throws {
        let (url, _) = try check(Self.url)
        #expect(url.before.contains(UInt8(ascii: "p")) && !url.before.contains(UInt8(ascii: " ")))
        #expect(url.after[0].contains(UInt8(ascii: "u")) && url.after[0].contains(0xC3), "a negated class lets non-ASCII through")
        #expect(!url.after[0].contains(UInt8(ascii: "/")) && !url.after[0].contains(UInt8(ascii: "\n")))
        let run = try #require(url.run, "a user of 1 to 64 characters, then ':'")
        #expect(run.minimum == 1 && run.maximum == 256 && run.end.contains(UInt8(ascii: ":")) && !run.bytes.contains(UInt8(ascii: ":")))
        let (secret, literals) = try check(Self.secret)
        #expect(secret.before.isAll, "the keyword starts the match")
        for (k, literal) in literals.enumerated() where literal.bytes.count == 6 {
            #expect(secret.after[k].contains(UInt8(ascii: "=")) && secret.after[k].contains(UInt8(ascii: " ")))
            #expect(!secret.after[k].contains(UInt8(ascii: "_")))
        }
    }

    @Test func aLiteralCutFromAKeywordIsExtendedByTheRest() throws {
        let pattern = #"(?i)\bpassword\s{0,3}[:=]\s{0,3}["']?([^\s"']{8,64})"#
        let (check, literals) = try check(pattern)
        let pas = try #require(literals.firstIndex(of: Literal("pas", caseless: true)))
        #expect(check.extensions[pas].count == 5, "s or ſ, then w …, to the end of the shorter spelling")
        #expect(check.extensions[pas][0].contains(UInt8(ascii: "S")) && check.extensions[pas][0].contains(0xC5))
        #expect(!check.extensions[pas][0].contains(UInt8(ascii: " ")) && !check.extensions[pas][1].contains(UInt8(ascii: "\n")))
        #expect(check.after[pas].contains(UInt8(ascii: ":")) && !check.after[pas].contains(UInt8(ascii: "_")))
        let set = try CompiledRuleSet([RuleSpec(name: "P", pattern: pattern)])
        for text in ["PassWord = 'abcdefgh1'", "password: \"12345678x\"", "paſsword=abcdefghij", "pasSWORD:abcdefghi", "pasſword=abcdefghij", "PASſWORD: abcdefgh"] {
            #expect(set.matches(in: Array(text.utf8), using: set.makeScratch()).count == 1, "\(text)")
        }
        for text in ["password_hash = 'abcdefgh1'", "pass = 'abcdefghij'", "passwords: abcdefghij", "passwor"] {
            #expect(set.matches(in: Array(text.utf8), using: set.makeScratch()).isEmpty, "\(text)")
        }
    }

    @Test func patternsThatGiveNoCheck() {
        func derive(_ pattern: String) -> NeighbourCheck? {
            NeighbourCheck.derive(pattern: pattern, literals: LiteralExtractor.plan(pattern: pattern).literals)
        }
        #expect(derive(#"ab\Kcd[0-9]{3}"#) == nil, "unsupported constructs")
        #expect(derive(#"(?:tok_|key_)[a-z]{8}|zz_[0-9]{9}"#) == nil, "a top-level alternation")
        #expect(derive(#"tok_\S{8}"#) == nil, "nothing before, anything after")
        #expect(derive(#"tok_.{8}"#) != nil, "a dot is no newline")
    }

    /// Rules whose literal neighbours are constrained, over texts full of near misses: the engine with
    /// and without the checks equals the oracle.
    @Test(arguments: [UInt64(41), 42, 43])
    func engineWithChecksEqualsOracle(seed: UInt64) throws {
        let specs = [
            RuleSpec(name: "EMAIL", pattern: Self.email),
            RuleSpec(name: "URL", pattern: Self.url),
            RuleSpec(name: "SECRET", pattern: Self.secret),
            RuleSpec(name: "AT", pattern: #"(?<=[a-z])@[a-z]{2,4}\b"#),
            RuleSpec(name: "PAIR", pattern: #"[0-9]{2}(?:ab|cd)[xy]{1,3}"#),
            RuleSpec(name: "CASE", pattern: #"[k-s]{2}key=[0-9]{2}"#, caseless: true),
            RuleSpec(name: "MULTI", pattern: #"[éa]{1,2}#é?[a-z]"#),
            RuleSpec(name: "NEG", pattern: #"[^\s]{2}::[^:\n]{1,3}"#),
            RuleSpec(name: "OPTIONAL", pattern: #"[a-z]{0,3}%[0-9]{2}"#),
            RuleSpec(name: "PASSWORD", pattern: #"(?i)\bpassword\s{0,3}[:=]\s{0,3}([^\s"']{2,8})"#),
            RuleSpec(name: "KEYS", pattern: #"(?:tokens|tok_id|tokens_)=[0-9]{2}"#),
            RuleSpec(name: "RUN", pattern: #"\$\$(?=[a-z])[a-zé]{2,4}:[0-9]"#),
            RuleSpec(name: "RUNLOOSE", pattern: #"##[a-z]{1,3}[:a]"#),
        ]
        var off = CompiledRuleSet.Options()
        off.neighbourChecks = false
        let sets = try [CompiledRuleSet(specs), CompiledRuleSet(specs, options: off)]
        #expect((0..<specs.count).filter { sets[0].neighbourCheck(rule: $0) != nil }.count >= 10, "most rules are checked")
        #expect((0..<specs.count).allSatisfy { sets[1].neighbourCheck(rule: $0) == nil })
        let oracle = Oracle(specs)
        var random = RandomSource(seed: seed)
        let pieces = ["@", "a@b.co", " @decorator\n", "x@", "@y", "me.you@host-1.example.org", "http://u:pass1@h.io", "://",
                      "ftp", "://x:yy", "secret", "SECRET =", "pwd:", "passwd\t= 'abcdefgh1'", "12ab", "9cdxy", "ab", "KS",
                      "ſkey=12", "Kkey=34", "key=", "é#é", "a#b", "#", "é", "::", "xy::ab", "%12", "ab%34", "password", "PASSWORD", "pasſword", "paſsword", "passwor", "Password: x1", "tokens",
                      "tok_id", "tokens_", "=12", "token", "$$", "$$ab:1", "$$abcd:2", "$$abcde:3", "$$é", "$$éé", "$$a", "##", "##ab:",
                      "##abcd:", "##aba", ":1", " ", "\n", "\u{212A}", "\u{017F}"]
        for round in 0..<60 {
            var text: [UInt8] = []
            let length = random.int(0...(round % 10 == 9 ? 6000 : 400))
            while text.count < length { text += Array(random.pick(pieces).utf8) }
            let expected = oracle.matches(in: text)
            for (k, set) in sets.enumerated() {
                let engine = set.matches(in: text, using: set.makeScratch())
                    .sorted { ($0.rule, $0.range.lowerBound) < ($1.rule, $1.range.lowerBound) }
                #expect(engine == expected, "round \(round), set \(k)")
            }
        }
    }

    /// A literal at the very start or end of a text has no neighbour there: a match cannot hold it
    /// where the check looks, but the text may still hold matches.
    @Test func literalsAtTheEdgesOfTheText() throws {
        let specs = [RuleSpec(name: "EMAIL", pattern: Self.email), RuleSpec(name: "URL", pattern: Self.url)]
        let set = try CompiledRuleSet(specs)
        let oracle = Oracle(specs)
        for text in ["@", "a@", "@b", "a@b.cd", "@b.cd a@b.cd", "a@b.cd@", "://", "s://u:pwd@h", "s://u:pwd@"] {
            let bytes = Array(text.utf8)
            #expect(set.matches(in: bytes, using: set.makeScratch()) == oracle.matches(in: bytes), "\(text)")
        }
    }

    /// The plan cache keeps the check (and its preceding literals): a cached set equals an analysed
    /// one.
    @Test func theCacheKeepsTheCheck() throws {
        let specs = [RuleSpec(name: "EMAIL", pattern: Self.email), RuleSpec(name: "URL", pattern: Self.url),
                     RuleSpec(name: "COMPARISON", pattern: PrecedingLiteralTests.comparison)]
        let cache = PlanCache(serialized: [], identity: [1, 2, 3])
        _ = try CompiledRuleSet(specs, plans: cache)
        let reloaded = PlanCache(serialized: try #require(cache.serialized()), identity: [1, 2, 3])
        #expect(reloaded.loadedCount == 3)
        let cached = try CompiledRuleSet(specs, plans: reloaded)
        let analysed = try CompiledRuleSet(specs)
        #expect(reloaded.hits == 3)
        #expect(cached.neighbourCheck(rule: 2)?.preceding != nil)
        for r in specs.indices {
            #expect(cached.neighbourCheck(rule: r) == analysed.neighbourCheck(rule: r))
            #expect(cached.neighbourCheck(rule: r) != nil)
        }
    }
}
