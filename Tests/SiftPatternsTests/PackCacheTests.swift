import Foundation
import SiftCore
import SiftPatterns
import Testing

/// Packs from a ``PackCache`` are the packs parsing gives; a changed file is parsed again, and a
/// cache that is damaged or from another build is ignored.
@Suite struct PackCacheTests {
    static let identity: [UInt8] = Array("build-one".utf8)

    /// A cache filled by loading the built-in packs, serialized.
    static func filledCache() throws -> [UInt8] {
        let cache = PackCache(serialized: [], identity: identity)
        _ = try BuiltinPacks.all(cache: cache)
        #expect(cache.hasNewEntries)
        return try #require(cache.serialized())
    }

    @Test func cachedPacksAreThoseOfParsing() throws {
        let cache = PackCache(serialized: try Self.filledCache(), identity: Self.identity)
        #expect(cache.loadedCount == 3)
        let cached = try BuiltinPacks.all(cache: cache)
        #expect(!cache.hasNewEntries, "every pack came from the cache")
        let parsed = try BuiltinPacks.all()
        #expect(cached == parsed)
        #expect(parsed.flatMap(\.patterns).contains { !$0.validators.isEmpty && $0.context != nil })
    }

    @Test func aChangedFileIsParsedAgain() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pack-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("mine.yaml")
        func write(_ severity: String) throws {
            try Data("""
                pack: mine
                patterns:
                  - id: MY_TOKEN
                    severity: \(severity)
                    regex: 'mytok_[a-z0-9]{20}'
                    validators: [{entropy: 2.5}, {length: {min: 26}}]
                    examples: ['mytok_a1b2c3d4e5f6g7h8i9j0']
                """.utf8).write(to: file)
        }
        try write("high")
        let first = PackCache(serialized: [], identity: Self.identity)
        #expect(try PackLoader.load(contentsOf: file, cache: first).patterns[0].severity == .high)
        try write("low")
        let second = PackCache(serialized: try #require(first.serialized()), identity: Self.identity)
        #expect(second.loadedCount == 1)
        let pack = try PackLoader.load(contentsOf: file, cache: second)
        #expect(pack.patterns[0].severity == .low)
        #expect(pack.patterns[0].validators == [.entropy(2.5), .length(min: 26, max: nil)])
        #expect(second.hasNewEntries)
    }

    @Test func damagedOrForeignCachesAreIgnored() throws {
        let bytes = try Self.filledCache()
        var damaged: [[UInt8]] = [[], Array(bytes.prefix(bytes.count / 2)), Array(bytes.dropLast())]
        for position in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 12)) {
            var flipped = bytes
            flipped[position] ^= 0x04
            damaged.append(flipped)
        }
        for bytes in damaged {
            #expect(PackCache(serialized: bytes, identity: Self.identity).loadedCount == 0)
        }
        #expect(PackCache(serialized: bytes, identity: Array("build-two".utf8)).loadedCount == 0)
        #expect(PackCache(serialized: bytes, identity: nil).loadedCount == 0)
    }
}
