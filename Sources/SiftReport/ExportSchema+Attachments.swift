import SiftCore

extension ExportSchema where Record == AttachmentScanRecord {
    /// The fields of the attachment scan information export: which attachment version, what was
    /// done with it (`status`: scanned, partial, skipped, failed) and why (`reason`).
    public static var attachments: ExportSchema<AttachmentScanRecord> {
        let names = [
            "spaceKey", "contentId", "versionContentId", "containerId", "title", "version", "createdWhen", "historical",
            "fileName", "size", "declaredType", "detectedType", "status", "reason", "detail", "textBytes",
            "durationMilliseconds",
        ]
        let values: @Sendable (AttachmentScanRecord) -> [FieldValue] = { record in
            let p = record.provenance
            return [
                FieldValue(p.spaceKey), FieldValue(p.contentId), FieldValue(p.versionContentId), FieldValue(p.containerId),
                FieldValue(p.title), FieldValue(p.version), FieldValue(p.createdWhen), .bool(p.isHistorical),
                .string(record.fileName), .int(record.size), FieldValue(record.declaredType),
                FieldValue(record.detectedType), .string(record.status.rawValue), FieldValue(record.reason?.rawValue),
                FieldValue(record.detail), .int(record.textBytes), .double(record.durationMilliseconds),
            ]
        }
        let columns: [TableLayout<AttachmentScanRecord>.Column] = [
            .init(header: "STATUS", maxWidth: 8), .init(header: "REASON", maxWidth: 24), .init(header: "SPACE", maxWidth: 12),
            .init(header: "FILE", maxWidth: 40), .init(header: "VERSION", maxWidth: 7, alignRight: true),
            .init(header: "SIZE", maxWidth: 12, alignRight: true), .init(header: "TYPE", maxWidth: 12),
            .init(header: "TEXT", maxWidth: 12, alignRight: true),
        ]
        let cells: @Sendable (AttachmentScanRecord) -> [String] = { record in
            [
                record.status.rawValue, record.reason?.rawValue ?? "", record.provenance.spaceKey ?? "", record.fileName,
                record.provenance.version.map(String.init) ?? "", String(record.size), record.detectedType ?? "",
                String(record.textBytes),
            ]
        }
        return ExportSchema(fieldNames: names, values: values, table: TableLayout(columns: columns, cells: cells))
    }
}
