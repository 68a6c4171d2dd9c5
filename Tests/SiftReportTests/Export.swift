import SiftCore
import SiftReport

/// The formats a schema can be written in, by file extension.
enum Format: String, CaseIterable {
    case csv, jsonl, txt
}

/// Writes `records` with `schema` in `format` and returns the bytes.
func export<Record>(_ records: [Record], _ schema: ExportSchema<Record>, as format: Format) throws -> [UInt8] {
    switch format {
    case .csv:
        var exporter = CSVExporter(sink: MemorySink(), schema: schema)
        for record in records { try exporter.write(record) }
        try exporter.finish()
        return exporter.sink.bytes
    case .jsonl:
        var exporter = JSONLinesExporter(sink: MemorySink(), schema: schema)
        for record in records { try exporter.write(record) }
        try exporter.finish()
        return exporter.sink.bytes
    case .txt:
        var exporter = TableRenderer(sink: MemorySink(), schema: schema, width: 140)
        for record in records { try exporter.write(record) }
        try exporter.finish()
        return exporter.sink.bytes
    }
}

func sarif(_ records: [FindingRecord], _ options: ExportOptions) throws -> [UInt8] {
    var exporter = SARIFExporter(
        sink: MemorySink(), options: options, toolVersion: "0.1.0-test",
        ruleDescriptions: ["AWS_CLIENT_ID": "AWS access key id"])
    for record in records { try exporter.write(record) }
    try exporter.finish()
    return exporter.sink.bytes
}
