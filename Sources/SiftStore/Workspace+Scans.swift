import Foundation
import GRDB
import SiftCore

extension Workspace {
    /// Starts a scan, or resumes an interrupted one.
    ///
    /// When an incomplete scan of the same scope with the same fingerprints exists (a run that was
    /// killed or crashed), that scan is resumed: its id is returned and its ``ScanRecord/resumeCount``
    /// grows. The scanner then skips every content version ``isScanned(_:ruleSetFingerprint:settingsFingerprint:)``
    /// reports, so the new run completes the old one. Otherwise a new scan is created.
    public func beginScan(
        scope: ScanScope, ruleSetFingerprint: String, settingsFingerprint: String, now: Date = Date()
    ) throws(StoreError) -> ScanID {
        try writing { db in
            if var open = try ScanRow.fetchOne(
                db,
                sql: """
                    SELECT * FROM scan WHERE finishedWhen IS NULL AND scope = ? AND ruleSetFingerprint = ?
                    AND settingsFingerprint = ? ORDER BY id DESC LIMIT 1
                    """,
                arguments: [scope.rawValue, ruleSetFingerprint, settingsFingerprint])
            {
                open.resumeCount += 1
                try open.update(db)
                return ScanID(open.id ?? 0)
            }
            let row = ScanRow(
                id: nil, scope: scope.rawValue, ruleSetFingerprint: ruleSetFingerprint,
                settingsFingerprint: settingsFingerprint, startedWhen: Timestamp.string(now), finishedWhen: nil,
                resumeCount: 0, versionsRecorded: 0, findingsRecorded: 0)
            try row.insert(db)
            return ScanID(db.lastInsertedRowID)
        }
    }

    /// Marks a scan complete.
    public func finishScan(_ id: ScanID, now: Date = Date()) throws(StoreError) {
        let changed = try writing { db in
            try db.execute(
                sql: "UPDATE scan SET finishedWhen = ? WHERE id = ?", arguments: [Timestamp.string(now), id.rawValue])
            return db.changesCount
        }
        if changed == 0 { throw StoreError(code: "unknown-scan", "no scan \(id) in this workspace") }
    }

    /// One scan, if it exists.
    public func scan(_ id: ScanID) throws(StoreError) -> ScanRecord? {
        try reading { db in try ScanRow.fetchOne(db, key: id.rawValue)?.record }
    }

    /// Every scan, oldest first.
    public func scans() throws(StoreError) -> [ScanRecord] {
        try reading { db in try ScanRow.order(Column("id")).fetchAll(db).map(\.record) }
    }

    /// The scans that never finished: interrupted, or running in another process.
    public func incompleteScans() throws(StoreError) -> [ScanRecord] {
        try reading { db in
            try ScanRow.filter(Column("finishedWhen") == nil).order(Column("id")).fetchAll(db).map(\.record)
        }
    }

    /// Whether a content version is already recorded with the same rule set and settings: the
    /// offline meaning of `autoScan` (rescan only what changed or what new rules could find).
    public func isScanned(
        _ key: ContentVersionKey, ruleSetFingerprint: String, settingsFingerprint: String
    ) throws(StoreError) -> Bool {
        try reading { db in
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS(SELECT 1 FROM contentVersion WHERE keyContentId = ? AND keyVersion = ?
                    AND ruleSetFingerprint = ? AND settingsFingerprint = ?)
                    """,
                arguments: [key.contentId, key.version, ruleSetFingerprint, settingsFingerprint]) ?? false
        }
    }

    /// Every content version recorded with this rule set and settings, for a scanner that checks
    /// many keys: one query instead of one per version.
    public func scannedVersions(ruleSetFingerprint: String, settingsFingerprint: String) throws(StoreError) -> Set<ContentVersionKey> {
        try reading { db in
            var keys = Set<ContentVersionKey>()
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT keyContentId, keyVersion FROM contentVersion WHERE ruleSetFingerprint = ? AND settingsFingerprint = ?",
                arguments: [ruleSetFingerprint, settingsFingerprint])
            while let row = try rows.next() {
                keys.insert(ContentVersionKey(contentId: row[0], version: row[1]))
            }
            return keys
        }
    }

    /// Records a batch of scanned content versions in one transaction.
    ///
    /// Each version replaces what was recorded for the same ``ContentVersionKey`` before (its
    /// findings and attachment records), tagged with the scan's fingerprints; for plain files it
    /// also replaces the older versions of the same path. Either the whole batch is recorded or,
    /// if the process dies or an error is thrown, none of it.
    public func record(_ batch: [ContentVersionResult], scan: ScanID, now: Date = Date()) throws(StoreError) {
        guard !batch.isEmpty else { return }
        let stamp = Timestamp.string(now)
        try writing { db in
            // A cached statement for the scan's fingerprints: GRDB's record fetch by key looked up
            // the table's primary key at every batch.
            let fingerprints = try db.cachedStatement(sql: "SELECT ruleSetFingerprint, settingsFingerprint FROM scan WHERE id = ?")
            guard let scanRow = try Row.fetchOne(fingerprints, arguments: [scan.rawValue]) else {
                throw StoreError(code: "unknown-scan", "no scan \(scan) in this workspace")
            }
            let ruleSetFingerprint: String = scanRow[0]
            let settingsFingerprint: String = scanRow[1]
            // Prepared once per connection and reused: a statement prepared per row cost more than
            // the rows' own work (the authorizer and region tracking run at every prepare).
            let deleteFile = try db.cachedStatement(sql: "DELETE FROM contentVersion WHERE keyContentId = ?")
            let insertVersion = try db.cachedStatement(sql: ContentVersionRow.insertSQL)
            let insertFinding = try db.cachedStatement(sql: FindingRow.insertSQL)
            let updateVersion = try db.cachedStatement(sql: ContentVersionRow.updateSQL)
            let updateInPlace = try db.cachedStatement(sql: ContentVersionRow.updateInPlaceSQL)
            let deleteFindings = try db.cachedStatement(sql: "DELETE FROM finding WHERE contentVersionId = ?")
            let insertAttachment = try db.cachedStatement(sql: AttachmentRow.insertSQL)
            let updateAttachment = try db.cachedStatement(sql: AttachmentRow.updateSQL)
            let deleteAttachment = try db.cachedStatement(sql: "DELETE FROM attachmentRecord WHERE id = ?")
            // Each key made once: a file's key is a new string (`sha256:` and its hash) at every call.
            let keys = batch.map(\.key)
            var recorded = try RecordedVersions(of: keys, in: db)
            var findings = 0
            for (result, key) in zip(batch, keys) {
                let version = ContentVersionRow(
                    result, key: key, scan: scan, ruleSetFingerprint: ruleSetFingerprint,
                    settingsFingerprint: settingsFingerprint, now: stamp)
                let versionID: Int64
                // The attachment records the version had: rewritten in place, in order, by the new ones.
                var earlierRecords: [Int64] = []
                // The same version recorded before, and nothing else under its content id for a
                // file (whose older versions go): its row is rewritten, its findings and records
                // replaced. Same rows as a delete and an insert give, but for the rows' ids.
                if let row = recorded.row(of: key), result.provenance.contentType != .file || recorded.count(of: key.contentId) == 1 {
                    let indexed = row.spaceKey != version.spaceKey || row.contentId != version.contentId
                    try StatementBinder.execute(indexed ? updateVersion : updateInPlace, in: db) {
                        version.bindUpdate(of: row.id, indexedColumns: indexed, to: &$0)
                    }
                    if row.hasFindings {
                        try StatementBinder.execute(deleteFindings, in: db) { $0.bind(row.id) }
                    }
                    earlierRecords = row.attachmentRecords
                    if indexed {
                        var moved = row
                        moved.spaceKey = version.spaceKey
                        moved.contentId = version.contentId
                        recorded.inserted(key, moved)
                    }
                    versionID = row.id
                } else {
                    // A plain file keeps one version: the older ones (or this one among them) go.
                    if result.provenance.contentType == .file, recorded.count(of: key.contentId) > 0 {
                        try StatementBinder.execute(deleteFile, in: db) { $0.bind(key.contentId) }
                        recorded.deletedAll(of: key.contentId)
                    }
                    try StatementBinder.execute(insertVersion, in: db) { version.bind(to: &$0) }
                    versionID = db.lastInsertedRowID
                    recorded.inserted(
                        key,
                        .init(id: versionID, spaceKey: version.spaceKey, contentId: version.contentId, hasFindings: false,
                              attachmentRecords: []))
                }
                for finding in result.findings {
                    let row = try FindingRow(finding, contentVersionId: versionID)
                    try StatementBinder.execute(insertFinding, in: db) { row.bind(to: &$0) }
                }
                var records: [Int64] = []
                records.reserveCapacity(result.attachments.count)
                for (index, attachment) in result.attachments.enumerated() {
                    let row = AttachmentRow(attachment, contentVersionId: versionID)
                    if index < earlierRecords.count {
                        try StatementBinder.execute(updateAttachment, in: db) { row.bindUpdate(of: earlierRecords[index], to: &$0) }
                        records.append(earlierRecords[index])
                    } else {
                        try StatementBinder.execute(insertAttachment, in: db) { row.bind(to: &$0) }
                        records.append(db.lastInsertedRowID)
                    }
                }
                for id in earlierRecords.dropFirst(result.attachments.count) {
                    try StatementBinder.execute(deleteAttachment, in: db) { $0.bind(id) }
                }
                recorded.rewrote(key, hasFindings: !result.findings.isEmpty, attachmentRecords: records)
                findings += result.findings.count
            }
            try db.execute(
                sql: "UPDATE scan SET versionsRecorded = versionsRecorded + ?, findingsRecorded = findingsRecorded + ? WHERE id = ?",
                arguments: [batch.count, findings, scan.rawValue])
        }
    }

    /// Marks content versions found unchanged (already scanned with the same rules) as covered by
    /// `scan`, so that the scan's results include their findings. One transaction.
    public func touch(_ keys: [ContentVersionKey], scan: ScanID) throws(StoreError) {
        guard !keys.isEmpty else { return }
        try writing { db in
            let update = try db.cachedStatement(
                sql: "UPDATE contentVersion SET scanId = ? WHERE keyContentId = ? AND keyVersion = ?")
            for key in keys {
                try update.execute(arguments: [scan.rawValue, key.contentId, key.version])
            }
        }
    }
}
