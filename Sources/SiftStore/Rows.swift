import Foundation
import GRDB
import SiftCore

// The GRDB records of the workspace tables. Internal: the public API speaks SiftCore types.

struct ScanRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "scan"
    var id: Int64?
    var scope: String
    var ruleSetFingerprint: String
    var settingsFingerprint: String
    var startedWhen: String
    var finishedWhen: String?
    var resumeCount: Int
    var versionsRecorded: Int
    var findingsRecorded: Int

    var record: ScanRecord {
        ScanRecord(
            id: ScanID(id ?? 0), scope: ScanScope(rawValue: scope), ruleSetFingerprint: ruleSetFingerprint,
            settingsFingerprint: settingsFingerprint, startedWhen: startedWhen, finishedWhen: finishedWhen,
            resumeCount: resumeCount, versionsRecorded: versionsRecorded, findingsRecorded: findingsRecorded)
    }
}

struct ContentVersionRow {
    /// The insert, as one statement that the writer prepares once and reuses (GRDB's record
    /// `insert` prepares a statement per row: most of a scan's database time before).
    static let insertSQL = """
        INSERT INTO contentVersion (keyContentId, keyVersion, spaceKey, spaceName, contentId,
          versionContentId, contentType, title, version, createdWhen, isHistorical, status, containerId,
          attachmentName, path, contentHash, ruleSetFingerprint, settingsFingerprint, scanId, scannedWhen, findingCount)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    var keyContentId: String
    var keyVersion: String
    var spaceKey: String
    var spaceName: String?
    var contentId: String?
    var versionContentId: String?
    var contentType: String
    var title: String?
    var version: Int?
    var createdWhen: String?
    var isHistorical: Bool
    var status: String?
    var containerId: String?
    var attachmentName: String?
    var path: String?
    var contentHash: String?
    var ruleSetFingerprint: String
    var settingsFingerprint: String
    var scanId: Int64?
    var scannedWhen: String
    /// How many findings the version has (what the partial index on scanId is conditioned on).
    var findingCount: Int

    /// Rewrites the row of the same key in place (its id given last): what a rescan of an
    /// unchanged version does, instead of a delete that cascades and an insert into five b-trees.
    static let updateSQL = """
        UPDATE contentVersion SET spaceKey = ?, spaceName = ?, contentId = ?, versionContentId = ?, contentType = ?,
          title = ?, version = ?, createdWhen = ?, isHistorical = ?, status = ?, containerId = ?, attachmentName = ?,
          path = ?, contentHash = ?, ruleSetFingerprint = ?, settingsFingerprint = ?, scanId = ?, scannedWhen = ?,
          findingCount = ?
        WHERE id = ?
        """

    /// ``updateSQL`` for a row whose space key and content id stay as they are (the common case):
    /// SQLite rewrites the entries of every index on a column that an update sets, and these two
    /// columns have indexes of their own.
    static let updateInPlaceSQL = """
        UPDATE contentVersion SET spaceName = ?, versionContentId = ?, contentType = ?,
          title = ?, version = ?, createdWhen = ?, isHistorical = ?, status = ?, containerId = ?, attachmentName = ?,
          path = ?, contentHash = ?, ruleSetFingerprint = ?, settingsFingerprint = ?, scanId = ?, scannedWhen = ?,
          findingCount = ?
        WHERE id = ?
        """

    /// Binds the values of ``insertSQL``.
    func bind(to binder: inout StatementBinder) {
        binder.bind(keyContentId)
        binder.bind(keyVersion)
        bindValues(to: &binder)
    }

    /// Binds the values of ``updateSQL`` for the row `id`, or of ``updateInPlaceSQL`` when
    /// `indexedColumns` is false.
    func bindUpdate(of id: Int64, indexedColumns: Bool = true, to binder: inout StatementBinder) {
        bindValues(indexedColumns: indexedColumns, to: &binder)
        binder.bind(id)
    }

    /// Every column but the key, in the order of the statements; without the space key and the
    /// content id when `indexedColumns` is false.
    private func bindValues(indexedColumns: Bool = true, to binder: inout StatementBinder) {
        if indexedColumns { binder.bind(spaceKey) }
        binder.bind(spaceName)
        if indexedColumns { binder.bind(contentId) }
        binder.bind(versionContentId)
        binder.bind(contentType)
        binder.bind(title)
        binder.bind(version)
        binder.bind(createdWhen)
        binder.bind(isHistorical)
        binder.bind(status)
        binder.bind(containerId)
        binder.bind(attachmentName)
        binder.bind(path)
        binder.bind(contentHash)
        binder.bind(ruleSetFingerprint)
        binder.bind(settingsFingerprint)
        binder.bind(scanId)
        binder.bind(scannedWhen)
        binder.bind(Int64(findingCount))
    }

    /// The row of `result`, recorded under `key` (its ``ContentVersionResult/key``, made once per batch).
    init(
        _ result: ContentVersionResult, key: ContentVersionKey, scan: ScanID, ruleSetFingerprint: String,
        settingsFingerprint: String, now: String
    ) {
        let p = result.provenance
        keyContentId = key.contentId
        keyVersion = key.version
        spaceKey = p.spaceKey ?? ""
        spaceName = p.spaceName
        contentId = p.contentId
        versionContentId = p.versionContentId
        contentType = p.contentType.rawValue
        title = p.title
        version = p.version
        createdWhen = p.createdWhen
        isHistorical = p.isHistorical
        status = p.status
        containerId = p.containerId
        attachmentName = p.attachmentName
        path = p.path
        contentHash = result.contentHash
        self.ruleSetFingerprint = ruleSetFingerprint
        self.settingsFingerprint = settingsFingerprint
        scanId = scan.rawValue
        scannedWhen = now
        findingCount = result.findings.count
    }
}

struct FindingRow {
    /// The insert, as one statement that the writer prepares once and reuses (GRDB's record
    /// `insert` prepares a statement per row: most of a scan's database time before).
    static let insertSQL = """
        INSERT INTO finding (contentVersionId, ruleName, severity, confidence, matchText, secret, part,
          attachmentName, path, lineNumber, line, startOffset, endOffset, fingerprint, evidence)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    var contentVersionId: Int64
    var ruleName: String
    var severity: String
    var confidence: String
    var matchText: String
    var secret: String?
    var part: String?
    var attachmentName: String?
    var path: String?
    var lineNumber: Int
    var line: String
    var startOffset: Int
    var endOffset: Int
    var fingerprint: String
    var evidence: String?

    func bind(to binder: inout StatementBinder) {
        binder.bind(contentVersionId)
        binder.bind(ruleName)
        binder.bind(severity)
        binder.bind(confidence)
        binder.bind(matchText)
        binder.bind(secret)
        binder.bind(part)
        binder.bind(attachmentName)
        binder.bind(path)
        binder.bind(lineNumber)
        binder.bind(line)
        binder.bind(startOffset)
        binder.bind(endOffset)
        binder.bind(fingerprint)
        binder.bind(evidence)
    }

    init(_ finding: Finding, contentVersionId: Int64) throws {
        self.contentVersionId = contentVersionId
        ruleName = finding.ruleName
        severity = finding.severity.rawValue
        confidence = finding.confidence.rawValue
        matchText = finding.matchText
        secret = finding.secret
        part = finding.part?.description
        attachmentName = finding.provenance.attachmentName
        path = finding.provenance.path
        lineNumber = finding.lineNumber
        line = finding.line
        startOffset = finding.startOffset
        endOffset = finding.endOffset
        fingerprint = finding.fingerprint
        evidence = finding.evidence.isEmpty ? nil : String(decoding: try JSONEncoder().encode(finding.evidence), as: UTF8.self)
    }
}

struct AttachmentRow {
    /// The insert, as one statement that the writer prepares once and reuses (GRDB's record
    /// `insert` prepares a statement per row: most of a scan's database time before).
    static let insertSQL = """
        INSERT INTO attachmentRecord (contentVersionId, fileName, size, declaredType, detectedType, status,
          reason, detail, textBytes, durationMilliseconds)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    /// Rewrites a record of the same content version in place (its id given last): a rescanned
    /// file's record, instead of a delete and an insert into the table and its index.
    static let updateSQL = """
        UPDATE attachmentRecord SET fileName = ?, size = ?, declaredType = ?, detectedType = ?, status = ?,
          reason = ?, detail = ?, textBytes = ?, durationMilliseconds = ?
        WHERE id = ?
        """
    var contentVersionId: Int64
    var fileName: String
    var size: Int
    var declaredType: String?
    var detectedType: String?
    var status: String
    var reason: String?
    var detail: String?
    var textBytes: Int
    var durationMilliseconds: Double

    /// Binds the values of ``insertSQL``.
    func bind(to binder: inout StatementBinder) {
        binder.bind(contentVersionId)
        bindValues(to: &binder)
    }

    /// Binds the values of ``updateSQL`` for the record `id`.
    func bindUpdate(of id: Int64, to binder: inout StatementBinder) {
        bindValues(to: &binder)
        binder.bind(id)
    }

    /// Every column but the content version, in the order of the statements.
    private func bindValues(to binder: inout StatementBinder) {
        binder.bind(fileName)
        binder.bind(size)
        binder.bind(declaredType)
        binder.bind(detectedType)
        binder.bind(status)
        binder.bind(reason)
        binder.bind(detail)
        binder.bind(textBytes)
        binder.bind(durationMilliseconds)
    }

    init(_ record: AttachmentScanRecord, contentVersionId: Int64) {
        self.contentVersionId = contentVersionId
        fileName = record.fileName
        size = record.size
        declaredType = record.declaredType
        detectedType = record.detectedType
        status = record.status.rawValue
        reason = record.reason?.rawValue
        detail = record.detail
        textBytes = record.textBytes
        durationMilliseconds = record.durationMilliseconds
    }
}

struct SpaceReviewRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "spaceReview"
    var spaceKey: String
    var matchText: String
    var ruleName: String
    var reviewedBy: String?
    var reviewedWhen: String?
    var comment: String?

    var review: Review {
        Review(
            matchText: matchText, ruleName: ruleName, scope: .space(spaceKey), reviewedBy: reviewedBy,
            reviewedWhen: reviewedWhen, comment: comment)
    }
}

struct GlobalReviewRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "globalReview"
    var matchText: String
    var ruleName: String
    var reviewedBy: String?
    var reviewedWhen: String?
    var comment: String?

    var review: Review {
        Review(
            matchText: matchText, ruleName: ruleName, scope: .global, reviewedBy: reviewedBy,
            reviewedWhen: reviewedWhen, comment: comment)
    }
}
