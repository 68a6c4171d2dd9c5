import ArgumentParser
import CSQLiteSetup
import Foundation
import Sift

/// `sift`: scan exported Confluence spaces for secrets and regulated data, and keep a workspace of
/// findings, reviews, rules and settings — the Confluence security app's workflow, offline.
@main
struct SiftCommand: ParsableCommand {
    // Every command names itself (`commandName`): without it ArgumentParser derives the name with
    // `String(describing:)` of the type, whose protocol-conformance lookups scanned the binary's
    // conformance tables and cost 28 % of `sift version`'s CPU time.
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
            ScanCommand.self, BenchCommand.self, FindingsCommand.self, RulesCommand.self, ReviewCommand.self, ExportCommand.self, SettingsCommand.self, VersionCommand.self,
        ]
    )

    /// ArgumentParser's `main`, except that bad arguments exit with 2 (as every other error does, and
    /// as the README documents) rather than its EX_USAGE (64).
    static func main() {
        // Before the first connection; if SQLite is somehow initialized already, nothing changes.
        // Stdlib --full rescan: SQLite's mutexes were 2.7 % of the samples.
        _ = sift_sqlite_configure_for_one_process()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                var message = fullMessage(for: error)
                // ArgumentParser takes any word of three dashes or more for an option, and a private key's
                // match text starts with five.
                if message.contains("Invalid option: ---") {
                    message += "\nhint: give a value that starts with dashes after an equals sign, e.g. --match-text='-----BEGIN …'"
                }
                FileHandle.standardError.write(Data((message + "\n").utf8))
                Foundation.exit(ExitStatus.error)
            }
            exit(withError: error)
        }
    }
}
