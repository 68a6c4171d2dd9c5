import SiftCore

/// A set of rules compiled once and shared by every thread that scans: the literal prefilter and
/// one JIT-compiled PCRE2 pattern per rule.
///
/// The Hyperscan model: this value is immutable and `Sendable`; all mutable state of a scan lives in
/// a ``Scratch`` that belongs to one worker (``makeScratch()``).
///
/// ```swift
/// let rules = try CompiledRuleSet([RuleSpec(name: "AWS_CLIENT_ID", pattern: #"\bAKIA[A-Z0-9]{16}\b"#)])
/// let scratch = rules.makeScratch()
/// rules.scan(Array("key AKIAIOSFODNN7EXAMPLE".utf8), using: scratch) { match in print(match.range) }
/// ```
///
/// How a scan works: the prefilter (``LiteralAutomaton``) finds every occurrence of every rule's
/// required literals in one pass; each rule then runs PCRE2 only where it can match (see
/// ``LiteralPlan/Strategy``). The result is exactly what running each rule's regex over the whole
/// text with PCRE2's global iteration reports — the property tests hold the engine to that.
///
/// Resource usage: compiling costs one PCRE2 compile + JIT per rule and an automaton over all
/// literals (see ``memoryFootprint``); build it once and reuse it.
public struct CompiledRuleSet: Sendable {
    /// Compile-time choices.
    public struct Options: Sendable, Hashable {
        /// PCRE2 limits for every match attempt.
        public var limits: MatchLimits
        /// Switch a rule off for the rest of the scans made with a scratch once it hits a limit (as the
        /// Confluence app does); otherwise it is retried in the next text.
        public var disableRulesAtLimit: Bool
        /// Ignore all literals and run every rule over every text, as the naive engine would. For
        /// tests that compare the engine against itself and for benchmarks.
        public var everyRuleIsCandidate: Bool
        /// The literal search the prefilter runs; all kinds find the same occurrences. For
        /// benchmarks and tests: the default chooses per rule set.
        public var prefilter: PrefilterKind
        /// Test each window's possible starts with the rule's ``StartCheck`` before running PCRE2
        /// (the default). Off: PCRE2 searches every window. For benchmarks and tests: the results
        /// are the same.
        public var startChecks: Bool
        /// Give every windowed rule the start check it can have, however little it refuses (the
        /// default keeps only selective ones). For tests and fuzzing: more rules exercise the checks.
        public var everyStartCheck = false
        /// Run rules with a ``RunGate`` only from long enough runs of their characters (the
        /// default). Off: such rules fall back on their character gate, or run over every text. For
        /// benchmarks and tests: the results are the same.
        public var runGates = true
        /// Give every unfiltered rule with a ``RunGate`` its gate, however many runs ordinary text
        /// has (the default uses only selective ones). For tests and fuzzing.
        public var everyRunGate = false

        /// Run a rule that nothing else filters (no literal, run gate or character gate) only from
        /// the starts that pass its ``SequenceGate``, found in one SIMD pass over each text, when
        /// ordinary text passes the gate rarely and the machine has AVX2 or AVX-512 (the default).
        /// Off: PCRE2 searches every text whole for such rules. For benchmarks and tests: the
        /// results are the same.
        public var sequenceGates = true
        /// Give every such rule the sequence gate it can have, however often ordinary text passes it
        /// and with the portable loop where there is no SIMD (the default uses only selective ones,
        /// with SIMD). For tests and fuzzing.
        public var everySequenceGate = false

        /// Confirm gated rules whose literals lie a bounded distance from the start of a match
        /// (``LiteralPlan/literalReach``) from the starts near each literal, in windows that reach the
        /// end of the text (the default). Off: one PCRE2 run over the whole text. For benchmarks and
        /// tests: the results are the same.
        public var gatedWindows = true

        /// Drop prefilter hits whose neighbouring bytes cannot be those of the rule's literal in a
        /// match (``NeighbourCheck``) before their windows are searched (the default). Off: every
        /// hit is a candidate. For benchmarks and tests: the results are the same.
        public var neighbourChecks = true

        /// Let neighbour checks also require an earlier literal within a bounded distance before the
        /// hit (``NeighbourCheck/preceding``: a keyword before the `==` of a password comparison) and
        /// test the bytes of fixed-width items further before and after it
        /// (``NeighbourCheck/behind``, ``NeighbourCheck/ahead``: the digits around an SSN's `12-`)
        /// (the default). Off: only the bytes next to the hit are tested. For benchmarks and tests:
        /// the results are the same.
        public var widerChecks = true

        /// Test a hit's possible starts with its rule's ``StartCheck`` as the prefilter finds it, when
        /// they are few (at most ``maxPrefilterStarts``), and drop the hit when none passes (the
        /// default). Off: only the windows' searches test starts. For benchmarks and tests: the
        /// results are the same.
        public var prefilterStartChecks = true
        /// The most starts of one hit that ``prefilterStartChecks`` tests.
        public static let maxPrefilterStarts = 16

        /// Check the positions the prefilter's gram filter lets through against a table of the
        /// literals by their first bytes (``StartTable``, the default) instead of walking a trie of
        /// them (``StartTrie``). For benchmarks and tests: the results are the same.
        public var startTable = true

        /// Find the positions that may start a literal with the bucket filter (``BucketFilter``, one
        /// table lookup per position; the default) instead of the gram filter (``GramFilter``, two).
        /// For benchmarks and tests: the results are the same.
        public var bucketFilter = true

        /// Confirm a keyword rule whose matches hold enough digits (or capitals and digits) close
        /// together (its plan's ``LiteralPlan/characterGate``) only where they occur, once a keyword
        /// occurs in a text (the default). Off: one PCRE2 run over the whole text. For benchmarks and
        /// tests: the results are the same.
        public var keywordCharacterGates = true

        /// JIT-compile a rule's pattern when a scan first runs it, not when the set is compiled (the
        /// default): most rules of a large set never run PCRE2 on a given tree. Off: every pattern is
        /// JIT-compiled up front. For benchmarks and tests: the results are the same.
        public var lazyJIT = true

        /// Whether scans confirm the keyword rule of `plan` from its character gate's places.
        func usesKeywordCharacterGate(_ plan: LiteralPlan) -> Bool {
            keywordCharacterGates && !everyRuleIsCandidate && plan.strategy == .gated && !searchesWindows(plan)
                && plan.characterGate != nil && plan.maxMatchLength != nil && !usesKeywordRunGate(plan)
        }

        /// Whether scans confirm the keyword rule of `plan` from the runs of its ``LiteralPlan/runGate``
        /// (before its character gate, as for rules without literals).
        func usesKeywordRunGate(_ plan: LiteralPlan) -> Bool {
            guard runGates, !everyRuleIsCandidate, plan.strategy == .gated, !searchesWindows(plan),
                  plan.maxMatchLength != nil, let gate = plan.runGate else { return false }
            return everyRunGate || gate.isSelective
        }

        /// Whether scans confirm the rule of `plan` in windows of starts around its literals.
        func searchesWindows(_ plan: LiteralPlan) -> Bool {
            plan.strategy == .windowed || (gatedWindows && plan.strategy == .gated && plan.literalReach != nil)
        }

        /// Whether scans run the rule of `plan` from the runs of its ``LiteralPlan/runGate``.
        func usesRunGate(_ plan: LiteralPlan) -> Bool {
            guard runGates, !everyRuleIsCandidate, plan.strategy == .unfiltered, let gate = plan.runGate else { return false }
            return everyRunGate || gate.isSelective
        }

        /// Whether the rule of `plan` would run over every text but for a ``SequenceGate`` (it is
        /// unfiltered and has neither a run gate the scans use nor a character gate), and sequence
        /// gates are on. Whether it gets one depends on its start check (``CompiledRuleSet/analyse(_:options:)``).
        func wantsSequenceGate(_ plan: LiteralPlan) -> Bool {
            sequenceGates && !everyRuleIsCandidate && plan.strategy == .unfiltered && !usesRunGate(plan)
                && plan.characterGate == nil
        }

        public init(limits: MatchLimits = MatchLimits(), disableRulesAtLimit: Bool = true,
                    everyRuleIsCandidate: Bool = false, prefilter: PrefilterKind = .automatic, startChecks: Bool = true)
        {
            self.limits = limits
            self.disableRulesAtLimit = disableRulesAtLimit
            self.everyRuleIsCandidate = everyRuleIsCandidate
            self.prefilter = prefilter
            self.startChecks = startChecks
        }
    }

    /// A compiled rule: its spec, its plan, its pattern.
    public struct Rule: Sendable {
        public let spec: RuleSpec
        public let plan: LiteralPlan
        /// Number of capture groups.
        public let captureCount: Int
        let pattern: PCRE2Pattern
        /// Bytes of context to give PCRE2 before the earliest start and after the latest end.
        let behind: Int
        let ahead: Int
        /// A necessary condition on where a match starts, tested before PCRE2 runs in a window.
        let startCheck: StartCheck?
        /// A necessary condition on the bytes around the rule's literal occurrences, tested per
        /// prefilter hit.
        let neighbourCheck: NeighbourCheck?
    }

    final class Storage: Sendable {
        let rules: [Rule]
        let options: Options
        let automaton: LiteralAutomaton
        /// What the prefilter's hits and the confirmations read, as plain memory (``ScanTables``).
        let tables: ScanTables
        /// Rules that run over every text.
        let alwaysRun: [Int]
        /// Unfiltered rules that run from long enough runs of their characters
        /// (``LiteralPlan/runGate``), grouped by class and first bytes: each group's runs are found
        /// once, at least `minimum` (the fewest any of its rules needs) long.
        let runGates: [(bytes: ByteClass, first: ByteClass, minimum: Int, rules: [Int])]
        /// Unfiltered rules that run where enough of some characters occur close together
        /// (``LiteralPlan/characterGate``).
        let characterGated: [Int]
        /// Unfiltered rules that run only from the starts their ``SequenceGate`` passes
        /// (``Options/sequenceGates``).
        let sequenceGated: [(rule: Int, gate: SequenceGate)]
        /// For each class of gated characters, the fewest any gated rule needs and the longest
        /// match of those rules: where that many do not occur within that many bytes, positions
        /// need not be listed (``CharacterPositions/find(_:in:minimum:span:blocks:into:)``).
        let digitGate: (minimum: Int, span: Int)
        let uppercaseOrDigitGate: (minimum: Int, span: Int)
        let maxCaptureCount: Int
        /// The start checks' tables that ``ScanTables/hot`` points into: for each rule with a check, 256 masks
        /// then its skips as pairs.
        nonisolated(unsafe) let checkTable: UnsafeMutablePointer<UInt64>?

        init(rules: [Rule], options: Options) {
            self.rules = rules
            self.options = options
            let (hot, checkTable) = Self.hotRules(rules, options: options)
            self.checkTable = checkTable
            var index: [Literal: Int] = [:]
            var literals: [Literal] = []
            var literalEntries: [[ScanTables.Entry]] = []
            var neighbourTests: [NeighbourCheck.Test] = []
            var neighbourExtensions: [NeighbourCheck.Bytes] = []
            var precedingLiterals: [Literal] = []
            var alwaysRun: [Int] = []
            var characterGated: [Int] = []
            var sequenceGated: [(rule: Int, gate: SequenceGate)] = []
            var runGates: [(bytes: ByteClass, first: ByteClass, minimum: Int, rules: [Int])] = []
            for (r, rule) in rules.enumerated() {
                if options.usesRunGate(rule.plan), let gate = rule.plan.runGate {
                    if let k = runGates.firstIndex(where: { $0.bytes == gate.bytes && $0.first == gate.first }) {
                        runGates[k].minimum = min(runGates[k].minimum, gate.minimum)
                        runGates[k].rules.append(r)
                    } else {
                        runGates.append((gate.bytes, gate.first, gate.minimum, [r]))
                    }
                    continue
                }
                if !options.everyRuleIsCandidate, rule.plan.strategy == .unfiltered, rule.plan.characterGate != nil {
                    characterGated.append(r)
                    continue
                }
                if options.wantsSequenceGate(rule.plan), let gate = rule.startCheck.flatMap(SequenceGate.init),
                    SequenceGate.hasSIMD || options.everySequenceGate
                {
                    sequenceGated.append((r, gate))
                    continue
                }
                if options.everyRuleIsCandidate || rule.plan.strategy == .unfiltered {
                    alwaysRun.append(r)
                    continue
                }
                let wholeWord = rule.spec.keywords != nil && rule.spec.keywordsWholeWord
                // The check holds only for windows that reach back to the start of a match from the
                // occurrence it is about (see `hotRules`: the same reach).
                let maxLength = rule.plan.maxMatchLength ?? HotRule.unbounded
                let reach = min(rule.plan.literalReach ?? maxLength, maxLength)
                let check = rule.neighbourCheck.flatMap { options.searchesWindows(rule.plan) && $0.reach <= reach ? $0 : nil }
                // Every literal's test shares the rule's preceding literals.
                let preceding = check?.preceding.map { preceding in
                    defer { precedingLiterals += preceding.literals }
                    return NeighbourCheck.Preceding.Test(preceding, literalStart: precedingLiterals.count)
                } ?? .none
                // Every literal's test shares the rule's fixed positions, kept once with the extensions.
                let behind = neighbourExtensions.count..<(neighbourExtensions.count + (check?.behind.count ?? 0))
                neighbourExtensions += check?.behind ?? []
                let ahead = neighbourExtensions.count..<(neighbourExtensions.count + (check?.ahead.count ?? 0))
                neighbourExtensions += check?.ahead ?? []
                for (k, literal) in rule.plan.literals.enumerated() {
                    var test: Int32 = -1
                    if let check {
                        test = Int32(neighbourTests.count)
                        neighbourTests.append(NeighbourCheck.Test(
                            before: check.before, after: check.after[k], extensionStart: neighbourExtensions.count,
                            extensionLength: check.extensions[k].count, run: check.run, preceding: preceding,
                            behind: behind, ahead: ahead))
                        neighbourExtensions += check.extensions[k]
                    }
                    // A hit's starts are `end - reach ... end - length` (see `confirmWindows`).
                    let startChecked = options.prefilterStartChecks && options.searchesWindows(rule.plan)
                        && rule.startCheck != nil && reach - literal.bytes.count < Options.maxPrefilterStarts
                    let entry = ScanTables.Entry(rule: Int32(r), test: test, wholeWord: wholeWord, startChecked: startChecked)
                    if let id = index[literal] {
                        literalEntries[id].append(entry)
                    } else {
                        index[literal] = literals.count
                        literals.append(literal)
                        literalEntries.append([entry])
                    }
                }
            }
            automaton = LiteralAutomaton(
                literals, kind: options.prefilter, startTable: options.startTable, bucketFilter: options.bucketFilter)
            var spans: [ScanTables.Span] = []
            spans.reserveCapacity(literals.count)
            var first: Int32 = 0
            for (id, entries) in literalEntries.enumerated() {
                spans.append(ScanTables.Span(first: first, end: first + Int32(entries.count),
                                             length: Int32(literals[id].bytes.count)))
                first += Int32(entries.count)
            }
            tables = ScanTables(spans: spans, entries: literalEntries.flatMap { $0 }, tests: neighbourTests,
                                extensions: neighbourExtensions, precedingLiterals: precedingLiterals, hot: hot)
            self.alwaysRun = alwaysRun
            self.characterGated = characterGated
            self.sequenceGated = sequenceGated
            self.runGates = runGates
            func bounds(_ characters: CharacterGate.Characters) -> (minimum: Int, span: Int) {
                let plans = characterGated.map { rules[$0].plan }.filter { $0.characterGate!.characters == characters }
                return (plans.map { $0.characterGate!.minimum }.min() ?? 1, plans.map { $0.maxMatchLength! }.max() ?? 1)
            }
            digitGate = bounds(.digits)
            uppercaseOrDigitGate = bounds(.uppercaseOrDigits)
            maxCaptureCount = rules.map(\.captureCount).max() ?? 0
        }

        deinit {
            checkTable?.deallocate()
            tables.free()
        }

        /// The hot fields of `rules`, and the table their start checks point into.
        private static func hotRules(_ rules: [Rule], options: Options) -> ([HotRule], UnsafeMutablePointer<UInt64>?) {
            let words = rules.reduce(0) { total, rule in
                total + (rule.startCheck.map { 256 + 2 * $0.skips.count } ?? 0)
            }
            let table = words > 0 ? UnsafeMutablePointer<UInt64>.allocate(capacity: words) : nil
            var used = 0
            var hot: [HotRule] = []
            hot.reserveCapacity(rules.count)
            for rule in rules {
                var masks: UnsafePointer<UInt64>?
                var skips: UnsafePointer<UInt64>?
                var initial: UInt64 = 0
                var accept: UInt64 = 0
                if let check = rule.startCheck, let table {
                    // SAFETY: the table was allocated with room for every check's 256 masks and skips.
                    let at = table + used
                    at.initialize(repeating: 0, count: 256)
                    // Only the set bits of each class (testing all 256 bytes of every position was
                    // 3 % of an empty scan's CPU).
                    for position in 0..<check.positions {
                        for word in 0..<4 {
                            var members = check.classes[4 * position + word]
                            while members != 0 {
                                at[64 * word + members.trailingZeroBitCount] |= 1 << UInt64(position)
                                members &= members - 1
                            }
                        }
                    }
                    for (k, skip) in check.skips.enumerated() {
                        at[256 + 2 * k] = UInt64(skip.from)
                        at[256 + 2 * k + 1] = UInt64(skip.to)
                    }
                    used += 256 + 2 * check.skips.count
                    masks = UnsafePointer(at)
                    skips = check.skips.isEmpty ? nil : UnsafePointer(at + 256)
                    initial = check.closure(1)
                    accept = 1 << UInt64(check.positions)
                }
                let maxLength = rule.plan.maxMatchLength ?? HotRule.unbounded
                hot.append(HotRule(
                    code: rule.pattern.code, captureCount: rule.captureCount,
                    maxLength: maxLength, reach: min(rule.plan.literalReach ?? maxLength, maxLength), behind: rule.behind,
                    ahead: rule.ahead, checkMasks: masks, checkSkips: skips, checkSkipCount: rule.startCheck?.skips.count ?? 0,
                    checkInitial: initial, checkAccept: accept,
                    checkSkipFrom: rule.startCheck?.skips.reduce(0) { $0 | 1 << UInt64($1.from) } ?? 0,
                    checkPositions: rule.startCheck?.positions ?? 0, windowed: options.searchesWindows(rule.plan),
                    keywordCharacterGated: options.usesKeywordCharacterGate(rule.plan), characterGate: rule.plan.characterGate,
                    keywordRunGate: options.usesKeywordRunGate(rule.plan) ? rule.plan.runGate : nil,
                    runMinimum: rule.plan.runGate?.minimum ?? 0))
            }
            return (hot, table)
        }
    }

    let storage: Storage

    /// Compiles `specs`. Throws the first rule PCRE2 rejects, naming it and the offset in its pattern;
    /// use ``check(_:)`` to validate rules one by one.
    ///
    /// With `plans`, rules it holds skip literal analysis, and the others are added to it; the rule
    /// set is the same either way.
    public init(_ specs: [RuleSpec], options: Options = Options(), plans: PlanCache? = nil) throws(MatcherError) {
        var rules: [Rule] = []
        rules.reserveCapacity(specs.count)
        for spec in specs {
            rules.append(try Self.compile(spec, options: options, plans: plans))
        }
        storage = Storage(rules: rules, options: options)
    }

    /// Compiles one rule: PCRE2 with JIT, and its literal plan (from `plans` when it holds it).
    static func compile(_ spec: RuleSpec, options: Options = Options(), plans: PlanCache? = nil) throws(MatcherError)
        -> Rule
    {
        let pattern = try PCRE2Pattern(spec, lazyJIT: options.lazyJIT)
        let analysed = plans?.entry(for: spec, options: options) { analyse(spec, options: options) }
            ?? analyse(spec, options: options)
        var plan = analysed.plan
        // PCRE2's own view of the lookbehind, in characters of up to four bytes, as a cross-check.
        let behind = max(plan.lookbehindBytes, 4 * pattern.maxLookbehind + 8)
        plan.lookbehindBytes = behind
        return Rule(spec: spec, plan: plan, captureCount: pattern.captureCount, pattern: pattern, behind: behind,
                    ahead: plan.lookaheadBytes, startCheck: analysed.startCheck, neighbourCheck: analysed.neighbourCheck)
    }

    /// What literal analysis derives from one rule: its plan and its start check.
    static func analyse(_ spec: RuleSpec, options: Options) -> PlanCache.Entry {
        let plan: LiteralPlan
        if let keywords = spec.keywords {
            plan = LiteralExtractor.addingGates(
                to: LiteralExtractor.plan(keywords: keywords, caseless: spec.keywordsCaseless, wholeWord: spec.keywordsWholeWord),
                pattern: spec.pattern, caseless: spec.caseless, dotAll: spec.dotAll, extended: spec.extended)
        } else {
            plan = LiteralExtractor.plan(
                pattern: spec.pattern, caseless: spec.caseless, dotAll: spec.dotAll, extended: spec.extended)
        }
        // Only rules searched in windows or runs test starts before PCRE2: a character gate's ranges of
        // starts are wide, and PCRE2's own search through them was faster than the check (IBAN rule
        // of matcher-bench: 5.4 ms of PCRE2 without, 9.1 ms of checks with).
        var startCheck = (options.searchesWindows(plan) || options.usesRunGate(plan) || options.usesKeywordRunGate(plan))
            && options.startChecks
            ? StartCheck.derive(pattern: spec.pattern, caseless: spec.caseless, dotAll: spec.dotAll, extended: spec.extended,
                                maxPassRate: options.everyStartCheck ? 1 : StartCheck.maxPassRate)
            : nil
        // A rule that would run over every text keeps its check when the front of it makes a sequence
        // gate that pays (the check itself then tests the starts of each range of gated starts).
        if options.wantsSequenceGate(plan),
            let check = StartCheck.derive(pattern: spec.pattern, caseless: spec.caseless, dotAll: spec.dotAll,
                                          extended: spec.extended, maxPassRate: 1),
            let gate = SequenceGate(check), options.everySequenceGate || gate.isSelective
        {
            startCheck = check
        }
        // Explicit keywords are not tied to a place in the pattern: no neighbour check.
        let neighbourCheck = options.searchesWindows(plan) && options.neighbourChecks && spec.keywords == nil
            ? NeighbourCheck.derive(pattern: spec.pattern, caseless: spec.caseless, dotAll: spec.dotAll,
                                    extended: spec.extended, literals: plan.literals,
                                    widerChecks: options.widerChecks)
            : nil
        return PlanCache.Entry(plan: plan, startCheck: startCheck, neighbourCheck: neighbourCheck)
    }

    /// Whether PCRE2 accepts `spec`; the error names the rule and the offset when it does not.
    public static func check(_ spec: RuleSpec) -> MatcherError? {
        if case .failure(let error) = validate(spec) { return error }
        return nil
    }

    /// The number of capture groups of `spec`'s pattern, or `nil` when PCRE2 rejects it.
    public static func captureCount(_ spec: RuleSpec) -> Int? {
        try? validate(spec).get()
    }

    /// PCRE2's verdict on `spec` in one compile: the number of capture groups of its pattern, or the
    /// error naming the rule and the offset. Cheaper than compiling a set: no JIT, no literal plan.
    public static func validate(_ spec: RuleSpec) -> Result<Int, MatcherError> {
        do {
            return .success(try PCRE2Pattern(spec, jit: false).captureCount)
        } catch {
            return .failure(error)
        }
    }

    /// The compiled rules, in the order given; ``RawMatch/rule`` indexes this.
    public var rules: [Rule] { storage.rules }

    /// The options the set was compiled with.
    public var options: Options { storage.options }

    /// Distinct literals in the prefilter.
    public var literalCount: Int { storage.automaton.literals.count }

    /// Approximate bytes of memory of the prefilter tables (PCRE2's compiled code not included).
    public var memoryFootprint: Int { storage.automaton.memoryFootprint }

    /// A new scratch for one worker.
    public func makeScratch() -> Scratch { Scratch(self) }
}

extension CompiledRuleSet {
    /// Test hook: where a scan starts PCRE2 for the starts `low...latest` of rule `rule` in `text`
    /// (at most the first start its check admits; `low` without a check), or `nil` when the check
    /// admits none.
    package func firstAdmittedStart(rule: Int, from low: Int, through latest: Int, in text: [UInt8]) -> Int? {
        precondition(rule >= 0 && rule < rules.count, "a rule of the set")
        return text.withUnsafeBytes { storage.tables.hot[rule].firstStart(from: low, through: latest, in: $0) }
    }

    /// Test hook: rule `rule`'s start check, if it has one.
    package func startCheck(rule: Int) -> StartCheck? { storage.rules[rule].startCheck }

    // SAFETY (the hooks below): `storage.tables.hot` holds one entry per rule.

    /// Test hook: for each rule, whether its candidates are confirmed in windows.
    package var windowedRules: [Bool] { rules.indices.map { storage.tables.hot[$0].windowed } }

    /// Test hook: for each rule, whether its keyword hits are confirmed from its character gate's places.
    package var keywordCharacterGatedRules: [Bool] { rules.indices.map { storage.tables.hot[$0].keywordCharacterGated } }
    /// Test hook: for each rule, whether scans confirm it from the runs of its run gate once a keyword occurs.
    package var keywordRunGatedRules: [Bool] { rules.indices.map { storage.tables.hot[$0].keywordRunGate != nil } }

    /// Test hook: for each rule, whether some literal's hits are start-checked for it in the prefilter.
    package var prefilterStartCheckedRules: [Bool] {
        var checked = [Bool](repeating: false, count: rules.count)
        // SAFETY: the last literal's span ends at the number of entries; entries name rule indices.
        let entries = storage.tables.entries
        let count = Int(storage.tables.spans[max(literalCount - 1, 0)].end)
        for k in 0..<(literalCount > 0 ? count : 0) where entries[k].startChecked { checked[Int(entries[k].rule)] = true }
        return checked
    }

    /// Test hook: for each rule, whether it runs from the starts of a ``SequenceGate``.
    package var sequenceGatedRules: [Bool] {
        var gated = [Bool](repeating: false, count: rules.count)
        for (rule, _) in storage.sequenceGated { gated[rule] = true }
        return gated
    }

    /// Test hook: rule `rule`'s neighbour check, if it has one.
    package func neighbourCheck(rule: Int) -> NeighbourCheck? { storage.rules[rule].neighbourCheck }
}
