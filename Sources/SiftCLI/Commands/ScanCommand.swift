import ArgumentParser
import Foundation
import Sift

/// `sift scan PATH…`: scan exports, REST dumps, storage files or any files, record the findings in
/// the workspace, print them, and exit 0, 1 or 2 (usable as a CI gate).
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan Confluence exports (zip or directory), REST JSON dumps, storage-format files or any files.",
        discussion: """
            Findings are recorded in the workspace and the unreviewed ones printed. With autoScan on (the \
            default), content versions already scanned with the same rules are not scanned again (--full \
            scans everything). Exit status: 0 no unreviewed finding, 1 unreviewed findings, 2 errors.
            """
    )

    @Argument(help: ArgumentHelp("Exports, directories or files.", valueName: "path"))
    var paths: [String]

    @Option(help: ArgumentHelp("Only this space (case-sensitive key).", valueName: "key")) var space: String?
    @Option(help: ArgumentHelp("Only this content's versions (its id).", valueName: "id")) var content: String?
    @Option(name: .customLong("created-when"), help: ArgumentHelp(
        "With --content: only the version created then (e.g. 2021-08-15T17:54:36.860-05:00).", valueName: "timestamp"))
    var createdWhen: String?
    @Flag(name: .customLong("latest-only"), help: "Only current versions, no history.") var latestOnly = false
    @OptionGroup var output: OutputOptions
    @Option(name: .customLong("parallel"), help: ArgumentHelp(
        "Worker threads (default: the parallelScans setting; 0 = all cores).", valueName: "n"))
    var parallel: Int?
    @Flag(name: .customLong("no-attachments"), help: "Do not scan attachments (overrides scanAttachments).")
    var noAttachments = false
    @Flag(help: "In directory trees, also scan hidden directories (.github, .aws, .git …).") var hidden = false
    @Option(name: .customLong("rules"), help: ArgumentHelp(
        "A built-in pack (secrets, pii, objects) or a pack file; repeat for several (default: all built-in packs).",
        valueName: "pack|file"))
    var rules: [String] = []
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(name: .customLong("show-secrets"), help: "Show secrets in plaintext on the terminal.") var showSecrets = false
    @Flag(help: "Scan everything again, even content versions scanned before with the same rules.") var full = false
    @Option(name: .customLong("time-zone"), help: ArgumentHelp(
        "Time zone of the export's dates when its descriptor names none (default UTC).", valueName: "id"))
    var timeZone: String?

    func validate() throws {
        if createdWhen != nil, content == nil { throw ValidationError("--created-when needs --content") }
        if let parallel, parallel < 0 { throw ValidationError("--parallel must be 0 (all cores) or more") }
    }

    func run() throws {
        try runReportingErrors { try scan() }
    }

    private func scan() throws -> Int32 {
        let urls = paths.map { URL(fileURLWithPath: $0) }
        for (path, url) in zip(paths, urls) where !FileManager.default.fileExists(atPath: url.path) {
            throw CLIFailure("no such file or directory: \(path)")
        }
        let store = try workspace.open()
        let settings = try store.settings()
        let engine: DetectionEngine
        do {
            engine = try RuleSources.engine(rules, workspace: store, cacheDirectory: .standard())
        } catch let error as PackLoadError {
            throw CLIFailure("the rules do not compile:\n" + error.description, hint: "check them with: sift rules check FILE")
        }
        var readOptions = ReadOptions()
        if let timeZone {
            guard let zone = TimeZone(identifier: timeZone) else {
                throw CLIFailure("unknown time zone '\(timeZone)'", hint: "use an identifier such as UTC or Europe/Berlin")
            }
            readOptions.defaultTimeZone = zone
        }
        readOptions.readsHiddenDirectories = hidden
        let scope = ReadScope(spaceKey: space, contentID: content, createdWhen: createdWhen, latestOnly: latestOnly)
        let options = Scanner.Options(
            workers: parallel ?? settings.parallelScans, scanAttachments: settings.scanAttachments && !noAttachments,
            scope: scope, read: readOptions)
        let scanner = Scanner(engine: engine, options: options)

        // (hidden only when on: the fingerprints of earlier scans stay those of a scan without it)
        let settingsFingerprint = "attachments=\(options.scanAttachments);latestOnly=\(latestOnly);tz=\(readOptions.defaultTimeZone.identifier)"
            + (hidden ? ";hidden=true" : "")
        let scopeName = space.map { ScanScope.space($0) } ?? content.map { id in
            createdWhen.map { ScanScope.contentVersion(id, createdWhen: $0) } ?? ScanScope.content(id)
        } ?? ScanScope.files(paths.joined(separator: ","))
        let scan = try store.beginScan(scope: scopeName, ruleSetFingerprint: engine.fingerprint,
                                       settingsFingerprint: settingsFingerprint)
        let incremental = settings.autoScan && !full
        // Loaded when the first input has to be read: a rescan that skips every input never needs it.
        var known: Set<ContentVersionKey>?
        let unchanged = UnchangedVersions()

        // Results are recorded in batches, one transaction each: a killed scan loses at most a batch
        // (a thousand versions, or a second of work when they come slowly), and the next run
        // completes it. Batches of 200 committed five times as often (39 commits and fsyncs for the
        // 7 733 files of the Python stdlib, now 8), each writing the shared index pages again.
        var batch: [ContentVersionResult] = []
        var flushedAt = DispatchTime.now().uptimeNanoseconds
        var diagnostics: [Diagnostic] = []
        var summary = ScanSummary()
        var totals = ScanTotals()
        let started = Date()
        let progress = ProgressBar(enabled: Terminal.current.stderrIsTerminal)
        func flush() throws {
            flushedAt = DispatchTime.now().uptimeNanoseconds
            try store.record(batch, scan: scan)
            batch.removeAll(keepingCapacity: true)
            try store.touch(unchanged.take(), scan: scan)
        }
        // Each input is read on its own, so that one read to its end can be remembered: a rescan with
        // autoScan skips an input whose files, rules, settings and scope are all unchanged, without
        // reading it (see docs/workspace.md). Any other input is read, skipping unchanged versions.
        for (path, url) in zip(paths, urls) {
            // A directory is walked once for its state and for the reader (see DirectoryListing).
            let listing = settings.autoScan && SourceReader.kind(of: url) == .directory
                ? try? DirectoryListing(of: url, excluding: [workspace.location], hidden: hidden) : nil
            let state = settings.autoScan
                ? listing.map(\.state) ?? (try? InputState(of: url, excluding: [workspace.location], hidden: hidden)) : nil
            let record = state.map { state in
                InputRecord(path: url.standardizedFileURL.path, state: readerState(state), scope: readScopeKey(),
                            ruleSetFingerprint: engine.fingerprint, settingsFingerprint: settingsFingerprint)
            }
            if incremental, let record, let reused = try store.reuseCompletedInput(record, scan: scan) {
                totals.skippedUnchanged += reused.versions
                diagnostics += reused.diagnostics
                summary.skippedInput(path, since: reused.scan)
                continue
            }
            let keys: Set<ContentVersionKey>
            if incremental {
                keys = try known ?? store.scannedVersions(ruleSetFingerprint: engine.fingerprint, settingsFingerprint: settingsFingerprint)
                known = keys
            } else {
                keys = []
            }
            let given = UnchangedVersions()
            var readerDiagnostics: [Diagnostic] = []
            // The listed files found as listed once read; whether any was not, or could not be read
            // (its error would go unreported by a rescan that skipped the input).
            var checked = Set<String>()
            var readAgain = false
            let skip: @Sendable (ContentVersionKey) -> Bool = { key in
                given.add(key)
                guard keys.contains(key) else { return false }
                unchanged.add(key)
                return true
            }
            let inputTotals = try scanner.scan(
                [url], excluding: [workspace.location], listings: listing.map { [$0] } ?? [], skip: skip,
                progress: { progress.update($0) }
            ) { result in
                diagnostics += result.diagnostics
                summary.add(result)
                guard !result.isDiagnosticOnly else {
                    readerDiagnostics += result.diagnostics
                    return
                }
                switch result.matchesListing {
                case true?: if let path = result.provenance.path { checked.insert(path) }
                case false?: readAgain = true
                case nil: break
                }
                // A file that could not be read is not recorded as scanned: the next scan tries it
                // again and reports it again (an earlier reading of the same version, if any, stays).
                if result.diagnostics.contains(where: { $0.level == .error }) {
                    readAgain = true
                    return
                }
                batch.append(result.contentVersionResult)
                if batch.count >= 1000 || DispatchTime.now().uptimeNanoseconds - flushedAt >= 1_000_000_000 { try flush() }
            }
            try flush()
            totals.add(inputTotals)
            // Remembered only when read whole, without errors, and not changed while it was read:
            // the files checked as they were read are not examined again.
            func unchangedWhileRead(_ state: InputState) -> Bool {
                if readAgain { return false }
                return listing?.isUnchanged(besides: checked) ?? state.isUnchanged(at: url, excluding: [workspace.location], hidden: hidden)
            }
            if let record, let state, !readerDiagnostics.contains(where: { $0.level == .error }), unchangedWhileRead(state) {
                try store.recordCompletedInput(record, versions: given.take(), diagnostics: readerDiagnostics, scan: scan)
            }
        }
        totals.seconds = Date().timeIntervalSince(started)
        try store.finishScan(scan)
        progress.finish()

        // A space key that matches nothing is most often a typo (keys are case-sensitive): an error
        // with a suggestion, not a clean scan that lets a CI gate pass.
        if let space, totals.items == 0, totals.skippedUnchanged == 0 {
            let keys = Set(urls.filter { SourceReader.kind(of: $0) == .export }.flatMap { url in
                (try? ConfluenceExport(url: url, options: readOptions).inventory().spaces) ?? []
            }).sorted()
            if !keys.contains(space) {
                throw CLIFailure("no space '\(space)' in \(paths.joined(separator: ", ")) (space keys are case-sensitive)",
                                 hint: closest(to: space, in: keys).map { "did you mean \($0)?" }
                                     ?? (keys.isEmpty ? nil : "spaces: " + keys.joined(separator: ", ")))
            }
        }

        // The findings of everything this scan covered (scanned now, or unchanged since last time).
        let format = output.resolvedFormat()
        let plaintext = format == .pretty ? showSecrets : settings.includePlaintextInExports || showSecrets
        var unreviewed = 0
        var reviewed = 0
        let sink = try output.openSink()
        try writeFindings({ emit in
            try store.forEachFinding(FindingFilter.scan(scan)) { record in
                if record.finding.reviewed {
                    reviewed += 1
                    if format == .pretty { return }
                } else {
                    unreviewed += 1
                }
                try emit(record)
            }
        }, options: ExportOptions(plaintext: plaintext), format: format, to: sink)

        summary.report(totals: totals, unreviewed: unreviewed, reviewed: reviewed, diagnostics: diagnostics,
                       terminal: Terminal.current)
        if diagnostics.contains(where: { $0.level == .error }) { return ExitStatus.error }
        return unreviewed > 0 ? ExitStatus.findings : ExitStatus.clean
    }

    /// What is read of each input: the space, content and version options (latestOnly is a setting).
    private func readScopeKey() -> String {
        [space, content, createdWhen].map { $0.map { "=" + $0 } ?? "-" }.joined(separator: "\u{1F}")
    }

    /// The state of an input as remembered: its files' state, and the reader's version (a newer
    /// reader may find content an older one missed).
    private func readerState(_ state: InputState) -> String {
        "sift \(SiftVersion.current): \(state.digest)"
    }
}

/// Keys of content versions, collected on the reader thread, taken by the consumer.
final class UnchangedVersions: @unchecked Sendable {
    // SAFETY: `keys` is only touched with `lock` held.
    private let lock = NSLock()
    private var keys: [ContentVersionKey] = []

    func add(_ key: ContentVersionKey) { lock.withLock { keys.append(key) } }

    func take() -> [ContentVersionKey] {
        lock.withLock {
            defer { keys.removeAll() }
            return keys
        }
    }
}
