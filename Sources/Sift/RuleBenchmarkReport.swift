import Foundation

/// What ``RuleBenchmark`` measured: totals, and one entry per pattern (its regexes and exclude
/// regexes together) and per object, the most expensive first. Encodes to the JSON that
/// `sift bench --format json` prints.
public struct RuleBenchmarkReport: Codable, Sendable {
    public struct Totals: Codable, Sendable {
        /// Content versions, attachments and files scanned.
        public var items = 0
        /// Bytes of text the matcher scanned (bodies, titles, extracted attachment text).
        public var bytes = 0
        public var findings = 0
        public var diagnostics = 0
        /// Wall time of the whole run.
        public var seconds = 0.0
        /// Time in the prefilter (one pass over the bytes for every literal of every rule).
        public var prefilterSeconds = 0.0
        /// Time in PCRE2, all rules together.
        public var confirmationSeconds = 0.0
        /// Time of the scan work (matcher, validators, objects, attachment extraction).
        public var workSeconds = 0.0
        /// Time reading the inputs.
        public var readSeconds = 0.0
        /// Text scanned per second of matcher time (prefilter + confirmation), in MB (10^6 bytes).
        public var matcherMegabytesPerSecond = 0.0
        /// Text scanned per second of wall time, in MB.
        public var megabytesPerSecond = 0.0
        /// Building the engine: parsing, literal extraction, PCRE2 JIT, the prefilter automaton.
        public var compileMilliseconds = 0.0
        /// Rules whose literal plan came from the user's cache, and rules analysed while compiling.
        public var plansCached = 0
        public var plansAnalysed = 0
        public var patterns = 0
        public var regexes = 0
        /// Distinct literals in the prefilter.
        public var literals = 0
        /// Memory of the prefilter automaton.
        public var prefilterBytes = 0
        /// Peak resident memory of the process.
        public var peakResidentMiB = 0.0
    }

    /// One pattern or object.
    public struct Rule: Codable, Sendable {
        public var id: String
        /// `windowed` (a literal and a length bound: PCRE2 runs in a window around each hit), `gated`
        /// (a literal but no length bound: PCRE2 runs over the whole text when the literal occurs),
        /// `unfiltered` (no literal: PCRE2 runs over every text), `object`; the costliest of its regexes.
        public var strategy = "windowed"
        /// Why literal extraction failed, for gated and unfiltered rules.
        public var reason: String?
        /// The literals the prefilter looks for (the first few).
        public var literals: [String] = []
        /// Prefilter hits.
        public var candidates = 0
        /// Calls into PCRE2.
        public var confirmations = 0
        /// Regex matches (before validators, allow-lists and context).
        public var matches = 0
        /// Findings reported.
        public var findings = 0
        /// Time in PCRE2.
        public var nanoseconds: UInt64 = 0
        /// Share of the matcher's time (prefilter included), 0…1.
        public var shareOfMatcherTime = 0.0

        public init(id: String) { self.id = id }

        static let strategyRank = ["object": 0, "windowed": 1, "gated": 2, "unfiltered": 3]

        mutating func add(rule: CompiledRuleSet.Rule, statistics: RuleStatistics, isExclude: Bool) {
            candidates += statistics.candidates
            confirmations += statistics.confirmations
            if !isExclude { matches += statistics.matches }
            nanoseconds += statistics.nanoseconds
            let strategy = rule.plan.strategy.rawValue
            if Self.strategyRank[strategy, default: 0] > Self.strategyRank[self.strategy, default: 0] {
                self.strategy = strategy
                reason = rule.plan.reason
            }
            for literal in rule.plan.literals.prefix(6) where literals.count < 6 {
                literals.append(literal.description)
            }
        }
    }

    public var totals: Totals
    public var rules: [Rule]
}
