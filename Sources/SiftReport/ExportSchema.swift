/// The fields of one kind of export, in their documented, stable order: the CSV header, the
/// JSON Lines member names, and the columns of the terminal table.
///
/// Schemas: ``findings(_:)`` (findings, deduplicated or not, or reviewed false positives),
/// ``attachments`` (attachment scan information) and ``reviews(plaintext:)`` (review lists, in
/// the format global reviews are imported from).
public struct ExportSchema<Record>: Sendable {
    /// The field names: the CSV header and the JSON Lines members, in order.
    public let fieldNames: [String]
    let values: @Sendable (Record) -> [FieldValue]
    let table: TableLayout<Record>
}

/// The columns of a terminal table: a header, a maximum width and the cell text of each.
struct TableLayout<Record>: Sendable {
    struct Column: Sendable {
        var header: String
        var maxWidth: Int
        var alignRight = false
    }

    var columns: [Column]
    var cells: @Sendable (Record) -> [String]
}
