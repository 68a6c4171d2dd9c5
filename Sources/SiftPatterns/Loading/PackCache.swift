import SiftCore
import SiftMatcher
import Synchronization

/// Packs loaded before from YAML, by the same build of this code, so that loading the same file
/// again skips parsing it (a fifth of the fixed cost of a scan, for the built-in packs).
///
/// Give one to ``PackLoader/load(contentsOf:cache:)``: a file whose path and bytes are those of a
/// cached entry, byte for byte, gives the cached pack; any other is parsed and added. Keep it
/// between processes with ``serialized()`` and ``init(serialized:)``. As with ``PlanCache``, a
/// serialized cache is accepted only from the same build (``PlanCache/codeIdentity``) and intact;
/// else the cache starts empty. Only packs that loaded without errors are kept. Thread-safe.
public final class PackCache: Sendable {
    /// More entries than this are not kept from an earlier cache when writing it again.
    static let maxKeptEntries = 64

    struct Entry: Sendable {
        /// The file's bytes, as read.
        var yaml: [UInt8]
        var pack: Pack
    }

    private let state: Mutex<CacheEntries<String, Entry>>
    let identity: [UInt8]?

    /// The cache that `bytes` (from ``serialized()``) holds, when they were written by this build
    /// and are intact; else an empty cache.
    public convenience init(serialized bytes: [UInt8] = []) {
        self.init(serialized: bytes, identity: PlanCache.codeIdentity)
    }

    /// ``init(serialized:)`` as if this build's identity were `identity` (for tests).
    package init(serialized bytes: [UInt8], identity: [UInt8]?) {
        self.identity = identity
        let loaded = identity.flatMap { Self.decode(bytes, identity: $0) } ?? [:]
        state = Mutex(CacheEntries(loaded: loaded))
    }

    /// Entries read from the serialized form.
    public var loadedCount: Int { state.withLock { $0.loaded.count } }

    /// Whether files were parsed that the serialized form lacks: worth writing again.
    public var hasNewEntries: Bool { state.withLock { $0.misses > 0 } }

    /// The bytes that ``init(serialized:)`` reads back; `nil` when the cache is disabled.
    public func serialized() -> [UInt8]? {
        guard let identity else { return nil }
        return Self.encode(state.withLock { $0.kept(atMost: Self.maxKeptEntries) }, identity: identity)
    }

    /// The pack of `yaml`, read from `file`: from the cache, or from `load` (then kept).
    func pack(file: String, yaml: [UInt8], load: () throws(PackLoadError) -> Pack) throws(PackLoadError) -> Pack {
        guard identity != nil else { return try load() }
        if let found = state.withLock({ $0.find(file) { $0.yaml == yaml } }) { return found.pack }
        let pack = try load()
        state.withLock { $0.add(file, Entry(yaml: yaml, pack: pack)) }
        return pack
    }
}
