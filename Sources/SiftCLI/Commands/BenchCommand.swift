import ArgumentParser
import Foundation
import Sift

/// `sift bench --rules PACK|FILE… CORPUS…`: what each rule of a rule set costs on a corpus — the
/// check a rule author runs before shipping a custom rule.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark a rule set on a corpus: time, candidates, matches and strategy of every rule.",
        discussion: """
            Reads the corpus as scan does (exports, REST dumps, storage files, any files, attachments), on \
            one thread, and reports per rule: prefilter candidates, PCRE2 calls, matches, findings, share \
            of the matcher's time, its strategy (windowed, gated, unfiltered — and why) and its literals; \
            in total: MB/s, time in the prefilter and in PCRE2, compile time, memory. Nothing is recorded in \
            a workspace. A rule that is unfiltered, or has many candidates and few matches, is the one to fix.
            """
    )

    @Argument(help: ArgumentHelp("Exports, directories or files to scan.", valueName: "corpus"))
    var corpus: [String]

    @Option(name: .customLong("rules"), help: ArgumentHelp(
        "A built-in pack (secrets, pii, objects) or a pack file; repeat for several (default: all built-in packs).",
        valueName: "pack|file"))
    var rules: [String] = []
    @Option(help: ArgumentHelp("table or json (default: table on a terminal, json in a pipe).", valueName: "format"))
    var format: String?
    @Option(help: ArgumentHelp("Rules shown in the table (default 25; json has them all).", valueName: "n"))
    var top = 25
    @Option(name: .customLong("prefilter"), help: ArgumentHelp(
        "The literal search: auto, dfa or filter (for comparing them).", valueName: "kind", visibility: .hidden))
    var prefilter = "auto"
    @Flag(name: .customLong("no-attachments"), help: "Do not extract and scan attachments.") var noAttachments = false
    @Option(name: .customLong("output"), help: ArgumentHelp("Write the report to this file.", valueName: "file"))
    var output: String?

    static let prefilterKinds: [String: PrefilterKind] = ["auto": .automatic, "dfa": .automaton, "filter": .gramFilter]

    func validate() throws {
        if let format, !["table", "json"].contains(format) {
            throw ValidationError("unknown format '\(format)': use table or json")
        }
        if top < 1 { throw ValidationError("--top must be 1 or more") }
        if Self.prefilterKinds[prefilter] == nil {
            throw ValidationError("unknown prefilter '\(prefilter)': use auto, dfa or filter")
        }
    }

    func run() throws {
        try runReportingErrors { try bench() }
    }

    private func bench() throws -> Int32 {
        let urls = corpus.map { URL(fileURLWithPath: $0) }
        for (path, url) in zip(corpus, urls) where !FileManager.default.fileExists(atPath: url.path) {
            throw CLIFailure("no such file or directory: \(path)")
        }
        let started = DispatchTime.now().uptimeNanoseconds
        let compiled: CompiledRules
        do {
            let kind = Self.prefilterKinds[prefilter] ?? .automatic
            compiled = try RuleSources.compile(
                rules, workspace: nil, cacheDirectory: .standard(),
                options: DetectionEngine.Options(matcher: .init(prefilter: kind)))
        } catch let error as PackLoadError {
            throw CLIFailure("the rules do not compile:\n" + error.description, hint: "check them with: sift rules check FILE")
        }
        let compileSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let report = try RuleBenchmark.run(
            rules: compiled, compileSeconds: compileSeconds, inputs: urls,
            options: Scanner.Options(workers: 1, scanAttachments: !noAttachments))

        let asJSON = (format ?? (Terminal.current.stdoutIsTerminal && output == nil ? "table" : "json")) == "json"
        let text = asJSON ? try Self.json(report) : Self.table(report, top: top)
        if let output {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output))
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        return ExitStatus.clean
    }

    static func json(_ report: RuleBenchmarkReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    }

    static func table(_ report: RuleBenchmarkReport, top: Int) -> String {
        let t = report.totals
        var lines: [String] = []
        lines.append(String(
            format: "%d items, %.1f MB of text, %d findings in %.2f s: %.1f MB/s matcher, %.1f MB/s end to end",
            t.items, Double(t.bytes) / 1e6, t.findings, t.seconds, t.matcherMegabytesPerSecond, t.megabytesPerSecond))
        lines.append(String(
            format: "prefilter %.2f s, PCRE2 %.2f s, other scan work %.2f s, reading %.2f s",
            t.prefilterSeconds, t.confirmationSeconds,
            max(0, t.workSeconds - t.prefilterSeconds - t.confirmationSeconds), t.readSeconds))
        lines.append(String(
            format: "%d patterns (%d regexes), %d literals, compiled in %.0f ms (%d plans cached, %d analysed); prefilter %.0f KiB; peak memory %.0f MiB",
            t.patterns, t.regexes, t.literals, t.compileMilliseconds, t.plansCached, t.plansAnalysed,
            Double(t.prefilterBytes) / 1024, t.peakResidentMiB))
        let unfiltered = report.rules.filter { $0.strategy == "unfiltered" }
        if !unfiltered.isEmpty {
            lines.append("unfiltered (run over every text): " + unfiltered.map(\.id).joined(separator: ", "))
        }
        lines.append("")
        lines.append(pad("rule", 34) + pad("ms", -8) + pad("candidates", -11) + pad("PCRE2", -10) + pad("matches", -9)
            + pad("findings", -9) + pad("share", -7) + "  " + pad("strategy", 11) + "literals / why")
        for rule in report.rules.prefix(top) {
            let detail = rule.strategy == "windowed" || rule.strategy == "object"
                ? rule.literals.prefix(3).joined(separator: " ") : (rule.reason ?? "")
            lines.append(pad(rule.id, 34) + pad(String(format: "%.1f", Double(rule.nanoseconds) / 1e6), -8)
                + pad("\(rule.candidates)", -11) + pad("\(rule.confirmations)", -10) + pad("\(rule.matches)", -9)
                + pad("\(rule.findings)", -9) + pad(String(format: "%.1f%%", rule.shareOfMatcherTime * 100), -7) + "  "
                + pad(rule.strategy, 11) + String(detail.prefix(60)))
        }
        if report.rules.count > top { lines.append("… \(report.rules.count - top) more rules (--top, or --format json)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` padded with spaces to `width` columns: on the right, or on the left when `width` is negative.
    private static func pad(_ text: String, _ width: Int) -> String {
        let missing = max(0, abs(width) - text.count)
        let spaces = String(repeating: " ", count: missing)
        return width < 0 ? spaces + text : text + spaces + (missing == 0 ? " " : "")
    }
}
