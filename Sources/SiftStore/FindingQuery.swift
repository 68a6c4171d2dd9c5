import Foundation
import GRDB
import SiftCore

/// Builds the SQL of finding queries: filter, `reviewed` computed from space and global reviews
/// at query time, optional deduplication, a stable order.
///
/// Order: space key, content, version number, version key, start offset, end offset, rule, row id.
/// Deduplication keeps, for each (space, content, rule, match text), the occurrence in the latest
/// version (lowest offset first) with the first and last version number and the count of versions.
struct FindingQuery {
    var filter: FindingFilter
    var dedupe: Bool

    /// The joins every query shares: a finding, its content version, and the reviews that hide it.
    private static let joins = """
        FROM finding f
        JOIN contentVersion cv ON cv.id = f.contentVersionId
        LEFT JOIN spaceReview sr ON sr.spaceKey = cv.spaceKey AND sr.matchText = f.matchText AND sr.ruleName = f.ruleName
        LEFT JOIN globalReview gr ON gr.matchText = f.matchText AND gr.ruleName = f.ruleName
        """

    /// The narrow rows the order, the filter and deduplication need: sorting and windowing stay
    /// cheap, and the wide columns are read only for the rows returned.
    private static let keys = """
        SELECT f.id AS findingId, f.contentVersionId AS cvId, cv.spaceKey, cv.keyContentId, cv.version, cv.keyVersion,
          f.startOffset, f.endOffset, f.ruleName, f.matchText
        """

    private static let columns = """
        SELECT f.id AS findingId, f.contentVersionId AS cvId, f.ruleName, f.severity, f.confidence, f.matchText,
          f.secret, f.part, f.attachmentName AS findingAttachmentName, f.path AS findingPath, f.lineNumber, f.line,
          f.startOffset, f.endOffset, f.fingerprint, f.evidence,
          cv.keyContentId, cv.keyVersion, cv.spaceKey, cv.spaceName, cv.contentId, cv.versionContentId,
          cv.contentType, cv.title, cv.version, cv.createdWhen, cv.isHistorical, cv.status, cv.containerId,
          cv.attachmentName, cv.path,
          sr.matchText IS NOT NULL AS spaceReviewed, sr.reviewedBy AS spaceReviewedBy,
          sr.reviewedWhen AS spaceReviewedWhen, sr.comment AS spaceReviewComment,
          gr.matchText IS NOT NULL AS globalReviewed, gr.reviewedBy AS globalReviewedBy,
          gr.reviewedWhen AS globalReviewedWhen, gr.comment AS globalReviewComment
        """

    /// The sensitive strings of a content version (see FindingRecord.alsoRedact): read once per
    /// version, not once per finding (a subquery per finding made a file with 5 000 findings take
    /// minutes to list).
    private static let sensitiveStringsSQL = """
        SELECT COALESCE(secret, matchText) FROM finding WHERE contentVersionId = ?1
        UNION
        SELECT json_extract(e.value, '$.matchText') FROM finding f2, json_each(f2.evidence) e
          WHERE f2.contentVersionId = ?1 AND json_extract(e.value, '$.matchText') IS NOT NULL
        """

    /// Reads ``sensitiveStringsSQL`` for the records of one query, remembering the last content
    /// version's (the query's order keeps a version's findings together).
    struct SensitiveStrings {
        private var last: (id: Int64, strings: [String])?

        mutating func of(_ contentVersion: Int64, in db: Database) throws -> [String] {
            if let last, last.id == contentVersion { return last.strings }
            let statement = try db.cachedStatement(sql: FindingQuery.sensitiveStringsSQL)
            let strings = try String?.fetchAll(statement, arguments: [contentVersion]).compactMap { $0 }.sorted()
            last = (contentVersion, strings)
            return strings
        }
    }

    private static let order = "spaceKey, keyContentId, version, keyVersion, startOffset, endOffset, ruleName, findingId"

    private func whereClause() -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let space = filter.spaceKey {
            conditions.append("cv.spaceKey = ?")
            arguments += [space]
        }
        if let content = filter.contentId {
            conditions.append("(cv.contentId = ? OR cv.versionContentId = ? OR cv.keyContentId = ?)")
            arguments += [content, content, content]
        }
        if let when = filter.createdWhen {
            conditions.append("cv.createdWhen = ?")
            arguments += [when]
        }
        if let scan = filter.scan {
            // Always true of a version that has findings; it lets SQLite use the index on scanId,
            // which holds only those versions.
            conditions.append("cv.findingCount > 0 AND cv.scanId = ?")
            arguments += [scan.rawValue]
        }
        if let reviewed = filter.reviewed {
            conditions.append("(sr.matchText IS NOT NULL OR gr.matchText IS NOT NULL) = ?")
            arguments += [reviewed]
        }
        return (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "), arguments)
    }

    /// The ids (and version ranges) of the selected findings, in order: plain or deduplicated.
    private func selection() -> (String, StatementArguments) {
        let (whereSQL, arguments) = whereClause()
        let narrow = Self.keys + "\n" + Self.joins + whereSQL
        guard dedupe else {
            return ("SELECT k.*, NULL AS firstVersion, NULL AS lastVersion, NULL AS versionCount FROM (\(narrow)) k", arguments)
        }
        let sql = """
            SELECT * FROM (
              SELECT x.*,
                ROW_NUMBER() OVER w AS representative, MIN(x.version) OVER w AS firstVersion,
                MAX(x.version) OVER w AS lastVersion, SUM(x.firstInVersion) OVER w AS versionCount
              FROM (
                SELECT k.*, ROW_NUMBER() OVER (PARTITION BY k.cvId, k.ruleName, k.matchText) = 1 AS firstInVersion
                FROM (\(narrow)) k
              ) x
              WINDOW w AS (PARTITION BY x.spaceKey, x.keyContentId, x.ruleName, x.matchText
                ORDER BY x.version DESC, x.keyVersion DESC, x.startOffset, x.findingId
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
            ) WHERE representative = 1
            """
        return (sql, arguments)
    }

    /// The rows of the query, in order, optionally one page of them. The wide columns and the
    /// strings to redact are read for the returned rows only.
    func sql(limit: Int? = nil, offset: Int = 0) -> (String, StatementArguments) {
        let (selected, arguments) = selection()
        var page = "SELECT * FROM (\(selected)) ORDER BY \(Self.order)"
        var allArguments = arguments
        if let limit {
            page += " LIMIT ? OFFSET ?"
            allArguments += [limit, offset]
        }
        let sql = """
            \(Self.columns), p.firstVersion, p.lastVersion, p.versionCount
            FROM (\(page)) p
            JOIN finding f ON f.id = p.findingId
            JOIN contentVersion cv ON cv.id = f.contentVersionId
            LEFT JOIN spaceReview sr ON sr.spaceKey = cv.spaceKey AND sr.matchText = f.matchText AND sr.ruleName = f.ruleName
            LEFT JOIN globalReview gr ON gr.matchText = f.matchText AND gr.ruleName = f.ruleName
            ORDER BY p.spaceKey, p.keyContentId, p.version, p.keyVersion, p.startOffset, p.endOffset, p.ruleName, p.findingId
            """
        return (sql, allArguments)
    }

    /// How many rows the query has.
    func countSQL() -> (String, StatementArguments) {
        let (whereSQL, arguments) = whereClause()
        if dedupe {
            return (
                "SELECT count(*) FROM (SELECT DISTINCT cv.spaceKey, cv.keyContentId, f.ruleName, f.matchText "
                    + "\n" + Self.joins + whereSQL + ")",
                arguments
            )
        }
        return ("SELECT count(*)\n" + Self.joins + whereSQL, arguments)
    }

    /// Where the columns that ``record(from:columns:in:sensitive:)`` reads are in a query's rows,
    /// found once per query: GRDB's lookup by name lowercased and hashed the name at every read,
    /// forty reads per finding (1.4 % of a stdlib scan that lists 1 271 findings).
    struct Columns {
        let spaceKey: Int
        let spaceName: Int
        let contentId: Int
        let versionContentId: Int
        let contentType: Int
        let title: Int
        let version: Int
        let createdWhen: Int
        let isHistorical: Int
        let status: Int
        let containerId: Int
        let findingAttachmentName: Int
        let attachmentName: Int
        let findingPath: Int
        let path: Int
        let evidence: Int
        let spaceReviewed: Int
        let globalReviewed: Int
        let part: Int
        let ruleName: Int
        let severity: Int
        let confidence: Int
        let matchText: Int
        let secret: Int
        let lineNumber: Int
        let line: Int
        let startOffset: Int
        let endOffset: Int
        let fingerprint: Int
        let spaceReviewedBy: Int
        let spaceReviewedWhen: Int
        let spaceReviewComment: Int
        let globalReviewedBy: Int
        let globalReviewedWhen: Int
        let globalReviewComment: Int
        let versionCount: Int
        let firstVersion: Int
        let lastVersion: Int
        let cvId: Int

        /// The positions in `names` (a statement's column names); the first of equal names, as
        /// GRDB takes it.
        init(_ names: [String]) {
            var position: [String: Int] = [:]
            for (index, name) in names.enumerated() where position[name] == nil { position[name] = index }
            // Every name is in the SQL this type builds; a missing one is a programming error.
            func at(_ name: String) -> Int {
                guard let index = position[name] else { preconditionFailure("no column \(name) in the finding query") }
                return index
            }
            spaceKey = at("spaceKey")
            spaceName = at("spaceName")
            contentId = at("contentId")
            versionContentId = at("versionContentId")
            contentType = at("contentType")
            title = at("title")
            version = at("version")
            createdWhen = at("createdWhen")
            isHistorical = at("isHistorical")
            status = at("status")
            containerId = at("containerId")
            findingAttachmentName = at("findingAttachmentName")
            attachmentName = at("attachmentName")
            findingPath = at("findingPath")
            path = at("path")
            evidence = at("evidence")
            spaceReviewed = at("spaceReviewed")
            globalReviewed = at("globalReviewed")
            part = at("part")
            ruleName = at("ruleName")
            severity = at("severity")
            confidence = at("confidence")
            matchText = at("matchText")
            secret = at("secret")
            lineNumber = at("lineNumber")
            line = at("line")
            startOffset = at("startOffset")
            endOffset = at("endOffset")
            fingerprint = at("fingerprint")
            spaceReviewedBy = at("spaceReviewedBy")
            spaceReviewedWhen = at("spaceReviewedWhen")
            spaceReviewComment = at("spaceReviewComment")
            globalReviewedBy = at("globalReviewedBy")
            globalReviewedWhen = at("globalReviewedWhen")
            globalReviewComment = at("globalReviewComment")
            versionCount = at("versionCount")
            firstVersion = at("firstVersion")
            lastVersion = at("lastVersion")
            cvId = at("cvId")
        }
    }

    /// Turns one result row into a record; `columns` say where its columns are, `sensitive` gives its
    /// content version's strings to redact.
    static func record(
        from row: Row, columns c: Columns, in db: Database, sensitive: inout SensitiveStrings
    ) throws -> FindingRecord {
        let spaceKey: String = row[c.spaceKey]
        let provenance = Provenance(
            spaceKey: spaceKey.isEmpty ? nil : spaceKey,
            spaceName: row[c.spaceName],
            contentId: row[c.contentId],
            versionContentId: row[c.versionContentId],
            contentType: ContentType(rawValue: row[c.contentType]),
            title: row[c.title],
            version: row[c.version],
            createdWhen: row[c.createdWhen],
            isHistorical: row[c.isHistorical],
            status: row[c.status],
            containerId: row[c.containerId],
            attachmentName: row[c.findingAttachmentName] ?? row[c.attachmentName],
            path: row[c.findingPath] ?? row[c.path])
        var evidence: [Finding.Evidence] = []
        if let json: String = row[c.evidence] {
            evidence = try JSONDecoder().decode([Finding.Evidence].self, from: Data(json.utf8))
        }
        let spaceReviewed: Bool = row[c.spaceReviewed]
        let globalReviewed: Bool = row[c.globalReviewed]
        let part: String? = row[c.part]
        let finding = Finding(
            ruleName: row[c.ruleName],
            severity: Severity(rawValue: row[c.severity]) ?? .medium,
            confidence: Confidence(rawValue: row[c.confidence]) ?? .medium,
            matchText: row[c.matchText],
            secret: row[c.secret],
            provenance: provenance,
            part: part.map(Part.init(parsing:)),
            lineNumber: row[c.lineNumber],
            line: row[c.line],
            startOffset: row[c.startOffset],
            endOffset: row[c.endOffset],
            reviewed: spaceReviewed || globalReviewed,
            fingerprint: row[c.fingerprint],
            evidence: evidence)
        var review: Review?
        if spaceReviewed {
            review = Review(
                matchText: finding.matchText, ruleName: finding.ruleName, scope: .space(spaceKey),
                reviewedBy: row[c.spaceReviewedBy], reviewedWhen: row[c.spaceReviewedWhen],
                comment: row[c.spaceReviewComment])
        } else if globalReviewed {
            review = Review(
                matchText: finding.matchText, ruleName: finding.ruleName, scope: .global,
                reviewedBy: row[c.globalReviewedBy], reviewedWhen: row[c.globalReviewedWhen],
                comment: row[c.globalReviewComment])
        }
        var versions: VersionRange?
        if let count: Int = row[c.versionCount] {
            versions = VersionRange(first: row[c.firstVersion], last: row[c.lastVersion], count: count)
        }
        let alsoRedact = try sensitive.of(row[c.cvId], in: db)
        return FindingRecord(finding: finding, versions: versions, review: review, alsoRedact: alsoRedact)
    }
}
