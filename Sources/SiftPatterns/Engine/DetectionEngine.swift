import SiftCore
import SiftMatcher

/// Patterns, objects and a policy compiled into one matcher: the detection stage of Sift. Build it
/// once; it is immutable and `Sendable`; scan from many threads, each with its own
/// ``DetectionScratch``.
///
/// ```swift
/// let engine = try DetectionEngine(packs: BuiltinPacks.all())
/// let scratch = engine.makeScratch()
/// let result = engine.findings(in: "aws_access_key_id = AKIAZ7Q4FAKEEXMPL3QX", using: scratch)
/// ```
///
/// Every regex of every enabled pattern (include and exclude criteria) is one rule of a single
/// ``CompiledRuleSet``, so one prefilter pass serves them all. Matches then go through, in order:
/// exclusions, validators, allow-lists, context words; objects are evaluated per item over what
/// survives; where several patterns match exactly the same span, one finding is reported (the
/// highest severity, then the first declared).
public struct DetectionEngine: Sendable {
    /// Compile-time choices.
    public struct Options: Sendable, Hashable {
        /// Options of the underlying matcher (limits; `everyRuleIsCandidate` for equivalence tests).
        public var matcher: CompiledRuleSet.Options
        public init(matcher: CompiledRuleSet.Options = .init()) { self.matcher = matcher }
    }

    /// The enabled patterns, in declaration order (packs in the order given, then custom rules).
    public let patterns: [DataPattern]
    /// The enabled objects.
    public let objects: [DataObject]
    /// The matcher: every enabled pattern's regexes, scanned in one pass over each item.
    public let ruleSet: CompiledRuleSet
    /// The patterns' exclude regexes, on their own: a second pass over an item runs those of the
    /// patterns that matched in it. (In the one pass, UK_NINO's `\b(?:BG|GB|NK|KN|TN|NT|ZZ)` was
    /// confirmed at every "nt" of every text: 554 000 PCRE2 calls in a 64 MB export.)
    public let excludeSet: CompiledRuleSet
    /// A stable identity of everything that decides what is found (patterns, objects, policy): two
    /// engines with the same fingerprint find the same things. For incremental rescans.
    public let fingerprint: String

    /// Every regex the engine compiled, for listings and linting: `ruleSet`'s, then `excludeSet`'s.
    public var compiledRules: [CompiledRuleSet.Rule] { ruleSet.rules + excludeSet.rules }

    /// For each rule of `ruleSet`, its pattern.
    let patternOfRule: [Int]
    /// Allow-list regexes (pack-wide and per pattern), matched against secrets.
    let allowSet: CompiledRuleSet
    /// For each pattern, the allow rules (indices into `allowSet`) that apply to it.
    let allowRules: [Set<Int>]
    /// For each pattern, its exclude rules (indices into `excludeSet`).
    let excludeRules: [[Int]]
    let severities: [Severity]
    let objectSeverities: [Severity]
    /// Objects in an order where every object comes after the objects it refers to.
    let objectOrder: [Int]
    /// Ids of patterns and objects that objects refer to (their matches are kept for evaluation).
    let referenced: Set<String>
    let contextWords: [CompiledContext?]
    /// Ids of patterns that report findings (not building blocks).
    let reportedIDs: Set<String>
    /// For each pattern with keywords: the words (lowercase when caseless), caselessness, whole-word.
    let keywords: [(words: [[UInt8]], caseless: Bool, wholeWord: Bool)?]

    /// Compiles `packs` under `policy`; with `plans`, rules it holds skip literal analysis (see
    /// ``PlanCache``: the engine is the same either way).
    ///
    /// - Throws: ``PackLoadError`` naming every rule whose regex PCRE2 rejects (custom rules
    ///   included), duplicate ids, objects that refer to unknown ids and object cycles.
    public init(packs: [Pack], policy: Policy = Policy(), options: Options = Options(), plans: PlanCache? = nil)
        throws(PackLoadError)
    {
        var problems = PackLoader.crossCheck(packs)
        var patterns: [DataPattern] = []
        var packOfPattern: [Int] = []
        for (p, pack) in packs.enumerated() {
            for pattern in pack.patterns where !policy.disabled.contains(pattern.id) {
                patterns.append(pattern)
                packOfPattern.append(p)
            }
        }
        let builtInIDs = Set(packs.flatMap { $0.patterns.map(\.id) + $0.objects.map(\.id) })
        for custom in policy.customRules where custom.enabled {
            if builtInIDs.contains(custom.name) {
                problems.append(PackProblem(code: "duplicate-id",
                                            "custom rule '\(custom.name)' has the name of a built-in rule",
                                            at: SourceLocation(rule: custom.name)))
                continue
            }
            patterns.append(custom.pattern)
            packOfPattern.append(-1)
        }
        let objects = packs.flatMap(\.objects).filter { !policy.disabled.contains($0.id) }

        // Matcher rules: each pattern's regexes; its exclude regexes in a set of their own.
        var specs: [RuleSpec] = []
        var patternOfRule: [Int] = []
        var excludeRules: [[Int]] = Array(repeating: [], count: patterns.count)
        var excludeSpecs: [RuleSpec] = []
        for (index, pattern) in patterns.enumerated() {
            // The matcher gates on exactly the words the keyword check below looks for.
            let gateWords = pattern.keywords.map { $0.map { pattern.caseSensitive ? $0 : $0.lowercased() } }
            for (n, regex) in pattern.regexes.enumerated() {
                specs.append(RuleSpec(name: pattern.regexes.count == 1 ? pattern.id : "\(pattern.id)#\(n + 1)",
                                      pattern: regex, caseless: !pattern.caseSensitive, keywords: gateWords,
                                      keywordsCaseless: !pattern.caseSensitive,
                                      keywordsWholeWord: !pattern.ignoreWordBoundaries))
                patternOfRule.append(index)
            }
            for (n, regex) in pattern.exclude.enumerated() {
                let spec = RuleSpec(name: "\(pattern.id)/exclude#\(n + 1)", pattern: regex, caseless: !pattern.caseSensitive)
                excludeRules[index].append(excludeSpecs.count)
                excludeSpecs.append(spec)
            }
        }
        // Every regex PCRE2 rejects, named. Compiling the sets finds the first one; this pass, a PCRE2
        // compile per regex, runs only when something is wrong, to report them all.
        func regexProblems() -> [PackProblem] {
            (specs + excludeSpecs).compactMap { spec in
                CompiledRuleSet.check(spec).map { error in
                    PackProblem(code: "regex-invalid", "PCRE2 rejects the regex: \(error.message)",
                                at: SourceLocation(rule: spec.name, offset: error.patternOffset))
                }
            }
        }
        // Allow-lists: pack-wide ones once per pack, then each pattern's own.
        var allowSpecs: [RuleSpec] = []
        var packAllow: [[Int]] = []
        for pack in packs {
            packAllow.append(pack.allow.map { regex in
                allowSpecs.append(RuleSpec(name: "\(pack.id)/allow", pattern: regex))
                return allowSpecs.count - 1
            })
        }
        var allowRules: [Set<Int>] = []
        for (index, pattern) in patterns.enumerated() {
            var rules = Set<Int>()
            if pattern.useAllowList, packOfPattern[index] >= 0 { rules.formUnion(packAllow[packOfPattern[index]]) }
            for regex in pattern.allow {
                allowSpecs.append(RuleSpec(name: "\(pattern.id)/allow", pattern: regex))
                rules.insert(allowSpecs.count - 1)
            }
            allowRules.append(rules)
        }
        guard problems.isEmpty else { throw PackLoadError(problems: problems + regexProblems()) }

        do {
            ruleSet = try CompiledRuleSet(specs, options: options.matcher, plans: plans)
            excludeSet = try CompiledRuleSet(excludeSpecs, options: options.matcher, plans: plans)
            allowSet = try CompiledRuleSet(allowSpecs, options: .init(limits: options.matcher.limits,
                                                                      disableRulesAtLimit: false), plans: plans)
        } catch {
            let rejected = regexProblems()
            throw PackLoadError(problems: rejected.isEmpty
                ? [PackProblem(code: error.code, error.message, at: error.location)] : rejected)
        }
        self.patterns = patterns
        self.objects = objects
        self.patternOfRule = patternOfRule
        self.allowRules = allowRules
        self.excludeRules = excludeRules
        severities = patterns.map { policy.severityOverrides[$0.id] ?? $0.severity }
        objectSeverities = objects.map { policy.severityOverrides[$0.id] ?? $0.severity }
        contextWords = patterns.map { $0.context.map(CompiledContext.init) }
        reportedIDs = Set(patterns.filter(\.report).map(\.id))
        keywords = patterns.map { pattern in
            pattern.keywords.map { list in
                (list.map { Array((pattern.caseSensitive ? $0 : $0.lowercased()).utf8) }, !pattern.caseSensitive,
                 !pattern.ignoreWordBoundaries)
            }
        }
        referenced = objects.reduce(into: Set<String>()) { $0.formUnion($1.expression.references) }
        objectOrder = Self.dependencyOrder(objects)
        fingerprint = Self.fingerprint(patterns: patterns, objects: objects, severities: severities,
                                       objectSeverities: objectSeverities, packs: packs)
    }

    /// A scratch for one worker thread.
    public func makeScratch() -> DetectionScratch { DetectionScratch(self) }

    /// Objects sorted so that each comes after the objects it refers to (cycles were rejected).
    private static func dependencyOrder(_ objects: [DataObject]) -> [Int] {
        let index = Dictionary(objects.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var order: [Int] = []
        var done = Set<Int>()
        func visit(_ i: Int) {
            guard done.insert(i).inserted else { return }
            for reference in objects[i].expression.references.sorted() {
                if let j = index[reference] { visit(j) }
            }
            order.append(i)
        }
        for i in objects.indices { visit(i) }
        return order
    }

    private static func fingerprint(
        patterns: [DataPattern], objects: [DataObject], severities: [Severity], objectSeverities: [Severity],
        packs: [Pack]
    ) -> String {
        var canonical = "sift-engine-v1\n"
        for pack in packs { canonical += "pack \(pack.id) \(pack.allow)\n" }
        for (pattern, severity) in zip(patterns, severities) {
            canonical += "\(pattern.id)|\(severity)|\(pattern.regexes)|\(pattern.secretGroup ?? 0)|\(pattern.caseSensitive)"
            canonical += "|\(pattern.keywords ?? [])|\(pattern.exclude)|\(pattern.validators)|\(pattern.confirmedBy)"
            canonical += "|\(String(describing: pattern.context))|\(pattern.allow)|\(pattern.useAllowList)|\(pattern.report)\n"
        }
        for (object, severity) in zip(objects, objectSeverities) {
            canonical += "\(object.id)|\(severity)|\(object.expressionSource)|\(object.report)\n"
        }
        return String(SHA256.hexDigest(Array(canonical.utf8)).prefix(32))
    }
}
