import SiftCore

extension ExportSchema where Record == FindingRecord {
    /// The fields of a findings export. The finding fields of ARCHITECTURE.md, then `confidence`
    /// and `historical`; with ``ExportOptions/deduplicated`` `firstVersion`, `lastVersion`,
    /// `versionCount`; with ``ExportOptions/reviews`` `reviewedBy`, `reviewedWhen`,
    /// `reviewScope`, `reviewComment`. `matchText`, `secret` and `line` are redacted unless
    /// ``ExportOptions/plaintext``.
    public static func findings(_ options: ExportOptions) -> ExportSchema<FindingRecord> {
        var names = [
            "ruleName", "severity", "matchText", "secret", "spaceKey", "contentId", "versionContentId", "contentType",
            "title", "version", "createdWhen", "part", "attachmentName", "lineNumber", "line", "startOffset",
            "endOffset", "reviewed", "fingerprint", "path", "confidence", "historical",
        ]
        if options.deduplicated { names += ["firstVersion", "lastVersion", "versionCount"] }
        if options.reviews { names += ["reviewedBy", "reviewedWhen", "reviewScope", "reviewComment"] }
        let cache = RedactionIndex.Cache()
        let values: @Sendable (FindingRecord) -> [FieldValue] = { record in
            let finding = record.finding
            let p = finding.provenance
            let shown = Redaction.fields(of: record, plaintext: options.plaintext, cache: cache)
            var row: [FieldValue] = [
                .string(finding.ruleName), .string(finding.severity.rawValue), .string(shown.matchText),
                FieldValue(shown.secret), FieldValue(p.spaceKey), FieldValue(p.contentId), FieldValue(p.versionContentId),
                .string(p.contentType.rawValue), FieldValue(p.title), FieldValue(p.version), FieldValue(p.createdWhen),
                FieldValue(finding.part?.description), FieldValue(p.attachmentName), .int(finding.lineNumber),
                .string(shown.line), .int(finding.startOffset), .int(finding.endOffset), .bool(finding.reviewed),
                .string(finding.fingerprint), FieldValue(p.path), .string(finding.confidence.rawValue),
                .bool(p.isHistorical),
            ]
            if options.deduplicated {
                row += [FieldValue(record.versions?.first), FieldValue(record.versions?.last), FieldValue(record.versions?.count)]
            }
            if options.reviews {
                let review = record.review
                row += [
                    FieldValue(review?.reviewedBy), FieldValue(review?.reviewedWhen),
                    FieldValue(review.map { $0.scope.spaceKey.map { "space:\($0)" } ?? "global" }),
                    FieldValue(review?.comment),
                ]
            }
            return row
        }

        var columns: [TableLayout<FindingRecord>.Column] = [
            .init(header: "SEVERITY", maxWidth: 8), .init(header: "RULE", maxWidth: 28),
            .init(header: "LOCATION", maxWidth: 44), .init(header: "LINE", maxWidth: 6, alignRight: true),
            .init(header: "MATCH", maxWidth: 40),
        ]
        if options.deduplicated { columns.append(.init(header: "VERSIONS", maxWidth: 14)) }
        columns.append(options.reviews ? .init(header: "REVIEWED BY", maxWidth: 36) : .init(header: "REVIEWED", maxWidth: 8))
        let cells: @Sendable (FindingRecord) -> [String] = { record in
            let finding = record.finding
            let shown = Redaction.fields(of: record, plaintext: options.plaintext, cache: cache)
            var row = [
                finding.severity.rawValue, finding.ruleName, location(of: finding.provenance), String(finding.lineNumber),
                shown.matchText,
            ]
            if options.deduplicated { row.append(versions(record.versions)) }
            if options.reviews {
                row.append([record.review?.reviewedBy, record.review?.reviewedWhen].compactMap { $0 }.joined(separator: " "))
            } else {
                row.append(finding.reviewed ? "yes" : "")
            }
            return row
        }
        return ExportSchema(fieldNames: names, values: values, table: TableLayout(columns: columns, cells: cells))
    }

    /// `SPACE › Title v3` for Confluence content (`› file.pdf` for attachments), the path for files.
    static func location(of p: Provenance) -> String {
        if p.contentType == .file { return p.path ?? p.title ?? "" }
        var text = [p.spaceKey, p.title].compactMap { $0 }.joined(separator: " › ")
        if let version = p.version { text += " v\(version)" }
        if let name = p.attachmentName, name != p.title { text += " › \(name)" }
        return text
    }

    /// `v1–v3 (3)`, or `v2` when the match is in one version.
    static func versions(_ range: VersionRange?) -> String {
        guard let range else { return "" }
        switch (range.first, range.last) {
        case (let first?, let last?) where first == last: return "v\(first)"
        case (let first?, let last?): return "v\(first)–v\(last) (\(range.count))"
        default: return "(\(range.count))"
        }
    }
}
