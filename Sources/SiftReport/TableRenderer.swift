/// Renders records as a plain-text table for a terminal: a header, a rule, one row per record.
///
/// Column widths come from the first 100 rows (then stay fixed, so the table streams), capped
/// per column and shrunk to fit ``width``; longer cells are cut with `…`. Line breaks and tabs in
/// cells become spaces; widths count characters (wide East Asian characters count as one). No
/// colours unless ``color`` is set (severity in red, yellow, cyan).
public struct TableRenderer<Sink: ByteSink, Record>: RecordExporter {
    private var output: OutputBuffer<Sink>
    private let layout: TableLayout<Record>
    /// The total width to fit, in characters.
    public let width: Int
    /// Colour severities with ANSI escapes.
    public let color: Bool
    private var pending: [[String]] = []
    private var widths: [Int]?
    private var rows = 0

    /// Creates a renderer of the schema's table columns, fitting `width` characters.
    public init(sink: Sink, schema: ExportSchema<Record>, width: Int = 120, color: Bool = false) {
        output = OutputBuffer(sink)
        layout = schema.table
        self.width = width
        self.color = color
    }

    /// The sink (after ``finish()``, it holds everything).
    public var sink: Sink { output.sink }

    /// Adds one row (buffered while the first 100 rows size the columns).
    public mutating func write(_ record: Record) throws {
        let cells = layout.cells(record).map { Self.clean($0) }
        rows += 1
        if widths == nil {
            pending.append(cells)
            if pending.count >= 100 { try flushPending() }
        } else {
            try output.append(line(cells))
        }
    }

    /// Writes the rows still buffered and a `N rows` line, and flushes.
    public mutating func finish() throws {
        try flushPending()
        try output.append(rows == 1 ? "1 row\n" : "\(rows) rows\n")
        try output.flush()
    }

    private mutating func flushPending() throws {
        guard widths == nil else { return }
        var natural = layout.columns.map { $0.header.count }
        for row in pending {
            for (index, cell) in row.enumerated() { natural[index] = max(natural[index], cell.count) }
        }
        var chosen = zip(natural, layout.columns).map { min($0, $1.maxWidth) }
        // Shrink the widest columns until the table fits (never below the header or 6 characters).
        let separators = 2 * (chosen.count - 1)
        while chosen.reduce(0, +) + separators > width {
            guard let widest = chosen.indices.max(by: { chosen[$0] < chosen[$1] }),
                chosen[widest] > max(6, layout.columns[widest].header.count)
            else { break }
            chosen[widest] -= 1
        }
        widths = chosen
        try output.append(line(layout.columns.map(\.header), header: true))
        try output.append(chosen.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n")
        for row in pending { try output.append(line(row)) }
        pending = []
    }

    private func line(_ cells: [String], header: Bool = false) -> String {
        let widths = widths ?? []
        var parts: [String] = []
        for (index, cell) in cells.enumerated() {
            let width = widths[index]
            var text = cell.count > width ? String(cell.prefix(max(width - 1, 0))) + "…" : cell
            let padding = String(repeating: " ", count: width - text.count)
            let right = layout.columns[index].alignRight && !header
            let isLast = index == cells.count - 1
            if color, !header, layout.columns[index].header == "SEVERITY", let code = Self.colors[cell] {
                text = "\u{1B}[\(code)m\(text)\u{1B}[0m"
            }
            parts.append(right ? padding + text : (isLast ? text : text + padding))
        }
        var result = parts.joined(separator: "  ")
        while result.hasSuffix(" ") { result.removeLast() }
        return result + "\n"
    }

    private static var colors: [String: String] { ["critical": "1;31", "high": "31", "medium": "33", "low": "36", "info": "2"] }

    private static func clean(_ cell: String) -> String {
        String(cell.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
