import SiftCore

/// Findings with planted fake secrets, covering every field and the awkward cases: two secrets on
/// one line, a capture inside a match, a multi-line private key, a plain file with a space in its
/// path, an attachment of a page whose title has a comma and quotes, a reviewed finding.
enum Samples {
    static let awsKeyID = "AKIAFAKEEXAMPLE7TEST"
    static let awsSecret = "wJalrFAKEEXAMPLEsecretKEYtest0000000000X"
    static let privateKey = "-----BEGIN RSA PRIVATE KEY-----\nMIIEFAKEEXAMPLEbase64TESTline1AAAA\nFAKEEXAMPLEbase64TESTline2BBBB==\n-----END RSA PRIVATE KEY-----"
    static let dbPassword = "FakePassTEST42"
    static let email = "jane.doe.test@example.com"
    static let reviewedKey = "sk_test_FAKEEXAMPLE0000"

    /// The strings that must never appear in an export with plaintext off.
    static let secrets = [
        awsKeyID, awsSecret, dbPassword, email, reviewedKey,
        "MIIEFAKEEXAMPLEbase64TESTline1AAAA", "FAKEEXAMPLEbase64TESTline2BBBB==",
    ]

    static let deployV3 = Provenance(
        spaceKey: "ENG", spaceName: "Engineering", contentId: "1001", versionContentId: "1001", contentType: .page,
        title: "Deploy notes", version: 3, createdWhen: "2024-03-03T10:00:00.000+01:00", status: "current")
    static let opsV1 = Provenance(
        spaceKey: "OPS", spaceName: "Operations", contentId: "2001", versionContentId: "2005", contentType: .blogpost,
        title: "Server keys", version: 1, createdWhen: "2023-11-20T08:15:00.000-05:00", isHistorical: true,
        status: "current")
    static let file = Provenance.file("config/db settings.env")
    static let attachment = Provenance(
        spaceKey: "ENG", contentId: "1050", versionContentId: "1050", contentType: .attachment,
        title: "Quarterly \"plan\", 2024", version: 2, createdWhen: "2024-02-01T12:00:00.000Z", containerId: "1001",
        attachmentName: "people.pdf")

    static var findings: [FindingRecord] {
        let line = "aws_access_key_id = \(awsKeyID), aws_secret_access_key = \(awsSecret)"
        let keyID = Finding(
            ruleName: "AWS_CLIENT_ID", severity: .high, confidence: .high, matchText: awsKeyID, provenance: deployV3,
            part: Part(.code, "bash"), lineNumber: 4, line: line, startOffset: 120, endOffset: 140)
        let secretMatch = "aws_secret_access_key = \(awsSecret)"
        let secret = Finding(
            ruleName: "AWS_SECRET_ACCESS_KEY", severity: .critical, confidence: .high, matchText: secretMatch,
            secret: awsSecret, provenance: deployV3, part: Part(.code, "bash"), lineNumber: 4, line: line,
            startOffset: 142, endOffset: 142 + secretMatch.utf8.count)
        let key = Finding(
            ruleName: "RSA_PRIVATE_KEY", severity: .critical, confidence: .high, matchText: privateKey,
            provenance: opsV1, part: Part(.code), lineNumber: 12, line: "key: -----BEGIN RSA PRIVATE KEY-----",
            startOffset: 300, endOffset: 300 + privateKey.utf8.count)
        let url = "postgres://admin:\(dbPassword)@db.example.com/app"
        let password = Finding(
            ruleName: "PASSWORD_IN_URL", severity: .high, confidence: .medium, matchText: url, secret: dbPassword,
            provenance: file, lineNumber: 2, line: "DATABASE_URL=\(url) # primary", startOffset: 31,
            endOffset: 31 + url.utf8.count)
        let mail = Finding(
            ruleName: "EMAIL_ADDRESS", severity: .low, confidence: .low, matchText: email, provenance: attachment,
            part: Part(.attachmentBody, "page 2"), lineNumber: 7, line: "Contact: Jane Doe <\(email)>", startOffset: 88,
            endOffset: 88 + email.utf8.count)
        let reviewed = Finding(
            ruleName: "GENERIC_API_KEY", severity: .medium, confidence: .medium, matchText: reviewedKey,
            provenance: deployV3, part: Part(.paragraph), lineNumber: 9, line: "Sandbox key: \(reviewedKey) (test mode)",
            startOffset: 400, endOffset: 400 + reviewedKey.utf8.count, reviewed: true)
        let review = Review(
            matchText: reviewedKey, ruleName: "GENERIC_API_KEY", scope: .space("ENG"), reviewedBy: "ana",
            reviewedWhen: "2024-05-01T09:30:00.000Z", comment: "test-mode key, no access")
        let siblings = [awsKeyID, awsSecret, reviewedKey]
        return [
            FindingRecord(finding: keyID, alsoRedact: siblings.filter { $0 != awsKeyID }),
            FindingRecord(finding: secret, alsoRedact: siblings.filter { $0 != awsSecret }),
            FindingRecord(finding: reviewed, review: review, alsoRedact: siblings.filter { $0 != reviewedKey }),
            FindingRecord(finding: key),
            FindingRecord(finding: password),
            FindingRecord(finding: mail),
        ]
    }

    /// The same findings as a deduplicated export sees them.
    static var deduplicated: [FindingRecord] {
        let ranges = [
            VersionRange(first: 1, last: 3, count: 3), VersionRange(first: 2, last: 3, count: 2),
            VersionRange(first: 3, last: 3, count: 1), VersionRange(first: 1, last: 1, count: 1),
            VersionRange(first: nil, last: nil, count: 1), VersionRange(first: 1, last: 2, count: 2),
        ]
        return zip(findings, ranges).map { record, range in
            var record = record
            record.versions = range
            return record
        }
    }

    /// Reviewed false positives, one per kind of review.
    static var reviewedFindings: [FindingRecord] {
        var global = findings[5]
        global.finding.reviewed = true
        global.review = Review(
            matchText: email, ruleName: "EMAIL_ADDRESS", scope: .global, reviewedBy: "importer",
            reviewedWhen: "2024-04-01T00:00:00Z", comment: nil)
        return [findings[2], global]
    }

    static var reviews: [Review] { reviewedFindings.compactMap(\.review) }

    static var attachments: [AttachmentScanRecord] {
        [
            AttachmentScanRecord(
                provenance: attachment, fileName: "people.pdf", size: 48_213, declaredType: "application/pdf",
                detectedType: "pdf", status: .scanned, textBytes: 5120, durationMilliseconds: 12.5),
            AttachmentScanRecord(
                provenance: attachment, fileName: "people.pdf!scan.heic", size: 1_000_000, status: .skipped,
                reason: .unsupportedFormat),
            AttachmentScanRecord(
                provenance: opsV1, fileName: "backup.zip", size: 77, declaredType: "application/zip", detectedType: "zip",
                status: .failed, reason: .corrupt, detail: "central directory missing, \"end\" record not found",
                durationMilliseconds: 0.25),
        ]
    }
}
