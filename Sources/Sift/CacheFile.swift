/// A cache (``PlanCache``, ``PackCache``) read from the first of several directories that holds an
/// intact one for this build, and written back to those that lacked it: what
/// ``RuleSources/compile(_:workspace:cacheDirectory:options:)`` does with the workspace's and the
/// user's cache files.
struct CacheFile<Cache> {
    let name: String
    let cache: Cache
    let stores: [CacheDirectory]
    /// The store it was read from; `stores.count` when none had one.
    let source: Int

    init(_ name: String, in stores: [CacheDirectory], _ make: ([UInt8]) -> Cache, loaded: (Cache) -> Int) {
        var found: (Cache, Int)?
        for (index, store) in stores.enumerated() {
            let cache = make(store.read(name))
            if loaded(cache) > 0 { found = (cache, index); break }
        }
        self.name = name
        self.stores = stores
        (cache, source) = found ?? (make([]), stores.count)
    }

    /// Writes the cache to the stores before its source (they lacked it) and, when it learnt
    /// something (`changed`), to its source too.
    func save(_ changed: Bool, _ serialized: (Cache) -> [UInt8]?) {
        let targets = stores.indices.filter { $0 < source || ($0 == source && changed) }
        guard !targets.isEmpty, let bytes = serialized(cache) else { return }
        for index in targets { stores[index].write(bytes, to: name) }
    }
}
