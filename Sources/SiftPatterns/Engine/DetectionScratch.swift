import SiftMatcher

/// The per-worker state of a ``DetectionEngine``: matcher scratches and reusable buffers. One per
/// thread; not `Sendable`.
public final class DetectionScratch {
    let matcher: Scratch
    let allow: Scratch
    let exclude: Scratch
    /// Matches of the current item, by matcher rule.
    var matchesByRule: [[RawMatch]]
    /// Matches of exclude rules in the current item, by rule of the engine's `excludeSet`.
    var excludeMatches: [[RawMatch]]

    init(_ engine: DetectionEngine) {
        matcher = engine.ruleSet.makeScratch()
        allow = engine.allowSet.makeScratch()
        exclude = engine.excludeSet.makeScratch()
        matchesByRule = Array(repeating: [], count: engine.ruleSet.rules.count)
        excludeMatches = Array(repeating: [], count: engine.excludeSet.rules.count)
    }

    /// The scratch of the engine's ``DetectionEngine/ruleSet``, for its statistics (`sift bench`).
    public var matcherScratch: Scratch { matcher }
    /// The scratch of the second pass (``DetectionEngine/excludeSet``), for its statistics.
    public var excludeScratch: Scratch { exclude }
}

@available(*, unavailable)
extension DetectionScratch: Sendable {}
