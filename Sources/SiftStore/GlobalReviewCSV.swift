import SiftCore

/// The CSV format of global reviewed false positives (and of review lists in general).
///
/// UTF-8 (a byte-order mark is allowed), RFC 4180: comma-separated, fields with commas, quotes or
/// line breaks quoted with `"`, a quote inside a quoted field doubled. The first record is the
/// header; its columns may come in any order:
///
/// | column | required | meaning |
/// |---|---|---|
/// | `matchText` | yes | the exact matched string to hide (not empty) |
/// | `ruleName` | yes | the rule whose matches to hide, e.g. `AWS_CLIENT_ID` (not empty) |
/// | `reviewedBy` | no | who reviewed; empty: the importing user |
/// | `reviewedWhen` | no | ISO 8601 with offset (`2024-05-01T09:30:00Z`); empty: the time of import |
/// | `comment` | no | free text |
///
/// Any other column, a repeated column, a record with a different number of fields than the
/// header, an empty `matchText` or `ruleName`, a bad `reviewedWhen`, a stray quote or invalid
/// UTF-8 rejects the whole file with the line and column of the problem. Empty lines are skipped.
public enum GlobalReviewCSV {
    /// The header Sift writes, in this order.
    public static let columns = ["matchText", "ruleName", "reviewedBy", "reviewedWhen", "comment"]
    static let required = ["matchText", "ruleName"]

    /// Parses a reviews CSV into global reviews (``Review/Scope/global``). Missing `reviewedBy` and
    /// `reviewedWhen` are left `nil` for the importer to fill.
    ///
    /// - Parameter file: the file name, for error locations.
    /// - Throws: ``StoreError`` `csv-invalid` with the file, line and column of the first problem.
    public static func parse(_ bytes: [UInt8], file: String? = nil) throws(StoreError) -> [Review] {
        let records = try CSVReader.read(bytes, file: file)
        func fail(_ message: String, _ line: Int, _ column: Int) -> StoreError {
            StoreError(code: "csv-invalid", message, at: SourceLocation(file: file, line: line, column: column))
        }
        guard let header = records.first else {
            throw fail("the file is empty: expected a header with at least matchText,ruleName", 1, 1)
        }
        var index: [String: Int] = [:]
        for (position, field) in header.fields.enumerated() {
            let name = field.value
            guard columns.contains(name) else {
                throw fail(
                    "unknown column \"\(name)\" (expected \(columns.joined(separator: ", ")))", field.line, field.column)
            }
            guard index[name] == nil else { throw fail("column \"\(name)\" appears twice", field.line, field.column) }
            index[name] = position
        }
        for name in required where index[name] == nil {
            let end = header.fields.last.map { $0.column + $0.value.unicodeScalars.count } ?? 1
            throw fail("the header lacks the required column \"\(name)\"", header.line, end)
        }
        var reviews: [Review] = []
        reviews.reserveCapacity(records.count - 1)
        for record in records.dropFirst() {
            guard record.fields.count == header.fields.count else {
                let field = record.fields.count > header.fields.count ? record.fields[header.fields.count] : record.fields.last!
                let column = record.fields.count > header.fields.count ? field.column : field.column + field.value.unicodeScalars.count
                throw fail(
                    "expected \(header.fields.count) fields as in the header, found \(record.fields.count)", field.line, column)
            }
            func value(_ name: String) -> CSVReader.Field? { index[name].map { record.fields[$0] } }
            let matchText = value("matchText")!
            let ruleName = value("ruleName")!
            guard !matchText.value.isEmpty else { throw fail("matchText is empty", matchText.line, matchText.column) }
            guard !ruleName.value.isEmpty else { throw fail("ruleName is empty", ruleName.line, ruleName.column) }
            var when: String?
            if let field = value("reviewedWhen"), !field.value.isEmpty {
                guard Timestamp.isValid(field.value) else {
                    throw fail(
                        "reviewedWhen \"\(field.value)\" is not an ISO 8601 date-time with offset (e.g. 2024-05-01T09:30:00Z)",
                        field.line, field.column)
                }
                when = field.value
            }
            let by = value("reviewedBy").flatMap { $0.value.isEmpty ? nil : $0.value }
            let comment = value("comment").flatMap { $0.value.isEmpty ? nil : $0.value }
            reviews.append(
                Review(
                    matchText: matchText.value, ruleName: ruleName.value, scope: .global, reviewedBy: by,
                    reviewedWhen: when, comment: comment))
        }
        return reviews
    }
}
