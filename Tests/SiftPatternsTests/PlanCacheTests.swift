import SiftCore
import SiftMatcher
import SiftPatterns
import Testing

/// Compiling the built-in packs through a ``PlanCache`` gives the engine compiling without one
/// gives, and a cache that is damaged or from another build is ignored, never trusted.
@Suite struct PlanCacheTests {
    static let packs: [Pack] = (try? BuiltinPacks.all()) ?? []
    static let identity: [UInt8] = Array("build-one".utf8)

    /// Every rule's plan and start check, in order.
    static func plans(_ engine: DetectionEngine) -> [LiteralPlan] { engine.compiledRules.map(\.plan) }

    static func checks(_ engine: DetectionEngine) -> [StartCheck?] {
        (0..<engine.ruleSet.rules.count).map { engine.ruleSet.startCheck(rule: $0) }
            + (0..<engine.excludeSet.rules.count).map { engine.excludeSet.startCheck(rule: $0) }
    }

    /// Every rule's neighbour check, in order.
    static func neighbourChecks(_ engine: DetectionEngine) -> [NeighbourCheck?] {
        (0..<engine.ruleSet.rules.count).map { engine.ruleSet.neighbourCheck(rule: $0) }
            + (0..<engine.excludeSet.rules.count).map { engine.excludeSet.neighbourCheck(rule: $0) }
    }

    /// A cache filled by compiling the built-in packs, serialized.
    static func filledCache() throws -> [UInt8] {
        let cache = PlanCache(serialized: [], identity: identity)
        _ = try DetectionEngine(packs: packs, plans: cache)
        #expect(cache.hits == 0 && cache.misses > 100 && cache.hasNewEntries)
        return try #require(cache.serialized())
    }

    @Test func cachedPlansAreThoseOfAnalysis() throws {
        let bytes = try Self.filledCache()
        let reloaded = PlanCache(serialized: bytes, identity: Self.identity)
        #expect(reloaded.loadedCount > 100)
        let cached = try DetectionEngine(packs: Self.packs, plans: reloaded)
        #expect(reloaded.misses == 0, "every rule came from the cache")
        #expect(!reloaded.hasNewEntries)
        let analysed = try DetectionEngine(packs: Self.packs)
        #expect(Self.plans(cached) == Self.plans(analysed))
        #expect(Self.checks(cached) == Self.checks(analysed))
        #expect(Self.checks(analysed).contains { $0 != nil })
        #expect(Self.neighbourChecks(cached) == Self.neighbourChecks(analysed))
        #expect(Self.neighbourChecks(analysed).contains { $0 != nil })

        let text = Self.packs.flatMap { $0.patterns.flatMap(\.examples) }.joined(separator: "\n")
        let found = { (engine: DetectionEngine) in
            engine.findings(in: text, using: engine.makeScratch()).findings.map { "\($0.ruleName) \($0.matchText)" }
        }
        #expect(found(cached) == found(analysed))
        #expect(!found(analysed).isEmpty)
    }

    @Test func serializingTheSameEntriesGivesTheSameBytes() throws {
        let bytes = try Self.filledCache()
        let reloaded = PlanCache(serialized: bytes, identity: Self.identity)
        _ = try DetectionEngine(packs: Self.packs, plans: reloaded)
        #expect(reloaded.serialized() == bytes)
    }

    @Test func anotherBuildsCacheIsIgnored() throws {
        let other = PlanCache(serialized: try Self.filledCache(), identity: Array("build-two".utf8))
        #expect(other.loadedCount == 0)
        _ = try DetectionEngine(packs: Self.packs, plans: other)
        #expect(other.hits == 0)
    }

    @Test func damagedCachesAreIgnored() throws {
        let bytes = try Self.filledCache()
        var damaged: [[UInt8]] = [[], Array(bytes.prefix(bytes.count / 2)), Array(bytes.dropLast()),
                                  Array("not a cache at all".utf8)]
        for position in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 12)) {
            var flipped = bytes
            flipped[position] ^= 0x10
            damaged.append(flipped)
        }
        for bytes in damaged {
            let cache = PlanCache(serialized: bytes, identity: Self.identity)
            #expect(cache.loadedCount == 0)
            let engine = try DetectionEngine(packs: Self.packs, plans: cache)
            #expect(cache.hits == 0)
            #expect(Self.plans(engine).count > 100)
        }
    }

    @Test func aBuildWithoutIdentityCachesNothing() throws {
        let cache = PlanCache(serialized: try Self.filledCache(), identity: nil)
        #expect(!cache.isEnabled)
        #expect(cache.loadedCount == 0)
        _ = try DetectionEngine(packs: Self.packs, plans: cache)
        #expect(cache.serialized() == nil)
    }

    @Test func optionsThatChangeTheAnalysisAreNotServedAnotherPlan() throws {
        let cache = PlanCache(serialized: try Self.filledCache(), identity: Self.identity)
        let options = DetectionEngine.Options(matcher: .init(startChecks: false))
        let cached = try DetectionEngine(packs: Self.packs, options: options, plans: cache)
        #expect(Self.checks(cached).allSatisfy { $0 == nil })
        // Allow-list rules compile with their own options (start checks on): only those hit.
        #expect(cache.misses > 100)
        // Run gates decide which rules get a start check: turned off, no plan is served either.
        var noRunGates = DetectionEngine.Options()
        noRunGates.matcher.runGates = false
        let other = PlanCache(serialized: try Self.filledCache(), identity: Self.identity)
        let gateless = try DetectionEngine(packs: Self.packs, options: noRunGates, plans: other)
        #expect(other.misses > 100)
        #expect(Self.checks(gateless) == Self.checks(try DetectionEngine(packs: Self.packs, options: noRunGates)))
    }

    @Test func thisBuildHasAnIdentity() {
        #expect(PlanCache.codeIdentity.map { $0.count >= 8 } ?? false)
    }
}
