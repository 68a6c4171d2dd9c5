import CPCRE2

/// What confirming one candidate reads about its rule, copied out of ``CompiledRuleSet/Rule`` into
/// plain values so that the per-candidate path retains nothing: a copy of a `Rule` retains its
/// spec's strings, its plan's arrays and its pattern, and profiles showed those retains and
/// releases costing as much as the prefilter.
///
/// The pointers are owned by ``CompiledRuleSet/Storage``, which outlives every scan.
struct HotRule: @unchecked Sendable {
    // SAFETY (`@unchecked Sendable`): `code` is the rule's compiled pattern and `checkMasks` /
    // `checkSkips` point into the storage's start-check table; all are written once while the
    // storage is built and only read afterwards, and the storage keeps them alive.
    let code: OpaquePointer
    let captureCount: Int
    /// The longest match, or ``unbounded``: windows then reach the end of the text.
    let maxLength: Int
    /// A length longer than any text (and small enough to add offsets to).
    static let unbounded = Int.max >> 8
    /// ``LiteralPlan/literalReach`` capped at the longest match.
    let reach: Int
    let behind: Int
    let ahead: Int
    /// The rule's ``StartCheck`` for scans: for every byte value, the positions that accept it (bit
    /// `i`: position `i`); `nil` without a check.
    let checkMasks: UnsafePointer<UInt64>?
    /// The check's skips as `(from, to)` pairs of state bits.
    let checkSkips: UnsafePointer<UInt64>?
    let checkSkipCount: Int
    /// The state before the first byte (state 0 with its skips) and the accepting bit.
    let checkInitial: UInt64
    let checkAccept: UInt64
    /// The states some skip leaves from (closure is needed only when one of them is reached).
    let checkSkipFrom: UInt64
    /// The check's number of positions: the most bytes a start takes to pass.
    let checkPositions: Int

    /// Whether candidates are confirmed in windows (``CompiledRuleSet/Options/searchesWindows(_:)``).
    let windowed: Bool
    /// Whether candidates (keyword hits) are confirmed from the places of the rule's character gate
    /// (``CompiledRuleSet/Options/usesKeywordCharacterGate(_:)``).
    let keywordCharacterGated: Bool
    /// The plan's ``LiteralPlan/characterGate``.
    let characterGate: CharacterGate?
    /// The run gate candidates (keyword hits) are confirmed from, when
    /// ``CompiledRuleSet/Options/usesKeywordRunGate(_:)``.
    let keywordRunGate: RunGate?
    /// The fewest bytes of a match's run, for a rule with a ``RunGate`` (else 0).
    let runMinimum: Int

    /// A start in `low...latest` from which PCRE2 finds the same leftmost match as from `low`
    /// (`low` itself without a check), or `nil` when the start check admits none of them, so PCRE2
    /// cannot match from any of them.
    ///
    /// One pass of the check over the bytes from `low`, with every start up to `latest` entering
    /// the state as it is reached (Shift-And with many starts). When the accepting bit is first
    /// set, after byte `p - 1`, every admitted start is at least `p - positions` (a path takes at
    /// most `positions` bytes), so none before it can match.
    @inline(__always)
    func firstStart(from low: Int, through latest: Int, in text: UnsafeRawBufferPointer) -> Int? {
        guard let masks = checkMasks else { return low }
        let count = text.count
        guard count > 0 else { return nil }
        let base = text.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var state: UInt64 = 0
        var p = low
        while p < count {
            if p <= latest {
                state |= checkInitial
            } else if state == 0 {
                return nil
            }
            // SAFETY: `low <= p < count`, and `masks` has 256 entries.
            state = (state & masks[Int(base[p])]) << 1
            if state & checkSkipFrom != 0 { state = closure(state) }
            p += 1
            if state & checkAccept != 0 { return max(low, p - checkPositions) }
        }
        return nil
    }

    @inline(__always)
    private func closure(_ state: UInt64) -> UInt64 {
        var state = state
        let skips = checkSkips!
        for k in 0..<checkSkipCount {
            // SAFETY: `skips` holds `checkSkipCount` pairs.
            let from = skips[2 * k], to = skips[2 * k + 1]
            if state & (1 << from) != 0 { state |= 1 << to }
        }
        return state
    }
}
