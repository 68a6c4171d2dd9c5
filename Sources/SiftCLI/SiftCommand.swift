import ArgumentParser
import Sift

/// `sift`: scan exported Confluence spaces for secrets and regulated data, and keep a workspace of
/// findings, reviews, rules and settings — the Confluence security app's workflow, offline.
@main
struct SiftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sift",
        abstract: "Find secrets and regulated data in exported Confluence spaces.",
        discussion: """
            Exit status: 0 when no unreviewed finding is reported, 1 when there are unreviewed findings, \
            2 on errors (errors win).

            The workspace (default .sift, or --workspace DIR, or SIFT_WORKSPACE) keeps findings, reviews, \
            rules and settings between runs.
            """,
        version: SiftVersion.current,
        subcommands: [
            ScanCommand.self, FindingsCommand.self, RulesCommand.self, ReviewCommand.self, ExportCommand.self, SettingsCommand.self, VersionCommand.self,
        ]
    )
}
