/// A detection engine compiled from rule sources, and how much of the work the caches saved.
public struct CompiledRules: Sendable {
    /// The engine.
    public let engine: DetectionEngine
    /// Rules whose literal plan came from a cache (the workspace's or the user's), and rules that
    /// were analysed (their plan is new, or there was no cache).
    public let plansCached: Int
    public let plansAnalysed: Int
}
