import ArgumentParser
import Foundation
import Sift

extension ExportFormat: ExpressibleByArgument {}

/// `--format` and `--output`.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Output format: pretty, jsonl, json, csv or sarif (default: pretty on a terminal, jsonl otherwise).",
        valueName: "format"))
    var format: ExportFormat?

    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    /// The format to use: as asked, or `fallback` (the command's default) on a terminal and JSON
    /// Lines in a pipe.
    func resolvedFormat(terminalDefault: ExportFormat = .pretty, pipeDefault: ExportFormat = .jsonl) -> ExportFormat {
        if let format { return format }
        return output == nil && Terminal.current.stdoutIsTerminal ? terminalDefault : pipeDefault
    }

    /// Opens the destination: the named file (created or truncated) or standard output.
    func openSink() throws -> FileHandleSink {
        guard let output else { return FileHandleSink(FileHandle.standardOutput) }
        let url = URL(fileURLWithPath: output)
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: url)
        else {
            throw CLIFailure("cannot write \(output)", hint: "check that the directory exists and is writable")
        }
        return FileHandleSink(handle)
    }
}

/// Writes `records` in `format` to `sink` using `schema` (SARIF only for findings: see
/// ``writeFindings``).
func writeRecords<Record>(
    _ records: (_ emit: (Record) throws -> Void) throws -> Void, schema: ExportSchema<Record>, format: ExportFormat,
    to sink: FileHandleSink
) throws {
    switch format {
    case .pretty:
        var exporter = TableRenderer(sink: sink, schema: schema, width: Terminal.current.width, color: Terminal.current.colors)
        try records { try exporter.write($0) }
        try exporter.finish()
    case .jsonl:
        var exporter = JSONLinesExporter(sink: sink, schema: schema)
        try records { try exporter.write($0) }
        try exporter.finish()
    case .json:
        var exporter = JSONArrayExporter(sink: sink, schema: schema)
        try records { try exporter.write($0) }
        try exporter.finish()
    case .csv:
        var exporter = CSVExporter(sink: sink, schema: schema)
        try records { try exporter.write($0) }
        try exporter.finish()
    case .sarif:
        throw CLIFailure("SARIF is for findings only", hint: "use --format csv, jsonl or json")
    }
}

/// Writes finding records in `format`, SARIF included.
func writeFindings(
    _ records: (_ emit: (FindingRecord) throws -> Void) throws -> Void, options: ExportOptions, format: ExportFormat,
    to sink: FileHandleSink
) throws {
    if format == .sarif {
        var exporter = SARIFExporter(sink: sink, options: options, toolVersion: SiftVersion.current)
        try records { try exporter.write($0) }
        try exporter.finish()
    } else {
        try writeRecords(records, schema: .findings(options), format: format, to: sink)
    }
}
