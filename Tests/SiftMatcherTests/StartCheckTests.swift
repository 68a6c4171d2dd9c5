import CPCRE2
import SiftMatcher
import Testing

/// The start check must be sound: wherever PCRE2 can match, the check admits the start. These tests
/// would fail if it refused one (a class run one byte short of what is required, caseless letters,
/// `(?i)` scopes, the Kelvin sign, literals that occur twice, alternations, optional separators).
@Suite struct StartCheckTests {
    /// PCRE2 compiled as the engine compiles it, to match anchored at one offset.
    private struct Anchored {
        let code: OpaquePointer

        init(_ spec: RuleSpec) {
            code = Oracle.compile(spec)
        }

        /// Whether a match starts exactly at `start`. (With `PCRE2_MATCH_INVALID_UTF` an anchored
        /// search that starts inside an invalid sequence moves on to the next valid character, so
        /// the reported start is compared too.)
        func matches(_ text: [UInt8], at start: Int) -> Bool {
            let data = pcre2_match_data_create_from_pattern_8(code, nil)!
            defer { pcre2_match_data_free_8(data) }
            let rc = text.withUnsafeBufferPointer { buffer in
                pcre2_match_8(code, buffer.baseAddress ?? UnsafePointer(bitPattern: 1), text.count, start,
                              UInt32(PCRE2_ANCHORED), data, nil)
            }
            return rc > 0 && pcre2_get_ovector_pointer_8(data)![0] == start
        }
    }

    /// Every start where PCRE2 matches is admitted, by the reference check and by the scan's table.
    /// Rules are compiled with every check they can have (``CompiledRuleSet/Options/everyStartCheck``),
    /// and with the checks scans choose, and both must equal the oracle.
    private func expectSound(_ spec: RuleSpec, _ texts: [String], expectCheck: Bool = true,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        var options = CompiledRuleSet.Options()
        options.everyStartCheck = true
        let set = try CompiledRuleSet([spec], options: options)
        let chosen = try CompiledRuleSet([spec])
        let check = set.startCheck(rule: 0)
        #expect((check != nil) == expectCheck, "check for \(spec.pattern)", sourceLocation: sourceLocation)
        let anchored = Anchored(spec)
        let oracle = Oracle([spec])
        let scratch = set.makeScratch()
        for string in texts {
            let text = Array(string.utf8)
            for start in 0...text.count where anchored.matches(text, at: start) {
                #expect(check?.admits(text, at: start) ?? true, "\(spec.pattern) at \(start) of \(string)",
                        sourceLocation: sourceLocation)
                #expect(set.firstAdmittedStart(rule: 0, from: start, through: start, in: text) == start,
                        sourceLocation: sourceLocation)
            }
            #expect(set.matches(in: text, using: scratch) == oracle.matches(in: text), "\(spec.pattern) on \(string)",
                    sourceLocation: sourceLocation)
            #expect(chosen.matches(in: text, using: chosen.makeScratch()) == oracle.matches(in: text),
                    sourceLocation: sourceLocation)
        }
    }

    @Test func aClassRunOneByteShortIsRefusedAndExactlyLongEnoughIsAdmitted() throws {
        let body = String(repeating: "aB3", count: 12)  // 36 bytes
        let spec = RuleSpec(name: "GH", pattern: "ghp_[A-Za-z0-9]{36}")
        try expectSound(spec, ["ghp_" + body, "x ghp_" + body + " y", "ghp_" + body.dropLast(), "ghp_" + body.dropLast() + "-"])
        let check = try #require(StartCheck.derive(pattern: spec.pattern))
        #expect(check.positions == 40)
        #expect(check.admits(Array(("ghp_" + body).utf8), at: 0))
        #expect(!check.admits(Array(("ghp_" + body.dropLast()).utf8), at: 0))
        #expect(!check.admits(Array(("ghp_" + body.dropLast() + "-").utf8), at: 0))
    }

    @Test func caselessLettersAndScopes() throws {
        try expectSound(RuleSpec(name: "T", pattern: "(?i)tok_[a-f0-9]{8}"), ["ToK_DEADbeef", "TOK_0123abcd", "tok_0123abc"])
        try expectSound(RuleSpec(name: "T", pattern: "tok_[a-f0-9]{8}", caseless: true), ["TOK_DEADBEEF x", "tOk_deadbeeg"])
        try expectSound(RuleSpec(name: "S", pattern: "(?i:ab)CD[0-9]{2}"), ["aBCD12", "ABCD12", "aBcd12", "abCD1"])
        try expectSound(RuleSpec(name: "S", pattern: "AB(?i)cd(?-i)EF[0-9]"), ["ABcDEF1", "ABCDEF1", "abcdEF1", "ABCDef1"])
        let check = try #require(StartCheck.derive(pattern: "(?i:ab)CD[0-9]{2}"))
        #expect(check.admits(Array("AbCD12".utf8), at: 0))
        #expect(!check.admits(Array("AbCd12".utf8), at: 0))
    }

    @Test func kelvinSignAndLongSEndTheCheck() throws {
        // Caseless k and s also match U+212A and U+017F (several bytes): the check stops before them.
        try expectSound(RuleSpec(name: "K", pattern: "(?i)ks[0-9]{2}"), ["\u{212A}s12", "k\u{017F}12", "KS12"], expectCheck: false)
        try expectSound(RuleSpec(name: "K", pattern: "(?i)x[0-9]{2}k[0-9]{2}"), ["x12\u{212A}12", "X12K12", "x1\u{212A}1"])
        let check = try #require(StartCheck.derive(pattern: "(?i)x[0-9]{2}k[0-9]{2}"))
        #expect(check.positions == 3, "stops at the k")
        #expect(StartCheck.derive(pattern: "(?i)x[a-z]{4}") == nil, "a caseless class holding k and s ends it")
        #expect(StartCheck.derive(pattern: "(?i)[a-j]{4}", maxPassRate: 1) != nil, "one without them does not")
    }

    @Test func aLiteralThatOccursTwiceOrOverlaps() throws {
        try expectSound(RuleSpec(name: "P", pattern: "pat[a-z0-9]{4}"), ["patpat1234", "papat1", "patpatpat", "pat pat12345"])
        try expectSound(RuleSpec(name: "A", pattern: "aba[a-c]{1,3}"), ["abababa", "ababcabababca", "abaaba"])
        try expectSound(RuleSpec(name: "K", pattern: "key[0-9]{0,2}key"), ["keykeykey1key22keykey", "key12ke"])
    }

    @Test func alternationsOptionalPartsAndLookarounds() throws {
        try expectSound(RuleSpec(name: "A", pattern: "(?:xy|ab)[0-9]{3}"), ["xy123", "ab12", "xb123", "ay999"])
        try expectSound(RuleSpec(name: "A", pattern: "(?:key|tok)_[0-9]{3}|zz[0-9]"), ["key_123", "zz1", "tok_12"],
                        expectCheck: false)
        let cards = RuleSpec(name: "C", pattern: #"\b4[0-9]{3}(?:[ -]?[0-9]{4}){3}\b"#)
        try expectSound(cards, ["4111 1111 1111 1111", "4111-11111111 1111", "411111111111111", "4111111111111111",
                                "4111 1111 1111 111", "x4111111111111111"])
        let check = try #require(StartCheck.derive(pattern: cards.pattern))
        #expect(check.admits(Array("4111-11111111 1111".utf8), at: 0))
        #expect(!check.admits(Array("4111 1111 1111 111".utf8), at: 0))
        let ssn = RuleSpec(name: "SSN", pattern: #"\b(?!000|666|9)[0-9]{3}-(?!00)[0-9]{2}-(?!0000)[0-9]{4}\b"#)
        try expectSound(ssn, ["123-45-6789", "123-45-678", "12-345-6789", "000-12-3456 and 123-00-1234"])
        try expectSound(RuleSpec(name: "L", pattern: "(?<=id=)[0-9]{4}x"), ["id=1234x", "id=123x", "xd=1234x"])
        // A rule with only a character gate gets no check (its ranges of starts are wide), …
        try expectSound(RuleSpec(name: "D", pattern: #"\b[0-9]{4}.[0-9]{4}.[0-9]{4}"#),
                        ["1234 5678 9012", "1234-5678-901", "x1234é5678é9012"], expectCheck: false)
        // … one with a run gate does (its starts are a run's) …
        try expectSound(RuleSpec(name: "I", pattern: #"\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){3,7}\b"#),
                        ["DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432", "DE8 3704 0044", "De89 3704 0044 0532"])
        // … and the front is derived soundly.
        let iban = try #require(StartCheck.derive(pattern: #"\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){3,7}\b"#))
        #expect(iban.admits(Array("DE89 3704 0044 0532 0130 00".utf8), at: 0))
        #expect(iban.admits(Array("GB82WEST12345698765432".utf8), at: 0))
        #expect(!iban.admits(Array("DE8 3704 0044".utf8), at: 0))
    }

    /// The engine with every check the rules can have equals the oracle on the oracle tests' mix.
    @Test(arguments: [UInt64(31), 32])
    func engineWithEveryCheckEqualsOracle(seed: UInt64) throws {
        let specs = EngineOracleTests.rules(seed: seed, count: 200)
        var options = CompiledRuleSet.Options()
        options.everyStartCheck = true
        let set = try CompiledRuleSet(specs, options: options)
        let oracle = Oracle(specs)
        let scratch = set.makeScratch()
        var random = RandomSource(seed: seed)
        for round in 0..<30 {
            let text = EngineOracleTests.text(&random, length: round % 10 == 9 ? 20_000 : random.int(0...3000))
            let engine = set.matches(in: text, using: scratch)
                .sorted { ($0.rule, $0.range.lowerBound) < ($1.rule, $1.range.lowerBound) }
            #expect(engine == oracle.matches(in: text), "round \(round)")
        }
    }

    @Test func constructsThatGiveNoCheck() {
        #expect(StartCheck.derive(pattern: ".{4}abc") == nil)
        #expect(StartCheck.derive(pattern: "[^a]bcd") == nil)
        #expect(StartCheck.derive(pattern: #"\Sabc"#) == nil)
        #expect(StartCheck.derive(pattern: "é[0-9]{4}") == nil)
        #expect(StartCheck.derive(pattern: "a(?:bc)?") == nil, "one required position")
        #expect(StartCheck.derive(pattern: "(ab)\\1cd", maxPassRate: 1)?.positions == 2, "the front before the back reference")
        #expect(StartCheck.derive(pattern: "(?i)vault[0-9]") == nil, "a literal and one class say too little")
        #expect(StartCheck.derive(pattern: "[a-z][a-z0-9]{1,15}://")?.positions == nil, "long optional runs end it")
        #expect(StartCheck.derive(pattern: "[0-9]{3}[a-z0-9]{1,15}://", maxPassRate: 1)?.positions == 4)
        #expect(StartCheck.derive(pattern: "ab\\Kcd") == nil, "unsupported anywhere: no check")
    }

    /// The property: over the engine oracle tests' rule mix and texts, every start where PCRE2
    /// matches is admitted, and scans still equal the oracle.
    @Test(arguments: [UInt64(21), 22])
    func everyMatchStartIsAdmitted(seed: UInt64) throws {
        let specs = EngineOracleTests.rules(seed: seed, count: 120)
        var options = CompiledRuleSet.Options()
        options.everyStartCheck = true
        let set = try CompiledRuleSet(specs, options: options)
        var random = RandomSource(seed: seed &* 31)
        let texts = (0..<25).map { _ in EngineOracleTests.text(&random, length: random.int(0...600)) }
        var checked = 0
        for (r, spec) in specs.enumerated() {
            guard let check = set.startCheck(rule: r) else { continue }
            let anchored = Anchored(spec)
            for text in texts {
                for start in 0...text.count where anchored.matches(text, at: start) {
                    checked += 1
                    #expect(check.admits(text, at: start), "\(spec.pattern) at \(start): \(String(decoding: text[start..<min(text.count, start + 24)], as: UTF8.self))")
                    #expect(set.firstAdmittedStart(rule: r, from: start, through: start, in: text) == start,
                            "\(spec.pattern) at \(start)")
                }
            }
        }
        #expect(checked > 50, "the mix has checked rules that match")
    }

    /// The scan's table and the reference implementation agree on every start.
    @Test func tableEqualsReference() throws {
        let specs = EngineOracleTests.rules(seed: 23, count: 120)
        var options = CompiledRuleSet.Options()
        options.everyStartCheck = true
        let set = try CompiledRuleSet(specs, options: options)
        var random = RandomSource(seed: 23)
        let text = EngineOracleTests.text(&random, length: 3000)
        for r in specs.indices {
            guard let check = set.startCheck(rule: r) else { continue }
            for start in stride(from: 0, to: text.count, by: 3) {
                let admitted = check.admits(text, at: start)
                #expect((set.firstAdmittedStart(rule: r, from: start, through: start, in: text) == start) == admitted)
            }
            // Ranges: no start before the first admitted one is skipped, none is invented.
            for low in stride(from: 0, to: text.count, by: 17) {
                let latest = min(text.count - 1, low + random.int(0...80))
                let first = (low...latest).first { check.admits(text, at: $0) }
                let scan = set.firstAdmittedStart(rule: r, from: low, through: latest, in: text)
                #expect((scan == nil) == (first == nil), "\(specs[r].pattern) \(low)...\(latest)")
                if let scan, let first { #expect(scan >= low && scan <= first) }
            }
        }
    }
}
