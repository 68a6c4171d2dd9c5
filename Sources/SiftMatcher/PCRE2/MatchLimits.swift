/// Bounds on the work PCRE2 may do for one match attempt, so that a catastrophic pattern such as
/// `(a+)+$` cannot hang a scan. A rule that reaches a limit is reported and, by default, switched
/// off for the rest of the scan (see ``CompiledRuleSet/Options``).
public struct MatchLimits: Sendable, Hashable {
    /// `pcre2_set_match_limit`: calls of the internal match function (or JIT equivalents) per attempt.
    public var matchLimit: UInt32
    /// `pcre2_set_depth_limit`: backtracking depth for the interpreter.
    public var depthLimit: UInt32
    /// `pcre2_set_heap_limit`, in KiB.
    public var heapLimitKibibytes: UInt32
    /// The most a JIT stack may grow to, in bytes.
    public var jitStackBytes: Int

    public init(matchLimit: UInt32 = 1_000_000, depthLimit: UInt32 = 10_000, heapLimitKibibytes: UInt32 = 20_000,
                jitStackBytes: Int = 1 << 20)
    {
        self.matchLimit = matchLimit
        self.depthLimit = depthLimit
        self.heapLimitKibibytes = heapLimitKibibytes
        self.jitStackBytes = jitStackBytes
    }
}
