import Foundation
import GRDB
import SiftCore

extension Workspace {
    /// Remembers that `input` was read to its end and every content version it gave is recorded:
    /// `versions` are their keys (scanned now or found unchanged), `diagnostics` what the reader
    /// reported. Replaces an earlier record of the same path, scope, rules and settings. One
    /// transaction: a process killed before it commits leaves no record, so an interrupted reading is
    /// never taken for a complete one.
    ///
    /// Call it only after the versions' results are recorded (``record(_:scan:now:)``,
    /// ``touch(_:scan:)``) and only if the input did not change while it was read.
    public func recordCompletedInput(
        _ input: InputRecord, versions: [ContentVersionKey], diagnostics: [Diagnostic] = [], scan: ScanID,
        now: Date = Date()
    ) throws(StoreError) {
        let encoded: String?
        if diagnostics.isEmpty {
            encoded = nil
        } else {
            do {
                encoded = String(decoding: try JSONEncoder().encode(diagnostics), as: UTF8.self)
            } catch {
                throw StoreError(code: "database-error", "cannot encode the diagnostics: \(error)")
            }
        }
        let versions = Set(versions)
        try writing { db in
            // The same reading recorded before (a rescan): its row is rewritten and its versions
            // brought up to date, not deleted (a cascade over every version) and inserted again.
            let earlier = try Int64.fetchOne(
                db,
                sql: "SELECT id FROM inputScan WHERE path = ? AND scope = ? AND ruleSetFingerprint = ? AND settingsFingerprint = ?",
                arguments: [input.path, input.scope, input.ruleSetFingerprint, input.settingsFingerprint])
            let id: Int64
            var added = versions
            if let earlier {
                id = earlier
                try db.execute(
                    sql: "UPDATE inputScan SET state = ?, scanId = ?, completedWhen = ?, versions = ?, diagnostics = ? WHERE id = ?",
                    arguments: [input.state, scan.rawValue, Timestamp.string(now), versions.count, encoded, id])
                let select = try db.cachedStatement(sql: "SELECT keyContentId, keyVersion FROM inputVersion WHERE inputScanId = ?")
                let delete = try db.cachedStatement(
                    sql: "DELETE FROM inputVersion WHERE inputScanId = ? AND keyContentId = ? AND keyVersion = ?")
                var gone: [ContentVersionKey] = []
                try StatementBinder.query(select, in: db) { $0.bind(id) } row: { columns in
                    let key = ContentVersionKey(contentId: columns.text(0) ?? "", version: columns.text(1) ?? "")
                    if added.remove(key) == nil { gone.append(key) }
                }
                for key in gone {
                    try StatementBinder.execute(delete, in: db) {
                        $0.bind(id)
                        $0.bind(key.contentId)
                        $0.bind(key.version)
                    }
                }
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO inputScan (path, state, scope, ruleSetFingerprint, settingsFingerprint, scanId, completedWhen,
                        versions, diagnostics) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [input.path, input.state, input.scope, input.ruleSetFingerprint, input.settingsFingerprint,
                                scan.rawValue, Timestamp.string(now), versions.count, encoded])
                id = db.lastInsertedRowID
            }
            // A hundred rows per statement: a source tree gives thousands of versions, and one
            // statement per row cost more in SQLite's per-statement work than in the rows'.
            let keys = Array(added)
            let width = 100
            for start in stride(from: 0, to: keys.count, by: width) {
                let chunk = keys[start..<min(start + width, keys.count)]
                let statement = try db.cachedStatement(
                    sql: "INSERT OR IGNORE INTO inputVersion (inputScanId, keyContentId, keyVersion) VALUES "
                        + Array(repeating: "(?, ?, ?)", count: chunk.count).joined(separator: ", "))
                try StatementBinder.execute(statement, in: db) { binder in
                    for key in chunk {
                        binder.bind(id)
                        binder.bind(key.contentId)
                        binder.bind(key.version)
                    }
                }
            }
        }
    }

    /// Reuses an earlier complete reading of `input` instead of reading it again: if one was recorded
    /// with every field of `input` equal, and every content version it gave is still recorded with the
    /// same rule set and settings, those versions are marked covered by `scan` (as ``touch(_:scan:)``
    /// does) and the reading is returned. Otherwise returns `nil` and changes nothing: the caller
    /// reads the input.
    ///
    /// The check and the marking are one transaction.
    public func reuseCompletedInput(_ input: InputRecord, scan: ScanID) throws(StoreError) -> CompletedInput? {
        try writing { db -> CompletedInput? in
            guard let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT id, scanId, completedWhen, versions, diagnostics FROM inputScan WHERE path = ? AND state = ?
                    AND scope = ? AND ruleSetFingerprint = ? AND settingsFingerprint = ?
                    """,
                arguments: [input.path, input.state, input.scope, input.ruleSetFingerprint, input.settingsFingerprint])
            else { return nil }
            let id: Int64 = row["id"]
            // A version since rescanned with other rules or settings, or replaced (a plain file's
            // newer version), would give other findings than the earlier reading: read again.
            let stale = try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS(SELECT 1 FROM inputVersion iv LEFT JOIN contentVersion cv
                    ON cv.keyContentId = iv.keyContentId AND cv.keyVersion = iv.keyVersion
                    WHERE iv.inputScanId = ? AND (cv.id IS NULL OR cv.ruleSetFingerprint != ? OR cv.settingsFingerprint != ?))
                    """,
                arguments: [id, input.ruleSetFingerprint, input.settingsFingerprint]) ?? true
            if stale { return nil }
            try db.execute(
                sql: """
                    UPDATE contentVersion SET scanId = ? WHERE id IN (SELECT cv.id FROM inputVersion iv JOIN contentVersion cv
                    ON cv.keyContentId = iv.keyContentId AND cv.keyVersion = iv.keyVersion WHERE iv.inputScanId = ?)
                    """,
                arguments: [scan.rawValue, id])
            var diagnostics: [Diagnostic] = []
            if let text: String = row["diagnostics"] {
                diagnostics = (try? JSONDecoder().decode([Diagnostic].self, from: Data(text.utf8))) ?? []
            }
            let scanID: Int64? = row["scanId"]
            return CompletedInput(
                scan: scanID.map(ScanID.init), completedWhen: row["completedWhen"], versions: row["versions"],
                diagnostics: diagnostics)
        }
    }

    /// Every recorded complete reading of the input at `path`, newest first (for tests and tools).
    public func completedInputs(path: String) throws(StoreError) -> [CompletedInput] {
        try reading { db in
            try Row.fetchAll(
                db, sql: "SELECT scanId, completedWhen, versions FROM inputScan WHERE path = ? ORDER BY completedWhen DESC, id DESC",
                arguments: [path]
            ).map { row in
                let scanID: Int64? = row["scanId"]
                return CompletedInput(scan: scanID.map(ScanID.init), completedWhen: row["completedWhen"], versions: row["versions"])
            }
        }
    }
}
