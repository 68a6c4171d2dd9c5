/// The output formats of findings and other records.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// A readable table for a terminal.
    case pretty
    /// JSON Lines: one object per line.
    case jsonl
    /// One JSON array.
    case json
    /// CSV with the documented header.
    case csv
    /// SARIF 2.1.0 (findings only).
    case sarif
}
