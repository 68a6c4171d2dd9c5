import SiftMatcher

/// The per-worker state of a ``DetectionEngine``: matcher scratches and reusable buffers. One per
/// thread; not `Sendable`.
public final class DetectionScratch {
    let matcher: Scratch
    let allow: Scratch
    /// Matches of the current item, by matcher rule.
    var matchesByRule: [[RawMatch]]

    init(_ engine: DetectionEngine) {
        matcher = engine.ruleSet.makeScratch()
        allow = engine.allowSet.makeScratch()
        matchesByRule = Array(repeating: [], count: engine.ruleSet.rules.count)
    }

    /// The matcher's scratch, for its statistics (`sift bench`).
    public var matcherScratch: Scratch { matcher }
}

@available(*, unavailable)
extension DetectionScratch: Sendable {}
