@testable import SiftMatcher
import Testing

@Suite struct LiteralExtractorTests {
    private func literals(_ plan: LiteralPlan) -> Set<String> {
        Set(plan.literals.map(\.description))
    }

    @Test func providerPrefixIsTheLiteralAndBoundsTheWindow() {
        let plan = LiteralExtractor.plan(pattern: #"\bAKIA[0-9A-Z]{16}\b"#)
        #expect(plan.strategy == .windowed)
        #expect(literals(plan) == ["AKIA"])
        #expect(plan.maxMatchLength == 20)
    }

    @Test(arguments: [
        // A fixed prefix: PCRE2 starts at the literal.
        (#"\bAKIA[0-9A-Z]{16}\b"#, 4),
        // The literal after a bounded run: the run's longest plus the literal.
        (#"\b[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[a-z]{1,20}\.[a-z]{2,6}"#, 65),
        // Literals of different lengths after alternatives of different lengths: the longest of both.
        (#"(?:x{1,3}|yy)(?:ab|tok)[0-9]{1,3}"#, 6),
        // A repeated group: its first repetition holds a literal.
        (#"(?:[a-c]{1,2}key){1,3}"#, 5),
    ])
    func theReachBoundsWhereAMatchStartsBeforeItsLiteral(pattern: String, reach: Int) {
        let plan = LiteralExtractor.plan(pattern: pattern)
        #expect(plan.strategy == .windowed)
        #expect(plan.literalReach == reach, "literals \(literals(plan)), longest match \(plan.maxMatchLength ?? -1)")
    }

    @Test func digitRunsWithoutALiteralAreGatedOnDigits() {
        let run = LiteralExtractor.plan(pattern: #"(?<![0-9])(?:\d[ -]?){11}\d(?![0-9])"#)
        #expect(run.strategy == .unfiltered)
        #expect(run.characterGate == CharacterGate(characters: .digits, minimum: 12))
        #expect(run.maxMatchLength == 23)
        let short = LiteralExtractor.plan(pattern: #"\b\d{3}[a-z]\d{3}\b"#)
        #expect(short.characterGate == nil, "six digits are too common together to gate on")
        let iban = LiteralExtractor.plan(pattern: #"\b(?=[A-Z]{2}\d\d)[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}\b"#)
        #expect(iban.strategy == .unfiltered)
        #expect(iban.characterGate == CharacterGate(characters: .uppercaseOrDigits, minimum: 12))
        let caseless = LiteralExtractor.plan(pattern: #"(?i)\b(?:[A-Z]{2}\d\d)(?: ?[A-Z0-9]{4}){2,7}\b"#)
        #expect(caseless.characterGate == nil, "caseless letters are not capitals")
        let ucp = LiteralExtractor.plan(pattern: #"(*UCP)\d{12}"#)
        #expect(ucp.characterGate == nil, "with UCP, \\d is more than ASCII digits")
    }

    @Test func alternativesCrossIntoEveryCombination() {
        let plan = LiteralExtractor.plan(pattern: #"(?:sk|rk)_(?:live|test)_[0-9a-zA-Z]{24,99}"#)
        #expect(literals(plan) == ["sk_live_", "sk_test_", "rk_live_", "rk_test_"])
        #expect(plan.maxMatchLength == 107)
    }

    @Test func aTooBigProductIsCutToTheBytesNextToTheJoin() {
        // [0-9]{3} has too many spellings to cross with `-`, so the fold keeps its last two digits;
        // crossed with the next run, those are cut to nothing and the dashes join: "-DD-".
        let ssn = LiteralExtractor.plan(pattern: #"\b[0-9]{3}-(?!00)[0-9]{2}-(?!0000)[0-9]{4}\b"#)
        #expect(ssn.strategy == .windowed)
        #expect(ssn.literals.count == 100)
        #expect(ssn.literals.allSatisfy { $0.bytes.count == 4 && $0.bytes.first == 0x2D && $0.bytes.last == 0x2D },
                "literals \(literals(ssn))")
        // Five first pairs cannot take a hundred digit pairs after them, but they can take one digit.
        let card = LiteralExtractor.plan(pattern: #"\b5[1-5][0-9]{2}(?:[ -]?[0-9]{4}){3}\b"#)
        #expect(card.literals.count == 50)
        #expect(literals(card).contains("534"))
        #expect(card.literals.allSatisfy { $0.bytes.count == 3 })
        #expect(card.literalReach == 3)
        // The literals end inside a run and begin inside one: the neighbour checks still find their place.
        let cardCheck = NeighbourCheck.derive(pattern: #"\b5[1-5][0-9]{2}(?:[ -]?[0-9]{4}){3}\b"#, literals: card.literals)
        #expect(cardCheck?.after.allSatisfy { $0.contains(UInt8(ascii: "7")) && !$0.contains(UInt8(ascii: "x")) } == true)
        let ssnCheck = NeighbourCheck.derive(pattern: #"\b[0-9]{3}-(?!00)[0-9]{2}-(?!0000)[0-9]{4}\b"#, literals: ssn.literals)
        #expect(ssnCheck?.behind.count == 3, "three digits before -DD-")
    }

    /// PCRE2 ignores `\E` outside `\Q…\E` and an empty `\Q\E`: a quantifier after them repeats
    /// the item before (fuzz-regex found `(…'r)\E*` planned with the group's text as its literal,
    /// though the group may repeat zero times).
    @Test func aQuantifierAfterAnIgnoredEscapeRepeatsTheItemBefore() {
        #expect(LiteralExtractor.plan(pattern: #"(abc)\E*"#).strategy == .unfiltered, "(abc)* can match nothing")
        #expect(literals(LiteralExtractor.plan(pattern: #"(abc)\Q\E{2}x"#)) == ["abcabcx"])
        #expect(literals(LiteralExtractor.plan(pattern: #"q\Qabc\Ex"#)) == ["qabcx"])
        // After \Q…\E a quantifier repeats the last character only: not analysed.
        let quoted = LiteralExtractor.plan(pattern: #"\Qabc\E{2}"#)
        #expect(!literals(quoted).contains("abcabc"))
        for pattern in [#"(abc)\E*"#, #"(abc)\Q\E{2}x"#, #"\Qabc\E{2}"#, #"z(abc)\E?y"#] {
            let spec = RuleSpec(name: "Q", pattern: pattern)
            let texts = ["zy", "zabcy", "abcabcx", "abcc", "abcabc", "x", "abcx"].map { Array($0.utf8) }
            let set = try! CompiledRuleSet([spec])
            for text in texts { #expect(set.matches(in: text, using: set.makeScratch()) == Oracle([spec]).matches(in: text), "\(pattern)") }
        }
    }

    @Test func aLiteralThatBeginsWithAnotherIsDropped() {
        let plan = LiteralExtractor.plan(pattern: #"(?i)\baws_?(?:secret_?(?:access_?)?key|secret)\b"#)
        #expect(!plan.literals.isEmpty)
        for long in plan.literals {
            for short in plan.literals where short.bytes.count < long.bytes.count {
                #expect(!long.bytes.starts(with: short.bytes), "\(long) begins with \(short)")
            }
        }
        // A caseless literal begins every spelling; a case-sensitive one only its own.
        let kept = LiteralExtractor.withoutLongerSpellings([Literal("ab", caseless: false), Literal("abc", caseless: true)])
        #expect(kept.count == 2, "ABC does not begin with ab")
        let dropped = LiteralExtractor.withoutLongerSpellings([Literal("ab", caseless: true), Literal("ABC", caseless: false)])
        #expect(dropped == [Literal("ab", caseless: true)])
    }

    @Test func smallClassesExpand() {
        let plan = LiteralExtractor.plan(pattern: #"xox[baprs]-[0-9a-zA-Z-]{10,48}"#)
        #expect(literals(plan) == ["xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-"])
    }

    @Test func optionalSuffixGivesBothSpellings() {
        let plan = LiteralExtractor.plan(pattern: #"https?://[^\s/]+:[^\s@/]{3,64}@"#)
        #expect(literals(plan) == ["http://", "https://"])
        #expect(plan.strategy == .gated)
        #expect(plan.reason?.contains("unbounded") == true)
    }

    @Test func caselessLettersFoldAndKelvinAndLongSJoin() {
        // In PCRE2's UTF mode (?i)k also matches U+212A and (?i)s matches U+017F.
        let plan = LiteralExtractor.plan(pattern: #"(?i)kes\S{4}"#)
        #expect(plan.literals.count == 4)
        #expect(plan.literals.contains(Literal("kes", caseless: true)))
        #expect(plan.literals.contains(Literal("\u{212A}es", caseless: true)))
        #expect(plan.literals.contains(Literal("ke\u{017F}", caseless: true)))
    }

    @Test func scopedCaselessnessMakesTheJoinedLiteralCaseless() {
        let plan = LiteralExtractor.plan(pattern: #"(?i:ab)CD[0-9]{6}"#)
        #expect(plan.literals == [Literal("abCD", caseless: true)])
        let off = LiteralExtractor.plan(pattern: #"(?i)ab(?-i)CD[0-9]{6}"#)
        #expect(off.literals == [Literal("abCD", caseless: true)])
        let plain = LiteralExtractor.plan(pattern: #"abCD[0-9]{6}"#)
        #expect(plain.literals == [Literal("abCD", caseless: false)])
    }

    @Test func nestedAlternationsWithOptionalParts() {
        let plan = LiteralExtractor.plan(pattern: #"(?:(?:ab|cd)ef|gh(?:ij)?)kl"#)
        #expect(literals(plan) == ["abefkl", "cdefkl", "ghkl", "ghijkl"])
        #expect(plan.maxMatchLength == 6)
    }

    @Test func optionalPrefixIsNotRequired() {
        // "aws_" may be absent, so the literal must come from what follows.
        let plan = LiteralExtractor.plan(pattern: #"(?:aws_)?secret_key=[A-Za-z0-9/+]{40}"#)
        #expect(plan.strategy == .windowed)
        #expect(plan.literals.allSatisfy { $0.description.contains("ecret_key=") || $0.description.contains("secret") })
    }

    @Test func digitRunsChooseSeparatorLiterals() {
        let plan = LiteralExtractor.plan(pattern: #"\b\d{3}-\d{2}-\d{4}\b"#)
        #expect(plan.strategy == .windowed)
        #expect(plan.literals.allSatisfy { $0.bytes.contains(UInt8(ascii: "-")) })
        #expect(plan.literals.count <= 256)
    }

    @Test func lookaroundsAreContextNotLiterals() {
        let ahead = LiteralExtractor.plan(pattern: #"\bfoo(?=barbaz)"#)
        #expect(literals(ahead) == ["foo"])
        #expect(ahead.lookaheadBytes >= 6)
        #expect(ahead.maxMatchLength == 3)
        let behind = LiteralExtractor.plan(pattern: #"(?<=token=)[A-Z]{10}"#)
        #expect(behind.strategy == .unfiltered)
        let negative = LiteralExtractor.plan(pattern: #"(?<!EXAMPLE)ghp_[A-Za-z0-9]{36}"#)
        #expect(literals(negative) == ["ghp_"])
        #expect(negative.lookbehindBytes >= 7)
    }

    @Test func extendedModeIgnoresSpaceAndComments() {
        let plan = LiteralExtractor.plan(pattern: "(?x) A K I A  # the prefix\n [0-9A-Z]{16}")
        #expect(literals(plan) == ["AKIA"])
        let escapedSpace = LiteralExtractor.plan(pattern: #"(?x)BEGIN\ KEY [0-9]{4}"#)
        #expect(literals(escapedSpace) == ["BEGIN KEY"])
    }

    @Test func longLiteralsAreCutForThePrefilter() {
        let plan = LiteralExtractor.plan(pattern: #"-----BEGIN RSA PRIVATE KEY-----[\s\S]{64,4096}?-----END"#)
        #expect(plan.literals.count == 1)
        #expect(plan.literals[0].bytes.count == LiteralExtractor.maxPrefilterLiteralLength)
        #expect(plan.literals[0].description.hasPrefix("-----BEGIN RSA"))
    }

    @Test(arguments: [
        (#"(a+)+$"#, "too common"),
        (#"x*"#, "empty"),
        (#"foo\Kbar"#, "\\K"),
        (#"(?R)|a"#, "recursion"),
        (#"(?(1)a|b)"#, "conditional"),
        (#"(*UCP)\w+secret"#, "(*"),
        (#"\Gabc"#, "\\G"),
        (#"[A-Z]{3}[a-z]{3}"#, "no literal"),
    ])
    func unfilteredWithAReason(pattern: String, reasonPart: String) {
        let plan = LiteralExtractor.plan(pattern: pattern)
        #expect(plan.strategy == .unfiltered)
        #expect(plan.reason?.contains(reasonPart) == true, "\(plan.reason ?? "no reason")")
    }

    @Test func backReferencesMakeLengthUnbounded() {
        let plan = LiteralExtractor.plan(pattern: #"(['"])secret_[a-z]{8}\1"#)
        #expect(plan.strategy == .gated)
        #expect(literals(plan) == ["'secret_", "\"secret_"])
    }

    @Test func escapesAndClassesParse() {
        #expect(literals(LiteralExtractor.plan(pattern: #"\x41\x{42}\103\Q.*\E[\]]x"#)).isEmpty == false)
        let plan = LiteralExtractor.plan(pattern: #"\Qa.b*c\E[0-9]{3}"#)
        #expect(literals(plan) == ["a.b*c"])
        let posix = LiteralExtractor.plan(pattern: #"token[[:digit:]]{2}[[:alpha:]]{30}"#)
        #expect(posix.strategy == .windowed)
        #expect(posix.literals.allSatisfy { $0.description.hasPrefix("token") })
    }

    @Test func keywordsGate() {
        let plan = LiteralExtractor.plan(keywords: ["Password", "passwd"], caseless: true)
        #expect(plan.strategy == .gated)
        #expect(literals(plan) == ["(?i)password", "(?i)passwd"])
    }

    @Test func deepNestingAndCombinatorialPatternsAreBoundedAndSafe() {
        // Hostile patterns (see docs/hostile-input.md): the parser stops at 200 levels, and the
        // cross product of alternatives is capped rather than enumerated.
        let clock = ContinuousClock()
        let start = clock.now
        let deep = LiteralExtractor.plan(pattern: String(repeating: "(", count: 100_000) + "a" + String(repeating: ")", count: 100_000))
        #expect(deep.strategy == .unfiltered)
        let combinations = LiteralExtractor.plan(pattern: String(repeating: "(a|b)", count: 60) + "xyz")
        #expect(combinations.literals.count <= 256)
        #expect(clock.now - start < .seconds(5))
    }
}
