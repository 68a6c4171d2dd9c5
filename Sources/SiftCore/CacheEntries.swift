/// The entries of a cache that a workspace keeps between runs (compiled rules' plans, loaded
/// packs): those read from its serialized form, and those this process used, found or made.
package struct CacheEntries<Key: Hashable, Value> {
    /// Entries read from the serialized form.
    package let loaded: [Key: Value]
    /// Entries this process found or made.
    package private(set) var used: [Key: Value] = [:]
    package private(set) var hits = 0
    package private(set) var misses = 0

    package init(loaded: [Key: Value] = [:]) { self.loaded = loaded }

    /// The entry for `key` when there is one and `accept` takes it (counted as a hit), else `nil`.
    package mutating func find(_ key: Key, accept: (Value) -> Bool = { _ in true }) -> Value? {
        guard let value = used[key] ?? loaded[key], accept(value) else { return nil }
        used[key] = value
        hits += 1
        return value
    }

    /// Adds an entry this process made (counted as a miss).
    package mutating func add(_ key: Key, _ value: Value) {
        used[key] = value
        misses += 1
    }

    /// What to write back: the entries used, plus those loaded unless together they exceed `limit`
    /// (then stale ones go).
    package func kept(atMost limit: Int) -> [Key: Value] {
        guard loaded.count + used.count <= limit else { return used }
        return used.merging(loaded) { used, _ in used }
    }
}
