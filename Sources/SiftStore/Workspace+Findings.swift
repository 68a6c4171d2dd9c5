import GRDB
import SiftCore

extension Workspace {
    /// One page of findings, as `GET scan/space/{key}?page=&size=&reviewed=` and
    /// `GET scan/content/{id}?createdWhen=&reviewed=&page=&size=` return them.
    ///
    /// - Parameters:
    ///   - filter: space or content, and the `reviewed` switch (`nil`: both).
    ///   - page: 0-based page number.
    ///   - size: results per page; `nil` for all of them (then `page` must be 0).
    ///   - dedupe: one result per match text in a content's history, with its version range.
    /// - Returns: the page, in the stable order described in the output-format docs, with the
    ///   total number of results.
    public func findings(_ filter: FindingFilter, page: Int = 0, size: Int? = nil, dedupe: Bool = false) throws(StoreError) -> FindingPage {
        guard page >= 0, (size ?? 1) > 0, size != nil || page == 0 else {
            throw StoreError(code: "invalid-argument", "page must be 0 or more and size 1 or more (page \(page), size \(size.map(String.init) ?? "all"))")
        }
        let query = FindingQuery(filter: filter, dedupe: dedupe)
        return try reading { db in
            let (countSQL, countArguments) = query.countSQL()
            let total = try Int.fetchOne(db, sql: countSQL, arguments: countArguments) ?? 0
            let (sql, arguments) = query.sql(limit: size, offset: page * (size ?? 0))
            var sensitive = FindingQuery.SensitiveStrings()
            let statement = try db.makeStatement(sql: sql)
            let columns = FindingQuery.Columns(statement.columnNames)
            let records = try Row.fetchAll(statement, arguments: arguments).map { row in
                try FindingQuery.record(from: row, columns: columns, in: db, sensitive: &sensitive)
            }
            return FindingPage(records: records, page: page, size: size, total: total)
        }
    }

    /// Streams every finding that matches `filter` to `body`, in the stable order, from one
    /// consistent snapshot of the workspace (writers are not blocked). For exports: memory stays
    /// flat however many findings there are.
    ///
    /// - Parameter dedupe: one result per match text in a content's history (the export's
    ///   `deduplicate` parameter, which overrides the `deduplicateExports` setting).
    public func forEachFinding(
        _ filter: FindingFilter = FindingFilter(), dedupe: Bool = false, _ body: (FindingRecord) throws -> Void
    ) throws {
        let (sql, arguments) = FindingQuery(filter: filter, dedupe: dedupe).sql()
        do {
            try pool.read { db in
                let statement = try db.makeStatement(sql: sql)
                let columns = FindingQuery.Columns(statement.columnNames)
                let rows = try Row.fetchCursor(statement, arguments: arguments)
                var sensitive = FindingQuery.SensitiveStrings()
                while let row = try rows.next() {
                    try body(try FindingQuery.record(from: row, columns: columns, in: db, sensitive: &sensitive))
                }
            }
        } catch let error as DatabaseError {
            throw Self.storeError(error)
        }
    }

    /// Streams the attachment scan records of a space (or of every space when `spaceKey` is
    /// `nil`), ordered by space, attachment content id, version and file name.
    public func forEachAttachmentRecord(spaceKey: String? = nil, _ body: (AttachmentScanRecord) throws -> Void) throws {
        var sql = """
            SELECT a.*, cv.spaceKey, cv.spaceName, cv.contentId, cv.versionContentId, cv.contentType, cv.title,
              cv.version, cv.createdWhen, cv.isHistorical, cv.status AS contentStatus, cv.containerId,
              cv.attachmentName, cv.path
            FROM attachmentRecord a JOIN contentVersion cv ON cv.id = a.contentVersionId
            """
        var arguments = StatementArguments()
        if let spaceKey {
            sql += " WHERE cv.spaceKey = ?"
            arguments += [spaceKey]
        }
        sql += " ORDER BY cv.spaceKey, cv.keyContentId, cv.version, cv.keyVersion, a.fileName, a.id"
        do {
            try pool.read { db in
                let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
                while let row = try rows.next() {
                    let space: String = row["spaceKey"]
                    let provenance = Provenance(
                        spaceKey: space.isEmpty ? nil : space, spaceName: row["spaceName"], contentId: row["contentId"],
                        versionContentId: row["versionContentId"], contentType: ContentType(rawValue: row["contentType"]),
                        title: row["title"], version: row["version"], createdWhen: row["createdWhen"],
                        isHistorical: row["isHistorical"], status: row["contentStatus"], containerId: row["containerId"],
                        attachmentName: row["attachmentName"], path: row["path"])
                    let status: String = row["status"]
                    let reason: String? = row["reason"]
                    try body(
                        AttachmentScanRecord(
                            provenance: provenance, fileName: row["fileName"], size: row["size"],
                            declaredType: row["declaredType"], detectedType: row["detectedType"],
                            status: AttachmentScanRecord.Status(rawValue: status) ?? .failed,
                            reason: reason.map(AttachmentScanRecord.Reason.init(rawValue:)), detail: row["detail"],
                            textBytes: row["textBytes"], durationMilliseconds: row["durationMilliseconds"]))
                }
            }
        } catch let error as DatabaseError {
            throw Self.storeError(error)
        }
    }
}

extension Workspace {
    /// The keys of the spaces with scanned content, in ascending order (plain files belong to the
    /// space with the empty key, which is not listed).
    public func spaceKeys() throws(StoreError) -> [String] {
        try reading { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT spaceKey FROM contentVersion WHERE spaceKey <> '' ORDER BY spaceKey")
        }
    }
}
