import SiftCore
import Synchronization

/// The literal plans and start checks of rules compiled before, by the same build of this code, so
/// that compiling the same rules again skips literal analysis (most of the fixed cost of a scan).
///
/// Give one to ``CompiledRuleSet/init(_:options:plans:)``: rules found in it take their plan and
/// check from it, the others are analysed and added. Keep it between processes with
/// ``serialized()`` and ``init(serialized:)``; the caller chooses where the bytes live.
///
/// What makes a cached entry valid:
/// - entries are keyed by every field of the ``RuleSpec`` that the analysis reads (all but the
///   name) and by the compile options that change it;
/// - a serialized cache is accepted only from the same build of the code that analyses rules
///   (``codeIdentity``: the GNU build id of the object that holds this module), so a change to the
///   analysis can never meet plans made by another version of it; without a build id there is no
///   cache (``isEnabled``);
/// - bytes that are truncated, damaged (a checksum covers them) or of another format are ignored:
///   the cache starts empty.
///
/// Compiling with a cache gives exactly the rule set compiling without one gives. Thread-safe.
public final class PlanCache: Sendable {
    /// What the cache keeps for one rule: its plan (before PCRE2's lookbehind is taken into
    /// account), its start check and its neighbour check.
    struct Entry: Sendable, Hashable {
        var plan: LiteralPlan
        var startCheck: StartCheck?
        var neighbourCheck: NeighbourCheck? = nil
    }

    /// More entries than this are not kept from an earlier cache when writing it again: only those
    /// this process used.
    static let maxKeptEntries = 4096

    private let state: Mutex<CacheEntries<[UInt8], Entry>>
    /// The build the entries belong to; `nil` disables the cache.
    let identity: [UInt8]?

    /// An empty cache for this build.
    public convenience init() {
        self.init(serialized: [], identity: Self.codeIdentity)
    }

    /// The cache that `bytes` (from ``serialized()``) holds, when they were written by this build
    /// and are intact; else an empty cache.
    public convenience init(serialized bytes: [UInt8]) {
        self.init(serialized: bytes, identity: Self.codeIdentity)
    }

    /// ``init(serialized:)`` as if this build's identity were `identity` (for tests).
    package init(serialized bytes: [UInt8], identity: [UInt8]?) {
        self.identity = identity
        let loaded = identity.flatMap { Self.decode(bytes, identity: $0) } ?? [:]
        state = Mutex(CacheEntries(loaded: loaded))
    }

    /// Whether the cache works in this build (it has a build id to tell its entries apart).
    public var isEnabled: Bool { identity != nil }

    /// Entries read from the serialized form.
    public var loadedCount: Int { state.withLock { $0.loaded.count } }

    /// Rules compiled with this cache whose plan it held, and those it had to analyse.
    public var hits: Int { state.withLock { $0.hits } }
    public var misses: Int { state.withLock { $0.misses } }

    /// Whether the cache learnt entries that its serialized form lacks: worth writing again.
    public var hasNewEntries: Bool { state.withLock { $0.misses > 0 } }

    /// The bytes that ``init(serialized:)`` reads back: the entries used by this process, plus those
    /// loaded (unless there are too many); `nil` when the cache is disabled.
    public func serialized() -> [UInt8]? {
        guard let identity else { return nil }
        return Self.encode(state.withLock { $0.kept(atMost: Self.maxKeptEntries) }, identity: identity)
    }

    /// The entry for `spec` compiled with `options`: from the cache, or from `analyse` (then kept).
    func entry(for spec: RuleSpec, options: CompiledRuleSet.Options, analyse: () -> Entry) -> Entry {
        guard identity != nil else { return analyse() }
        let key = Self.key(spec, options: options)
        if let found = state.withLock({ $0.find(key) }) { return found }
        let entry = analyse()
        state.withLock { $0.add(key, entry) }
        return entry
    }
}
