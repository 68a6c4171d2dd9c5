/// What one rule cost in the scans made with one ``Scratch`` (collected when
/// ``Scratch/collectsStatistics`` is on), for `sift bench`.
public struct RuleStatistics: Sendable, Hashable {
    /// Prefilter hits of the rule's literals.
    public var candidates = 0
    /// Calls into PCRE2 for the rule (windows confirmed, whole-text iterations).
    public var confirmations = 0
    /// Matches reported.
    public var matches = 0
    /// Time spent in PCRE2 for the rule, in nanoseconds.
    public var nanoseconds: UInt64 = 0

    public init() {}

    static func + (lhs: RuleStatistics, rhs: RuleStatistics) -> RuleStatistics {
        var out = lhs
        out.candidates += rhs.candidates
        out.confirmations += rhs.confirmations
        out.matches += rhs.matches
        out.nanoseconds += rhs.nanoseconds
        return out
    }
}
