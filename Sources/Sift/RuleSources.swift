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
    public static func packs(_ sources: [String]) throws -> [Pack] {
        let builtIn = try BuiltinPacks.all()
        guard !sources.isEmpty else { return builtIn }
        var packs: [Pack] = []
        var problems: [PackProblem] = []
        for source in sources {
            if let pack = builtIn.first(where: { $0.id == source }) {
                packs.append(pack)
                continue
            }
            do {
                packs.append(try PackLoader.load(contentsOf: URL(fileURLWithPath: source)))
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

    /// The name of the workspace file that keeps the rules' literal plans (``PlanCache``).
    public static let planCacheFile = "plan-cache"

    /// The engine for `sources` under the workspace's rule state.
    ///
    /// With a workspace, the literal plans of earlier compiles by the same build are read from its
    /// ``planCacheFile`` and new ones written back (best effort: a cache that cannot be read or
    /// written only makes the compile slower).
    public static func engine(_ sources: [String], workspace: Workspace?, options: DetectionEngine.Options = .init()) throws
        -> DetectionEngine
    {
        let packs = try packs(sources)
        let policy = try workspace.map(policy(from:)) ?? Policy()
        let cacheURL = workspace?.url.appendingPathComponent(planCacheFile)
        let plans = cacheURL.flatMap { url in
            PlanCache.codeIdentity == nil ? nil : PlanCache(serialized: (try? Data(contentsOf: url)).map { Array($0) } ?? [])
        }
        let engine = try DetectionEngine(packs: packs, policy: policy, options: options, plans: plans)
        if let plans, let cacheURL, plans.hasNewEntries, let bytes = plans.serialized() {
            try? Data(bytes).write(to: cacheURL, options: .atomic)
        }
        return engine
    }
}
