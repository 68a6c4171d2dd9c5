/// Derives, from a rule's regular expression, the literals that every match must contain, and
/// the strategy the engine uses to confirm them (see ``LiteralPlan``).
///
/// The contract: if the plan is ``LiteralPlan/Strategy/windowed`` or ``LiteralPlan/Strategy/gated``,
/// every string the pattern can match (as PCRE2 matches it in UTF mode) contains at least one of the
/// plan's literals, compared exactly or ASCII-case-insensitively as each literal says. When the
/// extractor cannot prove that, the plan is ``LiteralPlan/Strategy/unfiltered``: slower, never wrong.
public enum LiteralExtractor {
    /// Above this many expected hits per byte of ordinary text, literals are not worth searching for.
    public static let maxHitRate = 1.0 / 128
    /// Matches longer than this are not confirmed in windows but by a gated whole-text run.
    public static let maxWindowedMatchLength = 16 * 1024
    /// Literals handed to the prefilter are cut to this many bytes (any part of a required literal
    /// is required too).
    public static let maxPrefilterLiteralLength = 24

    /// The plan for `pattern` compiled with the given options.
    public static func plan(
        pattern: String, caseless: Bool = false, dotAll: Bool = false, extended: Bool = false
    ) -> LiteralPlan {
        let tree = RegexParser.parse(pattern, caseless: caseless, dotAll: dotAll, extended: extended)
        if let reason = unsupportedReason(in: tree) { return .unfiltered("uses \(reason)") }
        let info = LiteralAnalyzer.analyze(tree)
        guard info.minLength > 0 else { return .unfiltered("can match the empty string") }
        guard let required = info.required else {
            return characterGated(tree, info, .unfiltered("no literal is common to every match"))
        }
        let literals = cut(required.literals)
        let rate = LiteralChooser.score(literals)
        guard rate <= maxHitRate else {
            let shown = literals.prefix(4).map { "'\($0)'" }.joined(separator: ", ")
            let reason = "its literals are too common (\(shown)\(literals.count > 4 ? ", …" : ""))"
            return characterGated(tree, info, .unfiltered(reason))
        }
        let (behind, ahead) = lookaroundReach(tree)
        guard let ahead else {
            return LiteralPlan(strategy: .gated, literals: literals, maxMatchLength: info.maxLength, literalReach: nil,
                               characterGate: nil, lookbehindBytes: behind ?? 0, lookaheadBytes: 0,
                               reason: "a lookahead of unbounded length")
        }
        guard let behind else { return .unfiltered("a lookbehind of unbounded length") }
        guard let maxLength = info.maxLength else {
            return LiteralPlan(strategy: .gated, literals: literals, maxMatchLength: nil, literalReach: info.requiredReach,
                               characterGate: nil, lookbehindBytes: behind, lookaheadBytes: ahead,
                               reason: "matches of unbounded length (a '*', '+' or '{n,}')")
        }
        guard maxLength <= maxWindowedMatchLength else {
            return LiteralPlan(strategy: .gated, literals: literals, maxMatchLength: maxLength,
                               literalReach: info.requiredReach.map { min($0, maxLength) }, characterGate: nil,
                               lookbehindBytes: behind, lookaheadBytes: ahead, reason: "matches of up to \(maxLength) bytes")
        }
        // Cutting literals keeps their starts, so their ends only come nearer: the reach still holds.
        let reach = info.requiredReach.map { min($0, maxLength) } ?? maxLength
        return LiteralPlan(strategy: .windowed, literals: literals, maxMatchLength: maxLength, literalReach: reach,
                           characterGate: nil, lookbehindBytes: behind, lookaheadBytes: ahead, reason: nil)
    }

    /// The plan for a rule whose literals are given as keywords: gated on any of them occurring.
    ///
    /// With `wholeWord`, the literals are the keywords whole (not cut to
    /// ``maxPrefilterLiteralLength``): the scan checks the bytes around each occurrence, so an
    /// occurrence must be the keyword's, end to end.
    public static func plan(keywords: [String], caseless: Bool, wholeWord: Bool = false) -> LiteralPlan {
        let literals = LiteralSets.normalize(keywords.filter { !$0.isEmpty }.map { Literal($0, caseless: caseless) })
        guard !literals.isEmpty else { return .unfiltered("its keyword list is empty") }
        if wholeWord {
            return LiteralPlan(strategy: .gated, literals: literals, maxMatchLength: nil, literalReach: nil,
                               characterGate: nil, lookbehindBytes: 0, lookaheadBytes: 0,
                               reason: "explicit keywords (whole words)")
        }
        return LiteralPlan(strategy: .gated, literals: cut(literals), maxMatchLength: nil, literalReach: nil,
                           characterGate: nil, lookbehindBytes: 0, lookaheadBytes: 0, reason: "explicit keywords")
    }

    /// Digits a match must hold for the engine to gate an unfiltered rule on them: fewer occur too
    /// often together in code and tables for the gate to save anything.
    public static let minimumDigitsForGate = 8
    /// The same for capitals and digits together (identifiers in code have runs of capitals).
    public static let minimumUppercaseOrDigitsForGate = 12

    /// `plan` (unfiltered) with a run gate when every match is made of a small class's bytes, and
    /// a character gate when every match holds enough digits (else enough capitals and digits),
    /// within a bounded length, and the lookarounds reach a bounded distance.
    private static func characterGated(_ tree: RegexNode, _ info: LiteralInfo, _ plan: LiteralPlan) -> LiteralPlan {
        guard let maxLength = info.maxLength, maxLength <= maxWindowedMatchLength else { return plan }
        let (behind, ahead) = lookaroundReach(tree)
        guard let behind, let ahead else { return plan }
        var gated = plan
        gated.maxMatchLength = maxLength
        gated.lookbehindBytes = behind
        gated.lookaheadBytes = ahead
        var reasons = [plan.reason ?? ""]
        gated.runGate = RunGate.derive(tree, minimumLength: info.minLength)
        if let run = gated.runGate, run.isSelective {
            reasons.append("runs where \(run.minimum) bytes of its characters occur in a row")
        }
        gated.characterGate = characterGate(tree)
        if let gate = gated.characterGate {
            reasons.append("\(gated.runGate?.isSelective == true ? "else" : "runs") where \(gate.describe(within: maxLength))")
        }
        guard gated.runGate != nil || gated.characterGate != nil else { return plan }
        if reasons.count == 1 { return gated }
        gated.reason = reasons.joined(separator: "; ")
        return gated
    }

    /// The character gate of `tree`: enough digits, else enough capitals and digits, in every match.
    private static func characterGate(_ tree: RegexNode) -> CharacterGate? {
        let digits = CharacterCount.minimum(tree, of: .digits)
        if digits >= minimumDigitsForGate { return CharacterGate(characters: .digits, minimum: digits) }
        let alphanumerics = CharacterCount.minimum(tree, of: .uppercaseOrDigits)
        if alphanumerics >= minimumUppercaseOrDigitsForGate {
            return CharacterGate(characters: .uppercaseOrDigits, minimum: alphanumerics)
        }
        return nil
    }

    /// `plan` (a keyword rule's) with the gates of `pattern`'s matches, their longest length and
    /// their lookarounds' reach: a run gate when every match is made of a small class's bytes, a
    /// character gate when every match holds enough digits (else capitals and digits) within a
    /// bounded length. Once a keyword occurs, the engine runs PCRE2 only from long enough runs
    /// (``CompiledRuleSet/Options/runGates``), else only where enough such characters occur close
    /// together (``CompiledRuleSet/Options/keywordCharacterGates``), not over the whole text.
    static func addingGates(
        to plan: LiteralPlan, pattern: String, caseless: Bool = false, dotAll: Bool = false, extended: Bool = false
    ) -> LiteralPlan {
        guard plan.strategy == .gated else { return plan }
        let tree = RegexParser.parse(pattern, caseless: caseless, dotAll: dotAll, extended: extended)
        guard unsupportedReason(in: tree) == nil else { return plan }
        let info = LiteralAnalyzer.analyze(tree)
        let (behind, ahead) = lookaroundReach(tree)
        guard info.minLength > 0, let maxLength = info.maxLength, maxLength <= maxWindowedMatchLength, let behind, let ahead
        else { return plan }
        let run = RunGate.derive(tree, minimumLength: info.minLength)
        let gate = characterGate(tree)
        guard run != nil || gate != nil else { return plan }
        var gated = plan
        gated.runGate = run
        gated.characterGate = gate
        gated.maxMatchLength = maxLength
        gated.lookbehindBytes = behind
        gated.lookaheadBytes = ahead
        var reason = plan.reason ?? ""
        if let run, run.isSelective {
            reason += "; then runs where \(run.minimum) bytes of its characters occur in a row"
        }
        if let gate {
            reason += "; \(run?.isSelective == true ? "else" : "then") runs where \(gate.describe(within: maxLength))"
        }
        gated.reason = reason
        return gated
    }

    /// Cut literals, without those that begin with another one (see ``withoutLongerSpellings(_:)``).
    private static func cut(_ literals: [Literal]) -> [Literal] {
        withoutLongerSpellings(LiteralSets.normalize(literals.map { literal in
            literal.bytes.count <= maxPrefilterLiteralLength
                ? literal : Literal(Array(literal.bytes.prefix(maxPrefilterLiteralLength)), caseless: literal.caseless)
        }))
    }

    /// `literals` without each one that begins with another of them (as the prefilter compares
    /// them: a caseless literal begins any spelling of its letters): wherever the longer one occurs,
    /// the shorter one occurs at the same start, so the set still holds a literal of every match, and
    /// each match is not reported twice from one place (`aws_?secret(?:_?access_?key)?` gave both
    /// `awssecret` and `awssecretaccesskey`).
    static func withoutLongerSpellings(_ literals: [Literal]) -> [Literal] {
        guard literals.count > 1 else { return literals }
        let byLength = literals.indices.sorted { (literals[$0].bytes.count, $0) < (literals[$1].bytes.count, $1) }
        var kept: [Int] = []
        var dropped = Set<Int>()
        for index in byLength {
            let long = literals[index]
            if kept.contains(where: { begins(long, with: literals[$0]) }) {
                dropped.insert(index)
            } else {
                kept.append(index)
            }
        }
        return literals.indices.filter { !dropped.contains($0) }.map { literals[$0] }
    }

    /// Whether every occurrence of `long` is also one of `short` at the same start.
    private static func begins(_ long: Literal, with short: Literal) -> Bool {
        guard short.bytes.count < long.bytes.count else { return false }
        for k in short.bytes.indices {
            let a = long.bytes[k], b = short.bytes[k]
            if short.caseless {
                if Literal.fold(a) != Literal.fold(b) { return false }
            } else if a != b || (long.caseless && Literal.fold(b) &- 0x61 < 26) {
                // A case-sensitive letter is not begun by a caseless one's other spellings.
                return false
            }
        }
        return true
    }

    /// The first unsupported construct in the tree, if any.
    static func unsupportedReason(in node: RegexNode) -> String? {
        switch node {
        case .unsupported(let reason): return reason
        case .concat(let items), .alternation(let items):
            for item in items {
                if let reason = unsupportedReason(in: item) { return reason }
            }
            return nil
        case .repetition(let body, _, _), .lookaround(let body, _): return unsupportedReason(in: body)
        case .empty, .char, .charClass, .backReference: return nil
        }
    }

    /// How far lookbehinds and lookaheads may look beyond a match, in bytes, plus a margin for
    /// `\b`, `^`, `$` and `\Z` (one character and a newline). `nil` when unbounded.
    static func lookaroundReach(_ node: RegexNode) -> (behind: Int?, ahead: Int?) {
        let margin = 8
        var behind: Int? = margin
        var ahead: Int? = margin
        func walk(_ node: RegexNode) {
            switch node {
            case .lookaround(let body, let isBehind):
                let length = LiteralAnalyzer.analyze(body).maxLength
                let (innerBehind, innerAhead) = lookaroundReach(body)
                if isBehind {
                    behind = zip(behind, length, innerBehind).map { $0 + $1 + $2 }
                    // A lookahead inside a lookbehind looks at most up to the current position … plus its own reach.
                    ahead = zip(ahead, innerAhead).map(max)
                } else {
                    ahead = zip(ahead, length, innerAhead).map { $0 + $1 + $2 }
                    behind = zip(behind, innerBehind).map(max)
                }
            case .concat(let items), .alternation(let items): items.forEach(walk)
            case .repetition(let body, _, _): walk(body)
            case .empty, .char, .charClass, .backReference, .unsupported: break
            }
        }
        walk(node)
        return (behind, ahead)
    }

    private static func zip(_ a: Int?, _ b: Int?) -> (Int, Int)? {
        guard let a, let b else { return nil }
        return (a, b)
    }

    private static func zip(_ a: Int?, _ b: Int?, _ c: Int?) -> (Int, Int, Int)? {
        guard let a, let b, let c else { return nil }
        return (a, b, c)
    }
}
