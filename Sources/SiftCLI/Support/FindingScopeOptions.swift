import ArgumentParser
import Sift

/// `--space KEY` or `--content ID [--created-when TS]`, and `--reviewed true|false`: which findings.
struct FindingScopeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Findings of this space (case-sensitive key).", valueName: "key"))
    var space: String?

    @Option(name: .long, help: ArgumentHelp("Findings of this content's versions (its id).", valueName: "id"))
    var content: String?

    @Option(name: .customLong("created-when"), help: ArgumentHelp(
        "With --content: only the version created then, e.g. 2021-08-15T17:54:36.860-05:00.", valueName: "timestamp"))
    var createdWhen: String?

    @Option(name: .long, help: ArgumentHelp("true: only reviewed findings; false: only unreviewed ones (default: both).",
                                            valueName: "bool"))
    var reviewed: Bool?

    func validate() throws {
        if space != nil, content != nil { throw ValidationError("give --space or --content, not both") }
        if createdWhen != nil, content == nil { throw ValidationError("--created-when needs --content") }
    }

    /// The filter, after checking the space key against the workspace's spaces (case-sensitive, as in
    /// Confluence: a key in the wrong case gets a suggestion).
    func filter(in workspace: Workspace) throws -> FindingFilter {
        var filter = try Self.spaceFilter(space, in: workspace)
        filter.contentId = content
        filter.createdWhen = createdWhen
        filter.reviewed = reviewed
        return filter
    }

    /// A filter for one space (or every space when `space` is nil), after checking that the workspace
    /// knows the space: a key in the wrong case gets a suggestion.
    static func spaceFilter(_ space: String?, in workspace: Workspace) throws -> FindingFilter {
        if let space {
            let keys = try workspace.spaceKeys()
            if !keys.contains(space) {
                throw CLIFailure("no space '\(space)' in the workspace (space keys are case-sensitive)",
                                 hint: closest(to: space, in: keys).map { "did you mean \($0)?" }
                                     ?? (keys.isEmpty ? "scan an export first" : "spaces: " + keys.joined(separator: ", ")))
            }
        }
        return FindingFilter(spaceKey: space)
    }
}
