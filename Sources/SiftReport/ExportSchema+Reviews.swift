import SiftCore

extension ExportSchema where Record == Review {
    /// The fields of a review list: `matchText,ruleName,reviewedBy,reviewedWhen,comment`, the
    /// format global reviewed false positives are imported from, so a plaintext export of global
    /// reviews imports back as is. Unless `plaintext`, `matchText` is redacted (and the file is
    /// then for reading, not for importing).
    public static func reviews(plaintext: Bool) -> ExportSchema<Review> {
        let names = ["matchText", "ruleName", "reviewedBy", "reviewedWhen", "comment"]
        let values: @Sendable (Review) -> [FieldValue] = { review in
            [
                .string(plaintext ? review.matchText : Redaction.redact(review.matchText)), .string(review.ruleName),
                FieldValue(review.reviewedBy), FieldValue(review.reviewedWhen), FieldValue(review.comment),
            ]
        }
        let columns: [TableLayout<Review>.Column] = [
            .init(header: "SCOPE", maxWidth: 16), .init(header: "RULE", maxWidth: 28), .init(header: "MATCH", maxWidth: 40),
            .init(header: "BY", maxWidth: 16), .init(header: "WHEN", maxWidth: 24), .init(header: "COMMENT", maxWidth: 40),
        ]
        let cells: @Sendable (Review) -> [String] = { review in
            [
                review.scope.spaceKey ?? "global", review.ruleName,
                plaintext ? review.matchText : Redaction.redact(review.matchText), review.reviewedBy ?? "",
                review.reviewedWhen ?? "", review.comment ?? "",
            ]
        }
        return ExportSchema(fieldNames: names, values: values, table: TableLayout(columns: columns, cells: cells))
    }
}
