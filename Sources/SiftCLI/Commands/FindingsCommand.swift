import ArgumentParser
import Sift

/// `sift findings`: the results of earlier scans, as the app's REST API pages them.
struct FindingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "findings",
        abstract: "List findings from the workspace: of a space, of a content, or all.",
        discussion: """
            Pages are 0-based (--page) with --size results each (default: all). --reviewed false lists only \
            unreviewed findings, --reviewed true only reviewed ones; without it, both. On a terminal secrets are partly masked unless --show-secrets; in other formats the workspace's \
            includePlaintextInExports setting decides.
            """
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var scope: FindingScopeOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "0-based page number.") var page: Int = 0
    @Option(help: "Results per page (default: all).") var size: Int?
    @Flag(help: "Deduplicate: one result per match text in a content's history, with its version range.")
    var dedupe = false
    @Flag(name: .customLong("show-secrets"), help: "Show secrets in plaintext.") var showSecrets = false

    func run() throws {
        try runReportingErrors {
            let store = try workspace.openExisting()
            let filter = try scope.filter(in: store)
            let format = output.resolvedFormat()
            let settings = try store.settings()
            let plaintext = showSecrets || (format != .pretty && settings.includePlaintextInExports)
            let result = try store.findings(filter, page: page, size: size, dedupe: dedupe)
            let sink = try output.openSink()
            try writeFindings({ emit in try result.records.forEach(emit) },
                              options: ExportOptions(plaintext: plaintext, deduplicated: dedupe), format: format, to: sink)
            if format == .pretty, let size {
                Terminal.diagnostic("page \(page) of \(max(result.pageCount, 1)) (\(result.total) findings, \(size) per page)")
            }
            return ExitStatus.clean
        }
    }
}
