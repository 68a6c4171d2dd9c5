/// How the engine finds candidates for one rule, and why.
///
/// Produced by ``LiteralExtractor`` from a rule's pattern (or from its explicit keywords) and shown
/// by `sift bench` and the pack linter.
public struct LiteralPlan: Sendable, Hashable {
    public enum Strategy: String, Sendable, Hashable {
        /// Every match contains one of ``LiteralPlan/literals`` and is at most
        /// ``LiteralPlan/maxMatchLength`` bytes long: PCRE2 confirms a bounded window around each hit.
        case windowed
        /// Every match is tied to one of the literals but its length is unbounded (or the literals are
        /// explicit keywords): when a literal occurs in a text, PCRE2 runs over the whole text once,
        /// or, when ``LiteralPlan/literalReach`` is known, from the starts within that reach of each
        /// occurrence to as far as the match goes.
        case gated
        /// No usable literal: PCRE2 runs over every text, unless a run, character or sequence gate
        /// narrows where it starts. The cost centre the linter warns about.
        case unfiltered
    }

    public var strategy: Strategy
    /// The literals the prefilter searches for (empty when unfiltered).
    public var literals: [Literal]
    /// The longest match in bytes, when bounded.
    public var maxMatchLength: Int?
    /// The most bytes from the start of a match to the end of the literal occurrence it contains,
    /// when known (at most ``maxMatchLength``; also for gated rules, whose matches may be longer):
    /// a window starts this far before an occurrence's end.
    /// For a token with a fixed prefix it is the prefix's length, so PCRE2 starts at the prefix.
    public var literalReach: Int?
    /// For an unfiltered rule whose matches hold many digits (payment cards) or capitals and digits
    /// (IBANs): PCRE2 runs only where that many occur within ``maxMatchLength`` bytes. `nil` for
    /// other rules.
    public var characterGate: CharacterGate?
    /// For an unfiltered rule whose matches are made of the bytes of one ASCII class (IBANs, cards):
    /// PCRE2 can match only where ``RunGate/minimum`` of them occur in a row. The engine runs such
    /// rules from those runs when the gate is selective (``RunGate/isSelective``), in preference to
    /// ``characterGate``. `nil` for other rules.
    public var runGate: RunGate? = nil
    /// How many bytes before a match lookbehinds (and `\b`) may examine.
    public var lookbehindBytes: Int
    /// How many bytes after a match lookaheads (and `\b`, `$`) may examine.
    public var lookaheadBytes: Int
    /// Why the rule is gated or unfiltered, in words a rule author understands.
    public var reason: String?

    static func unfiltered(_ reason: String) -> LiteralPlan {
        LiteralPlan(strategy: .unfiltered, literals: [], maxMatchLength: nil, literalReach: nil, characterGate: nil,
                    lookbehindBytes: 0, lookaheadBytes: 0, reason: reason)
    }
}
