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

    /// The engine for `sources` under the workspace's rule state.
    ///
    /// With a workspace, the packs and literal plans of earlier runs of the same build are read
    /// from its cache files and what is new written back (best effort: a cache that cannot be read
    /// or written only makes the compile slower).
    public static func engine(_ sources: [String], workspace: Workspace?, options: DetectionEngine.Options = .init()) throws
        -> DetectionEngine
    {
        let directory = PlanCache.codeIdentity == nil ? nil : workspace?.url
        func read(_ name: String) -> [UInt8] {
            (directory.flatMap { try? Data(contentsOf: $0.appendingPathComponent(name)) }).map { Array($0) } ?? []
        }
        func write(_ bytes: [UInt8]?, to name: String) {
            guard let directory, let bytes else { return }
            try? Data(bytes).write(to: directory.appendingPathComponent(name), options: .atomic)
        }
        let packCache = directory.map { _ in PackCache(serialized: read(packCacheFile)) }
        let plans = directory.map { _ in PlanCache(serialized: read(planCacheFile)) }
        let packs = try packs(sources, cache: packCache)
        if let packCache, packCache.hasNewEntries { write(packCache.serialized(), to: packCacheFile) }
        let policy = try workspace.map(policy(from:)) ?? Policy()
        let engine = try DetectionEngine(packs: packs, policy: policy, options: options, plans: plans)
        if let plans, plans.hasNewEntries { write(plans.serialized(), to: planCacheFile) }
        return engine
    }
}
