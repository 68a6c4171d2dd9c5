import ArgumentParser
import Sift

/// `sift export …`: the Confluence app's exports, from the workspace.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export findings, reviewed false positives or attachment scan information (CSV by default).",
        discussion: """
            Secrets appear in plaintext only when the includePlaintextInExports setting is on; otherwise a \
            redacted form and a fingerprint. See docs/output-formats.md for the columns.
            """,
        subcommands: [Findings.self, Reviewed.self, Attachments.self]
    )

    struct Findings: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "findings", abstract: "All findings of a space, or of all spaces.")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: ArgumentHelp("Only this space (case-sensitive key).", valueName: "key")) var space: String?
        @Option(help: ArgumentHelp("Deduplicate (overrides the deduplicateExports setting).", valueName: "bool"))
        var dedupe: Bool?
        @OptionGroup var output: OutputOptions

        func run() throws {
            try runReportingErrors {
                let store = try workspace.openExisting()
                let settings = try store.settings()
                let filter = try FindingScopeOptions.spaceFilter(space, in: store)
                let deduplicated = settings.deduplicate(dedupe)
                try writeFindings({ emit in try store.forEachFinding(filter, dedupe: deduplicated, emit) },
                                  options: ExportOptions(plaintext: settings.includePlaintextInExports, deduplicated: deduplicated),
                                  format: output.resolvedFormat(terminalDefault: .csv, pipeDefault: .csv), to: try output.openSink())
                return ExitStatus.clean
            }
        }
    }

    struct Reviewed: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reviewed", abstract: "Reviewed false positives of a space, or of all spaces, with who and when.")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: ArgumentHelp("Only this space (case-sensitive key).", valueName: "key")) var space: String?
        @OptionGroup var output: OutputOptions

        func run() throws {
            try runReportingErrors {
                let store = try workspace.openExisting()
                let settings = try store.settings()
                var filter = try FindingScopeOptions.spaceFilter(space, in: store)
                filter.reviewed = true
                try writeFindings({ emit in try store.forEachFinding(filter, emit) },
                                  options: ExportOptions(plaintext: settings.includePlaintextInExports, reviews: true),
                                  format: output.resolvedFormat(terminalDefault: .csv, pipeDefault: .csv), to: try output.openSink())
                return ExitStatus.clean
            }
        }
    }

    struct Attachments: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "attachments", abstract: "What was done with each attachment: scanned, skipped (and why), failed.")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: ArgumentHelp("Only this space (case-sensitive key).", valueName: "key")) var space: String?
        @OptionGroup var output: OutputOptions

        func run() throws {
            try runReportingErrors {
                let store = try workspace.openExisting()
                _ = try FindingScopeOptions.spaceFilter(space, in: store)
                try writeRecords({ emit in try store.forEachAttachmentRecord(spaceKey: space, emit) }, schema: .attachments,
                                 format: output.resolvedFormat(terminalDefault: .csv, pipeDefault: .csv), to: try output.openSink())
                return ExitStatus.clean
            }
        }
    }
}
