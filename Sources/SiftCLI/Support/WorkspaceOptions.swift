import ArgumentParser
import Foundation
import Sift

/// `--workspace DIR`: where findings, reviews, rules and settings live.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The workspace directory (default: $SIFT_WORKSPACE, else .sift in the current directory).",
        valueName: "dir"))
    var workspace: String?

    /// The workspace's directory.
    var location: URL { Workspace.location(explicit: workspace) }

    /// Opens (creating if needed) the workspace.
    func open() throws -> Workspace {
        try Workspace.open(at: location)
    }

    /// Opens an existing workspace, or explains that there is none yet.
    func openExisting() throws -> Workspace {
        guard FileManager.default.fileExists(atPath: location.path) else {
            throw CLIFailure("no workspace at \(location.path)",
                             hint: "run `sift scan PATH` first, or name the workspace with --workspace DIR")
        }
        return try Workspace.open(at: location)
    }
}
