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

    private static let base = """
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
        FROM finding f
        JOIN contentVersion cv ON cv.id = f.contentVersionId
        LEFT JOIN spaceReview sr ON sr.spaceKey = cv.spaceKey AND sr.matchText = f.matchText AND sr.ruleName = f.ruleName
        LEFT JOIN globalReview gr ON gr.matchText = f.matchText AND gr.ruleName = f.ruleName
        """

    /// The other sensitive strings of the finding's content version (see FindingRecord.alsoRedact).
    private static let alsoRedact = """
        (SELECT json_group_array(s) FROM (
           SELECT COALESCE(f2.secret, f2.matchText) AS s FROM finding f2
             WHERE f2.contentVersionId = q.cvId AND f2.id <> q.findingId
           UNION
           SELECT json_extract(e.value, '$.matchText') FROM finding f2, json_each(f2.evidence) e
             WHERE f2.contentVersionId = q.cvId AND json_extract(e.value, '$.matchText') IS NOT NULL
         )) AS alsoRedact
        """

    private static let order =
        "q.spaceKey, q.keyContentId, q.version, q.keyVersion, q.startOffset, q.endOffset, q.ruleName, q.findingId"

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
        if let reviewed = filter.reviewed {
            conditions.append("(sr.matchText IS NOT NULL OR gr.matchText IS NOT NULL) = ?")
            arguments += [reviewed]
        }
        return (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "), arguments)
    }

    /// The rows of the query, in order, optionally one page of them.
    func sql(limit: Int? = nil, offset: Int = 0) -> (String, StatementArguments) {
        let (whereSQL, arguments) = whereClause()
        let inner = Self.base + whereSQL
        let source: String
        if dedupe {
            source = """
                SELECT * FROM (
                  SELECT x.*,
                    ROW_NUMBER() OVER (PARTITION BY x.spaceKey, x.keyContentId, x.ruleName, x.matchText
                      ORDER BY x.version DESC, x.keyVersion DESC, x.startOffset, x.findingId) AS representative,
                    MIN(x.version) OVER g AS firstVersion, MAX(x.version) OVER g AS lastVersion,
                    SUM(x.firstInVersion) OVER g AS versionCount
                  FROM (
                    SELECT b.*, ROW_NUMBER() OVER (PARTITION BY b.cvId, b.ruleName, b.matchText ORDER BY b.findingId) = 1
                      AS firstInVersion
                    FROM (\(inner)) b
                  ) x
                  WINDOW g AS (PARTITION BY x.spaceKey, x.keyContentId, x.ruleName, x.matchText)
                ) WHERE representative = 1
                """
        } else {
            source = inner
        }
        var sql = "SELECT q.*, \(Self.alsoRedact) FROM (\(source)) q ORDER BY \(Self.order)"
        var allArguments = arguments
        if let limit {
            sql += " LIMIT ? OFFSET ?"
            allArguments += [limit, offset]
        }
        return (sql, allArguments)
    }

    /// How many rows the query has.
    func countSQL() -> (String, StatementArguments) {
        let (whereSQL, arguments) = whereClause()
        if dedupe {
            return (
                "SELECT count(*) FROM (SELECT DISTINCT cv.spaceKey, cv.keyContentId, f.ruleName, f.matchText FROM finding f "
                    + "JOIN contentVersion cv ON cv.id = f.contentVersionId "
                    + "LEFT JOIN spaceReview sr ON sr.spaceKey = cv.spaceKey AND sr.matchText = f.matchText AND sr.ruleName = f.ruleName "
                    + "LEFT JOIN globalReview gr ON gr.matchText = f.matchText AND gr.ruleName = f.ruleName"
                    + whereSQL + ")",
                arguments
            )
        }
        return ("SELECT count(*) FROM (\(Self.base + whereSQL))", arguments)
    }

    /// Turns one result row into a record.
    static func record(from row: Row) throws -> FindingRecord {
        let spaceKey: String = row["spaceKey"]
        let provenance = Provenance(
            spaceKey: spaceKey.isEmpty ? nil : spaceKey,
            spaceName: row["spaceName"],
            contentId: row["contentId"],
            versionContentId: row["versionContentId"],
            contentType: ContentType(rawValue: row["contentType"]),
            title: row["title"],
            version: row["version"],
            createdWhen: row["createdWhen"],
            isHistorical: row["isHistorical"],
            status: row["status"],
            containerId: row["containerId"],
            attachmentName: row["findingAttachmentName"] ?? row["attachmentName"],
            path: row["findingPath"] ?? row["path"])
        var evidence: [Finding.Evidence] = []
        if let json: String = row["evidence"] {
            evidence = try JSONDecoder().decode([Finding.Evidence].self, from: Data(json.utf8))
        }
        let spaceReviewed: Bool = row["spaceReviewed"]
        let globalReviewed: Bool = row["globalReviewed"]
        let part: String? = row["part"]
        let finding = Finding(
            ruleName: row["ruleName"],
            severity: Severity(rawValue: row["severity"]) ?? .medium,
            confidence: Confidence(rawValue: row["confidence"]) ?? .medium,
            matchText: row["matchText"],
            secret: row["secret"],
            provenance: provenance,
            part: part.map(Part.init(parsing:)),
            lineNumber: row["lineNumber"],
            line: row["line"],
            startOffset: row["startOffset"],
            endOffset: row["endOffset"],
            reviewed: spaceReviewed || globalReviewed,
            fingerprint: row["fingerprint"],
            evidence: evidence)
        var review: Review?
        if spaceReviewed {
            review = Review(
                matchText: finding.matchText, ruleName: finding.ruleName, scope: .space(spaceKey),
                reviewedBy: row["spaceReviewedBy"], reviewedWhen: row["spaceReviewedWhen"],
                comment: row["spaceReviewComment"])
        } else if globalReviewed {
            review = Review(
                matchText: finding.matchText, ruleName: finding.ruleName, scope: .global,
                reviewedBy: row["globalReviewedBy"], reviewedWhen: row["globalReviewedWhen"],
                comment: row["globalReviewComment"])
        }
        var versions: VersionRange?
        if row.hasColumn("versionCount") {
            versions = VersionRange(first: row["firstVersion"], last: row["lastVersion"], count: row["versionCount"])
        }
        var alsoRedact: [String] = []
        if let json: String = row["alsoRedact"] {
            alsoRedact = try JSONDecoder().decode([String?].self, from: Data(json.utf8)).compactMap { $0 }.sorted()
        }
        return FindingRecord(finding: finding, versions: versions, review: review, alsoRedact: alsoRedact)
    }
}
