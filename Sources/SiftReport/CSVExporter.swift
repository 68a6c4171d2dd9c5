/// Writes records as CSV (RFC 4180): a header with the schema's field names, then one record per
/// line, `CRLF` line ends, UTF-8 without byte-order mark.
///
/// A field is quoted when it holds a comma, a quote, CR or LF (quotes doubled) and when it is an
/// empty string, so that an empty string (`""`) and a missing value (nothing) stay apart.
/// Values are written as they are: a cell that starts with `=`, `+`, `-` or `@` is not altered,
/// so open untrusted exports in a spreadsheet with care.
public struct CSVExporter<Sink: ByteSink, Record>: RecordExporter {
    private var output: OutputBuffer<Sink>
    private let schema: ExportSchema<Record>
    private var wroteHeader = false

    /// Creates an exporter that writes the schema's fields to `sink`; the header comes first, even for an empty export.
    public init(sink: Sink, schema: ExportSchema<Record>) {
        output = OutputBuffer(sink)
        self.schema = schema
    }

    /// The sink (after ``finish()``, it holds everything).
    public var sink: Sink { output.sink }

    /// Writes one record as one CSV record.
    public mutating func write(_ record: Record) throws {
        try writeHeaderOnce()
        try output.append(Self.line(schema.values(record).map(\.csvText)))
    }

    /// Writes the header if nothing was written yet, and flushes.
    public mutating func finish() throws {
        try writeHeaderOnce()
        try output.flush()
    }

    private mutating func writeHeaderOnce() throws {
        guard !wroteHeader else { return }
        wroteHeader = true
        try output.append(Self.line(schema.fieldNames))
    }

    static func line(_ cells: [String?]) -> String {
        var line = ""
        for (index, cell) in cells.enumerated() {
            if index > 0 { line += "," }
            guard let cell else { continue }
            if cell.isEmpty || cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) {
                line += "\"" + cell.replacing("\"", with: "\"\"") + "\""
            } else {
                line += cell
            }
        }
        return line + "\r\n"
    }
}
