import Foundation

/// Where the rules of a scan come from: built-in packs by name and pack files, plus the
/// workspace's rule state (built-in rules switched off, custom rules), as the Confluence app keeps it.
public enum RuleSources {
    /// Names of the built-in packs.
    public static let builtInNames = ["secrets", "pii", "objects"]

    /// Loads the packs named in `sources` (built-in pack names or paths of YAML files); all
    /// built-in packs when `sources` is empty.
    ///
    /// - Throws: ``PackLoadError`` with every problem of every file.
    public static func packs(_ sources: [String], cache: PackCache? = nil) throws -> [Pack] {
        let builtIn = try BuiltinPacks.all(cache: cache)
        guard !sources.isEmpty else { return builtIn }
        var packs: [Pack] = []
        var problems: [PackProblem] = []
        for source in sources {
            if let pack = builtIn.first(where: { $0.id == source }) {
                packs.append(pack)
                continue
            }
            do {
                packs.append(try PackLoader.load(contentsOf: URL(fileURLWithPath: source), cache: cache))
            } catch {
                problems += error.problems
            }
        }
        problems += PackLoader.crossCheck(packs)
        guard problems.isEmpty else { throw PackLoadError(problems: problems) }
        return packs
    }

    /// The policy the workspace's rule state gives: built-in rules switched off, custom rules.
    public static func policy(from workspace: Workspace) throws -> Policy {
        let disabled = try workspace.builtInRuleStates().filter { !$0.value }.map(\.key)
        let custom = try workspace.customRules().map { CustomRuleDefinition(name: $0.name, regexp: $0.regexp, enabled: $0.enabled) }
        return Policy(disabled: Set(disabled), customRules: custom)
    }

    /// The names of the workspace files that keep the rules' literal plans (``PlanCache``) and the
    /// loaded packs (``PackCache``).
    public static let planCacheFile = "plan-cache"
    public static let packCacheFile = "pack-cache"

    /// The engine for `sources` under the workspace's rule state; see ``compile(_:workspace:cacheDirectory:options:)``.
    public static func engine(
        _ sources: [String], workspace: Workspace?, cacheDirectory: CacheDirectory? = nil,
        options: DetectionEngine.Options = .init()
    ) throws -> DetectionEngine {
        try compile(sources, workspace: workspace, cacheDirectory: cacheDirectory, options: options).engine
    }

    /// Compiles `sources` under the workspace's rule state.
    ///
    /// The packs and literal plans of earlier runs of the same build are read from the workspace's
    /// cache files or, where those are missing or were written by another build, from
    /// `cacheDirectory` (the user's, shared by all workspaces); what is new is written back to
    /// those that lacked it. Best effort: a cache that cannot be read or written only makes the
    /// compile slower.
    public static func compile(
        _ sources: [String], workspace: Workspace?, cacheDirectory: CacheDirectory? = nil,
        options: DetectionEngine.Options = .init()
    ) throws -> CompiledRules {
        var stores: [CacheDirectory] = []
        if PlanCache.codeIdentity != nil {
            if let workspace { stores.append(CacheDirectory(workspace: workspace.url)) }
            if let cacheDirectory { stores.append(cacheDirectory) }
        }
        // Without a file to read or write, the caches still count what was analysed.
        let packCache = CacheFile(packCacheFile, in: stores, PackCache.init(serialized:), loaded: \.loadedCount)
        let plans = CacheFile(planCacheFile, in: stores, PlanCache.init(serialized:), loaded: \.loadedCount)
        let packs = try packs(sources, cache: packCache.cache)
        packCache.save(packCache.cache.hasNewEntries) { $0.serialized() }
        let policy = try workspace.map(policy(from:)) ?? Policy()
        let engine = try DetectionEngine(packs: packs, policy: policy, options: options, plans: plans.cache)
        plans.save(plans.cache.hasNewEntries) { $0.serialized() }
        return CompiledRules(engine: engine, plansCached: plans.cache.hits, plansAnalysed: plans.cache.misses)
    }
}
