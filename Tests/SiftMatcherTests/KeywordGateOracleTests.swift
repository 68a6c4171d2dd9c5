@testable import SiftMatcher
import Testing

/// Keyword-gated rules: the engine reports exactly what running the rule's regex over the whole
/// text reports when one of its keywords occurs (as a whole word for ``RuleSpec/keywordsWholeWord``
/// rules, anywhere otherwise), and nothing when none does.
@Suite struct KeywordGateOracleTests {
    static let keywords = [
        "sin", "SIN", "nas", "social insurance", "numéro d'assurance sociale", "-key", "api_key", "Kes", "x",
        "insurance number of a very long kind", "é", "1a",
    ]

    static let patterns = [
        #"\d{3}[ -]?\d{3}[ -]?\d{3}"#, #"\b[A-Z]{2}\d{2}\b"#, #"\d+"#, "[a-z]{2}[0-9]", #"(?i)sin\d"#, "x?",
        // Character-gated once a keyword occurs (keywordCharacterGates), with \b and lookarounds.
        #"\b[1-79]\d{2}[ -]\d{3}[ -]\d{3}\b"#, #"(?<=[ n])[A-Z0-9]{4}[A-Z0-9 ]{8}\b"#, #"\d{8}(?=[ ,a])"#,
        // Run-gated once a keyword occurs (runGates; with everyRunGate for the short ones), with
        // lookarounds outside the class and a first byte narrower than it.
        #"(?<![a-z0-9_])([a-z0-9_]{6})(?![a-z0-9_=])"#, #"\b[1-9][0-9 ]{7}[0-9]\b"#, #"[A-Za-z0-9/+]{12}"#,
    ]

    /// Keyword rules of every flavour, interleaved with plain rules whose literals are keywords too,
    /// so that one automaton literal serves whole-word, substring and windowed rules at once.
    static func rules(seed: UInt64, count: Int) -> [RuleSpec] {
        var random = RandomSource(seed: seed)
        var out: [RuleSpec] = []
        for n in 0..<count {
            if random.chance(0.25) {
                out.append(RuleSpec(name: "P\(n)", pattern: random.pick(["sin[0-9]{1,3}", "(?i)nas-?[0-9]{2}",
                                                                         "api_key=[a-z]{2,4}", "x[0-9]"])))
                continue
            }
            let words = (0..<random.int(1...3)).map { _ in random.pick(keywords) }
            out.append(RuleSpec(name: "K\(n)", pattern: random.pick(patterns), caseless: random.chance(0.3),
                                keywords: words, keywordsCaseless: random.chance(0.7),
                                keywordsWholeWord: random.chance(0.7)))
        }
        return out
    }

    /// Texts full of keywords in and out of words: next to letters, digits, `_`, punctuation,
    /// multibyte letters and symbols, in mixed case, at the very start and end.
    static func text(_ random: inout RandomSource, length: Int) -> [UInt8] {
        let pieces: [[UInt8]] = [
            "sin", "SIN", "Sin", "using", "isinstance", "single", "sin_", "_sin", "sin1", "1sin", "(sin)", "sin.",
            "ésin", "siné", "→sin", "sin→", "\u{017F}in", "\u{212A}es", "kes", "KES", "nas", "NAS", "nasa",
            "social insurance", "SOCIAL Insurance", "social insurances", "numéro d'assurance sociale",
            "NUMÉRO D'ASSURANCE SOCIALE", "-key", "a-key", "-key-", "api_key", "API_KEY", "my_api_key", "x", "X", "xx",
            "é", "éé", "aé", "1a", "11a", "1ab", "insurance number of a very long kind", "046 454 286", "123-456-789",
            "AB12", "sin12", "nas-42", "api_key=abc", "130 692 544", "12345678,", "n1A2B3C4D5E6F", "ABCD EFGH 123 ", " ", "  ", "\n", "\t", ",", ";", "-", "_", "0", "7", "a", "Z",
        ].map { Array($0.utf8) }
        let invalid: [[UInt8]] = [[0xFF], [0xC3], [0x80], [0xE2, 0x84]]
        var out: [UInt8] = []
        while out.count < length {
            switch random.int(0...9) {
            case 0...6: out += random.pick(pieces)
            case 7: out.append(UInt8(random.int(0x61...0x7A)))
            case 8: out.append(UInt8(random.int(0x30...0x39)))
            default: out += random.chance(0.5) ? random.pick(invalid) : [UInt8(random.int(0x20...0x7E))]
            }
        }
        return out
    }

    /// The reference, written independently of the engine: a byte-by-byte search for each keyword.
    static func gateOpen(_ spec: RuleSpec, _ text: [UInt8]) -> Bool {
        func fold(_ b: UInt8) -> UInt8 { (0x41...0x5A).contains(b) ? b + 0x20 : b }
        func isWord(_ b: UInt8) -> Bool {
            (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) || b == 0x5F || b >= 0x80
        }
        for keyword in spec.keywords ?? [] {
            let word = Array(keyword.utf8)
            guard !word.isEmpty, word.count <= text.count else { continue }
            for start in 0...(text.count - word.count) {
                let same = (0..<word.count).allSatisfy { i in
                    spec.keywordsCaseless ? fold(text[start + i]) == fold(word[i]) : text[start + i] == word[i]
                }
                guard same else { continue }
                if !spec.keywordsWholeWord { return true }
                let end = start + word.count
                let openBefore = start == 0 || !isWord(text[start - 1]) || !isWord(word[0])
                let openAfter = end == text.count || !isWord(text[end]) || !isWord(word[word.count - 1])
                if openBefore, openAfter { return true }
            }
        }
        return false
    }

    private func compare(_ specs: [RuleSpec], _ set: CompiledRuleSet, _ oracle: Oracle, _ text: [UInt8],
                         _ scratch: Scratch)
    {
        let engine = set.matches(in: text, using: scratch)
            .sorted { ($0.rule, $0.range.lowerBound) < ($1.rule, $1.range.lowerBound) }
        let open = specs.map { $0.keywords == nil || Self.gateOpen($0, text) }
        let expected = oracle.matches(in: text).filter { open[$0.rule] }
        if engine != expected {
            let missing = expected.filter { !engine.contains($0) }.prefix(3)
            let extra = engine.filter { !expected.contains($0) }.prefix(3)
            let show = { (m: RawMatch) in
                "\(specs[m.rule].pattern) keywords \(specs[m.rule].keywords ?? []) whole \(specs[m.rule].keywordsWholeWord) \(m.range)"
            }
            Issue.record("""
                engine and oracle differ on \(String(decoding: text.prefix(200), as: UTF8.self).debugDescription)
                missing: \(missing.map(show))
                extra: \(extra.map(show))
                """)
        }
    }

    /// With run gates for keyword rules made of a class's bytes (every one of them, or the
    /// selective ones), with character gates for those whose matches hold enough digits, and without.
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func keywordRulesEqualOracleOnRandomTexts(seed: UInt64) throws {
        let specs = Self.rules(seed: seed, count: 120)
        var characters = CompiledRuleSet.Options()
        characters.runGates = false
        var off = characters
        off.keywordCharacterGates = false
        var runs = CompiledRuleSet.Options()
        runs.everyRunGate = true
        let sets = try [runs, CompiledRuleSet.Options(), characters, off].map { try CompiledRuleSet(specs, options: $0) }
        #expect(sets[0].keywordRunGatedRules.filter { $0 }.count > sets[1].keywordRunGatedRules.filter { $0 }.count)
        #expect(sets[1].keywordRunGatedRules.contains(true))
        #expect(sets[2].keywordCharacterGatedRules.contains(true) && !sets[2].keywordRunGatedRules.contains(true))
        #expect(!sets[3].keywordCharacterGatedRules.contains(true) && !sets[3].keywordRunGatedRules.contains(true))
        let oracle = Oracle(specs)
        let scratches = sets.map { $0.makeScratch() }
        var random = RandomSource(seed: seed &* 31)
        for round in 0..<80 {
            // Mostly short texts (so that gates are often shut), some long enough for interleaved stretches.
            let length = round % 10 == 9 ? random.int(2000...20_000) : random.int(0...60)
            let text = Self.text(&random, length: length)
            for k in sets.indices { compare(specs, sets[k], oracle, text, scratches[k]) }
        }
    }

    @Test func keywordRulesWithManyDigitsAreCharacterGated() {
        let sin = CompiledRuleSet.analyse(
            RuleSpec(name: "CA_SIN", pattern: #"\b[1-79]\d{2}[ -]\d{3}[ -]\d{3}\b"#, keywords: ["sin"], keywordsWholeWord: true),
            options: CompiledRuleSet.Options()).plan
        #expect(sin.strategy == .gated && sin.literals == [Literal("sin", caseless: true)])
        #expect(sin.characterGate == CharacterGate(characters: .digits, minimum: 9) && sin.maxMatchLength == 11)
        #expect(sin.lookaheadBytes >= 1, "\\b looks at the byte after a match")
        // Matches at the text's edges, next to the keyword, and a digit short or over.
        let specs = [RuleSpec(name: "CA_SIN", pattern: #"\b[1-79]\d{2}[ -]\d{3}[ -]\d{3}\b"#, keywords: ["sin"],
                              keywordsWholeWord: true)]
        let set = try! CompiledRuleSet(specs)
        let oracle = Oracle(specs)
        for text in ["sin 130 692 544", "130-692-544 sin", "sin:130 692 544 x", "sin 130 692 5441", "sin 30 692 544",
                     "sin 130 692 544 730-692-544", "SIN\n130 692-544\n", "sin 1306 92 544"] {
            let bytes = Array(text.utf8)
            #expect(set.matches(in: bytes, using: set.makeScratch()) == oracle.matches(in: bytes), "\(text)")
        }
        let few = CompiledRuleSet.analyse(RuleSpec(name: "F", pattern: #"\d{3}"#, keywords: ["sin"]),
                                          options: CompiledRuleSet.Options()).plan
        #expect(few.characterGate == nil && few.runGate?.isSelective == false, "three digits in a row are common")
        #expect(try! CompiledRuleSet([RuleSpec(name: "F", pattern: #"\d{3}"#, keywords: ["sin"])]).keywordRunGatedRules == [false])
    }

    /// The AWS secret key building block: 40 base64 bytes anywhere in a text that holds a key id.
    /// Once `AKIA` occurs, PCRE2 runs only from runs of 40 such bytes, not from every letter.
    @Test func keywordRulesMadeOfOneClassRunFromItsRuns() throws {
        let spec = RuleSpec(name: "AWS_SECRET", pattern: #"(?<![A-Za-z0-9/+=])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"#,
                            keywords: ["AKIA", "ASIA"])
        let plan = CompiledRuleSet.analyse(spec, options: CompiledRuleSet.Options()).plan
        #expect(plan.strategy == .gated && plan.runGate?.minimum == 40 && plan.runGate?.isSelective == true)
        #expect(plan.reason?.contains("40 bytes of its characters occur in a row") == true, "\(plan.reason ?? "")")
        var off = CompiledRuleSet.Options()
        off.runGates = false
        let sets = try [CompiledRuleSet([spec]), CompiledRuleSet([spec], options: off)]
        #expect(sets.map { $0.keywordRunGatedRules } == [[true], [false]])
        let oracle = Oracle([spec])
        let key = "wJalrFAKE/K7MDENG/bPxRfiCYFAKEKEY0123456"
        for text in ["AKIAZ7Q4FAKEEXMPL3QX \(key)", "\(key) AKIA", "AKIA \(key)x", "AKIA =\(key)", "AKIA \(key)=",
                     "AKIA \(key.dropLast())", "AKIA \(key)\n\(key.uppercased())", "no key id \(key)",
                     "AKIA " + String(repeating: "a", count: 39) + " " + String(repeating: "b", count: 40)] {
            let bytes = Array(text.utf8)
            let expected = text.contains("AKIA") || text.contains("ASIA") ? oracle.matches(in: bytes) : []
            for set in sets { #expect(set.matches(in: bytes, using: set.makeScratch()) == expected, "\(text)") }
        }
    }

    @Test func keywordsAtEdgesAndNextToEveryKindOfByte() throws {
        var specs: [RuleSpec] = []
        for caseless in [false, true] {
            for wholeWord in [false, true] {
                for word in ["sin", "-key", "é", "numéro d'assurance sociale", "api_key"] {
                    specs.append(RuleSpec(name: "\(word)", pattern: #"\d{3}"#, keywords: [word],
                                          keywordsCaseless: caseless, keywordsWholeWord: wholeWord))
                }
            }
        }
        let set = try CompiledRuleSet(specs)
        let oracle = Oracle(specs)
        let scratch = set.makeScratch()
        let neighbours = ["", " ", "a", "Z", "0", "_", "-", ".", "(", "é", "→", "\u{017F}", "\n", "\u{00A0}"]
        for word in ["sin", "SIN", "sIn", "\u{017F}in", "-key", "-KEY", "é", "É", "numéro d'assurance sociale",
                     "NUMéRO D'ASSURANCE SOCIALE", "api_key", "API_KEY"]
        {
            for before in neighbours {
                for after in neighbours {
                    let text = Array((before + word + after + " 123").utf8)
                    compare(specs, set, oracle, text, scratch)
                    compare(specs, set, oracle, Array(("123 " + before + word + after).utf8), scratch)
                    compare(specs, set, oracle, Array((before + word + after).utf8), scratch)
                }
            }
        }
        // Invalid UTF-8 on either side is a word byte too (any byte ≥ 0x80).
        for edge: [UInt8] in [[0xFF], [0x80], [0xC3]] {
            compare(specs, set, oracle, edge + Array("sin 123".utf8), scratch)
            compare(specs, set, oracle, Array("123 sin".utf8) + edge, scratch)
        }
    }

    @Test func wholeWordKeywordsStayWhole() {
        let long = "numéro d'assurance sociale"
        let whole = LiteralExtractor.plan(keywords: [long, "sin"], caseless: true, wholeWord: true)
        #expect(whole.strategy == .gated)
        #expect(whole.literals.map(\.bytes) == [Array(long.utf8), Array("sin".utf8)])
        let cut = LiteralExtractor.plan(keywords: [long], caseless: true)
        #expect(cut.literals.allSatisfy { $0.bytes.count <= LiteralExtractor.maxPrefilterLiteralLength })
    }
}
