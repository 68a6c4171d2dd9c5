import ArgumentParser
import Foundation
import Sift

/// `sift review …`: hide false positives (or revoked credentials) as the Confluence app does.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review findings: hide an exact match text of a rule in a space, now and in future scans.",
        subcommands: [Add.self, Remove.self, Clear.self, List.self, Global.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Review a match text of a rule in a space.")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: ArgumentHelp("The space (case-sensitive key).", valueName: "key")) var space: String
        @Option(name: .customLong("match-text"), help: "The exact matched text, as findings show it.") var matchText: String
        @Option(name: .customLong("rule"), help: ArgumentHelp("The rule that found it.", valueName: "name")) var ruleName: String
        @Option(help: "Who reviews (default: the current user).") var by: String?
        @Option(help: "Why.") var comment: String?

        func run() throws {
            try runReportingErrors {
                let store = try workspace.open()
                _ = try store.review(space: space, matchText: matchText, ruleName: ruleName, by: by, comment: comment)
                let hidden = try store.findings(FindingFilter(spaceKey: space, reviewed: true)).records
                    .filter { $0.finding.matchText == matchText && $0.finding.ruleName == ruleName }.count
                Terminal.diagnostic("reviewed in \(space): \(hidden) finding\(hidden == 1 ? "" : "s") hidden")
                return ExitStatus.clean
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Un-review a match text in a space (every rule).")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: ArgumentHelp("The space (case-sensitive key).", valueName: "key")) var space: String
        @Option(name: .customLong("match-text"), help: "The exact matched text.") var matchText: String

        func run() throws {
            try runReportingErrors {
                let removed = try workspace.openExisting().unreview(space: space, matchText: matchText)
                Terminal.diagnostic("removed \(removed) review\(removed == 1 ? "" : "s") in \(space)")
                return removed == 0 ? ExitStatus.error : ExitStatus.clean
            }
        }
    }

    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "clear", abstract: "Delete every review of a space (needs --confirm).")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: ArgumentHelp("The space (case-sensitive key).", valueName: "key")) var space: String
        @Flag(help: "Confirm: delete them all.") var confirm = false

        func run() throws {
            try runReportingErrors {
                let removed = try workspace.openExisting().clearReviews(space: space, confirm: confirm)
                Terminal.diagnostic("deleted \(removed) review\(removed == 1 ? "" : "s") of \(space)")
                return ExitStatus.clean
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the reviews of a space, or of every space.")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: ArgumentHelp("Only this space.", valueName: "key")) var space: String?
        @OptionGroup var output: OutputOptions
        @Flag(name: .customLong("show-secrets"), help: "Show match texts in plaintext.") var showSecrets = false

        func run() throws {
            try runReportingErrors {
                let store = try workspace.openExisting()
                let reviews = try store.reviews(space: space)
                try writeReviews(reviews, store: store, output: output, showSecrets: showSecrets)
                return ExitStatus.clean
            }
        }
    }

    /// Global reviewed false positives: CSV import, delete by CSV, clear, list.
    struct Global: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "global",
            abstract: "Global reviewed false positives, for every space (CSV: matchText,ruleName[,reviewedBy,reviewedWhen,comment]).",
            subcommands: [Import.self, Delete.self, Clear.self, List.self]
        )

        struct Import: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "import", abstract: "Import from a CSV file, all or nothing.")
            @OptionGroup var workspace: WorkspaceOptions
            @Argument(help: ArgumentHelp("The CSV file.", valueName: "file")) var file: String
            @Option(help: "Who reviews, for rows without reviewedBy (default: the current user).") var by: String?

            func run() throws {
                try runReportingErrors {
                    let count = try workspace.open().importGlobalReviews(csv: try readFile(file), file: file, by: by)
                    Terminal.diagnostic("imported \(count) global review\(count == 1 ? "" : "s") from \(file)")
                    return ExitStatus.clean
                }
            }
        }

        struct Delete: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete the ones listed in a CSV file, all or nothing.")
            @OptionGroup var workspace: WorkspaceOptions
            @Argument(help: ArgumentHelp("The CSV file.", valueName: "file")) var file: String

            func run() throws {
                try runReportingErrors {
                    let count = try workspace.openExisting().deleteGlobalReviews(csv: try readFile(file), file: file)
                    Terminal.diagnostic("deleted \(count) global review\(count == 1 ? "" : "s")")
                    return ExitStatus.clean
                }
            }
        }

        struct Clear: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "clear", abstract: "Delete every global review (needs --confirm).")
            @OptionGroup var workspace: WorkspaceOptions
            @Flag(help: "Confirm: delete them all.") var confirm = false

            func run() throws {
                try runReportingErrors {
                    let count = try workspace.openExisting().clearGlobalReviews(confirm: confirm)
                    Terminal.diagnostic("deleted \(count) global review\(count == 1 ? "" : "s")")
                    return ExitStatus.clean
                }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List the global reviews.")
            @OptionGroup var workspace: WorkspaceOptions
            @OptionGroup var output: OutputOptions
            @Flag(name: .customLong("show-secrets"), help: "Show match texts in plaintext.") var showSecrets = false

            func run() throws {
                try runReportingErrors {
                    let store = try workspace.openExisting()
                    try writeReviews(try store.globalReviews(), store: store, output: output, showSecrets: showSecrets)
                    return ExitStatus.clean
                }
            }
        }
    }
}

/// Writes reviews; match texts follow the plaintext setting (or --show-secrets).
private func writeReviews(_ reviews: [Review], store: Workspace, output: OutputOptions, showSecrets: Bool) throws {
    let format = output.resolvedFormat(pipeDefault: .csv)
    let settings = try store.settings()
    let plaintext = showSecrets || (format != .pretty && settings.includePlaintextInExports)
    try writeRecords({ emit in try reviews.forEach(emit) }, schema: .reviews(plaintext: plaintext), format: format,
                     to: try output.openSink())
}

/// The bytes of a file, or a failure that names it.
func readFile(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CLIFailure("cannot read \(path)", hint: FileManager.default.fileExists(atPath: path) ? "check its permissions" : "no such file")
    }
    return [UInt8](data)
}
