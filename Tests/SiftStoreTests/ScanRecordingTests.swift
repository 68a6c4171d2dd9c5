import Foundation
import SiftCore
import SiftStore
import Testing

@Suite struct ScanRecordingTests {
    @Test func aRecordedVersionIsScannedOnlyForTheSameRulesAndSettings() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        let page = Samples.page(id: "100", version: 1, of: 1)
        try Samples.record([Samples.result(page, [Samples.finding("AKIAFAKEEXAMPLE00001", in: page)])], in: ws)
        let key = ContentVersionKey(provenance: page)
        #expect(key == ContentVersionKey(contentId: "100", version: "100"))
        #expect(try ws.isScanned(key, ruleSetFingerprint: "rules-1", settingsFingerprint: "s-1"))
        #expect(try !ws.isScanned(key, ruleSetFingerprint: "rules-2", settingsFingerprint: "s-1"))
        #expect(try !ws.isScanned(key, ruleSetFingerprint: "rules-1", settingsFingerprint: "s-2"))
        #expect(try ws.scannedVersions(ruleSetFingerprint: "rules-1", settingsFingerprint: "s-1") == [key])
    }

    @Test func rescanningAVersionReplacesItsFindings() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        let page = Samples.page(id: "100", version: 1, of: 1)
        try Samples.record([Samples.result(page, [Samples.finding("AKIAFAKEEXAMPLE00001", in: page)])], in: ws)
        try Samples.record(
            [Samples.result(page, [Samples.finding("AKIAFAKEEXAMPLE00002", in: page), Samples.finding("AKIAFAKEEXAMPLE00003", in: page, offset: 30)])],
            in: ws, rules: "rules-2")
        let matches = try ws.findings(.space("ENG")).records.map(\.finding.matchText)
        #expect(matches == ["AKIAFAKEEXAMPLE00002", "AKIAFAKEEXAMPLE00003"])
        #expect(try ws.isScanned(ContentVersionKey(provenance: page), ruleSetFingerprint: "rules-2", settingsFingerprint: "s-1"))
    }

    @Test func aChangedFileReplacesItsOlderVersionAndAnUnchangedOneIsSkipped() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        let file = Provenance.file("config/app.env")
        let scan = try ws.beginScan(scope: .files("config"), ruleSetFingerprint: "r", settingsFingerprint: "s")
        try ws.record([ContentVersionResult(provenance: file, contentHash: "aaaa", findings: [Samples.finding("AKIAFAKEEXAMPLE00001", in: file)])], scan: scan)
        #expect(try ws.isScanned(ContentVersionKey(provenance: file, contentHash: "aaaa"), ruleSetFingerprint: "r", settingsFingerprint: "s"))
        #expect(try !ws.isScanned(ContentVersionKey(provenance: file, contentHash: "bbbb"), ruleSetFingerprint: "r", settingsFingerprint: "s"))
        try ws.record([ContentVersionResult(provenance: file, contentHash: "bbbb", findings: [])], scan: scan)
        #expect(try ws.findings(FindingFilter()).total == 0)
        #expect(try ws.scannedVersions(ruleSetFingerprint: "r", settingsFingerprint: "s") == [ContentVersionKey(contentId: "config/app.env", version: "sha256:bbbb")])
        // Plain files live in the space with the empty key.
        try ws.record([ContentVersionResult(provenance: file, contentHash: "cccc", findings: [Samples.finding("AKIAFAKEEXAMPLE00009", in: file)])], scan: scan)
        let found = try ws.findings(.space("")).records
        #expect(found.map(\.finding.provenance.path) == ["config/app.env"])
        #expect(found.first?.finding.provenance.spaceKey == nil)
    }

    @Test func anUnfinishedScanIsResumedByTheSameScopeAndFingerprints() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        let first = try ws.beginScan(scope: .space("ENG"), ruleSetFingerprint: "r", settingsFingerprint: "s")
        #expect(try ws.incompleteScans().map(\.id) == [first])
        #expect(try ws.beginScan(scope: .space("ENG"), ruleSetFingerprint: "r", settingsFingerprint: "s") == first)
        #expect(try ws.scan(first)?.resumeCount == 1)
        // Another scope or rule set is another scan.
        let other = try ws.beginScan(scope: .space("OPS"), ruleSetFingerprint: "r", settingsFingerprint: "s")
        #expect(other != first)
        try ws.finishScan(first)
        try ws.finishScan(other)
        #expect(try ws.incompleteScans().isEmpty)
        #expect(try ws.scan(first)?.isComplete == true)
        let next = try ws.beginScan(scope: .space("ENG"), ruleSetFingerprint: "r", settingsFingerprint: "s")
        #expect(next > other)
        #expect(throws: StoreError.self) { try ws.finishScan(ScanID(999)) }
    }

    @Test func aBatchCountsItsVersionsAndFindingsOnTheScan() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        let scan = try ws.beginScan(scope: .space("ENG"), ruleSetFingerprint: "r", settingsFingerprint: "s")
        let v1 = Samples.page(id: "7", version: 1, of: 2)
        let v2 = Samples.page(id: "7", version: 2, of: 2)
        try ws.record([Samples.result(v1, [Samples.finding("AKIAFAKEEXAMPLE00001", in: v1)]), Samples.result(v2, [])], scan: scan)
        let record = try #require(try ws.scan(scan))
        #expect(record.versionsRecorded == 2)
        #expect(record.findingsRecorded == 1)
        #expect(throws: StoreError.self) { try ws.record([Samples.result(v1, [])], scan: ScanID(42)) }
    }

    @Test func attachmentRecordsAreStoredWithTheirVersion() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        let attachment = Provenance(
            spaceKey: "ENG", contentId: "900", versionContentId: "900", contentType: .attachment, title: "keys.zip",
            version: 1, containerId: "100", attachmentName: "keys.zip")
        let records = [
            AttachmentScanRecord(provenance: attachment, fileName: "keys.zip", size: 2048, detectedType: "zip", status: .scanned, textBytes: 120),
            AttachmentScanRecord(provenance: attachment, fileName: "keys.zip!photo.heic", size: 1000, status: .skipped, reason: .unsupportedFormat),
        ]
        try Samples.record([ContentVersionResult(provenance: attachment, attachments: records)], in: ws)
        var read: [AttachmentScanRecord] = []
        try ws.forEachAttachmentRecord(spaceKey: "ENG") { read.append($0) }
        #expect(read == records)
        var none: [AttachmentScanRecord] = []
        try ws.forEachAttachmentRecord(spaceKey: "OPS") { none.append($0) }
        #expect(none.isEmpty)
    }

    @Test("a version rescanned in place loses its old findings and records and keeps one row")
    func aRescanRewritesTheVersionInPlace() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        let file = Provenance.file("deploy/keys.zip")
        func result(_ match: String, _ member: String) -> ContentVersionResult {
            ContentVersionResult(
                provenance: file, contentHash: "aaaa", findings: [Samples.finding(match, in: file)],
                attachments: [AttachmentScanRecord(provenance: file, fileName: member, size: 10, status: .scanned)])
        }
        let first = try ws.beginScan(scope: .files("deploy"), ruleSetFingerprint: "r1", settingsFingerprint: "s")
        try ws.record([result("AKIAFAKEEXAMPLE00001", "deploy/keys.zip!a.txt")], scan: first)
        let second = try ws.beginScan(scope: .files("deploy"), ruleSetFingerprint: "r2", settingsFingerprint: "s")
        try ws.record([result("AKIAFAKEEXAMPLE00002", "deploy/keys.zip!b.txt")], scan: second)
        #expect(try ws.findings(FindingFilter()).records.map(\.finding.matchText) == ["AKIAFAKEEXAMPLE00002"])
        #expect(try ws.findings(.scan(second)).total == 1)
        #expect(try ws.findings(.scan(first)).total == 0)
        var records: [String] = []
        try ws.forEachAttachmentRecord(spaceKey: "") { records.append($0.fileName) }
        #expect(records == ["deploy/keys.zip!b.txt"])
        #expect(try ws.scannedVersions(ruleSetFingerprint: "r2", settingsFingerprint: "s").count == 1)
        #expect(try ws.scannedVersions(ruleSetFingerprint: "r1", settingsFingerprint: "s").isEmpty)
    }

    @Test("a rescan rewrites as many attachment records and findings as it gives, more or fewer than before")
    func aRescanRewritesRecordsOfAnotherCount() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        let file = Provenance.file("deploy/keys.zip")
        func result(_ members: [String], _ matches: [String]) -> ContentVersionResult {
            ContentVersionResult(
                provenance: file, contentHash: "aaaa",
                findings: matches.enumerated().map { Samples.finding($0.element, in: file, offset: 30 * $0.offset) },
                attachments: members.map { AttachmentScanRecord(provenance: file, fileName: $0, size: 10, status: .scanned) })
        }
        func recorded() throws -> (records: [String], findings: [String]) {
            var records: [String] = []
            try ws.forEachAttachmentRecord(spaceKey: "") { records.append($0.fileName) }
            return (records, try ws.findings(FindingFilter()).records.map(\.finding.matchText))
        }
        // Each step is a rescan of the same version (same key) with other records and findings;
        // the last two are one batch, the version given twice.
        let steps: [[ContentVersionResult]] = [
            [result(["a", "b"], ["AKIAFAKEEXAMPLE00001"])],
            [result(["c"], [])],
            [result(["d", "e", "f"], ["AKIAFAKEEXAMPLE00002", "AKIAFAKEEXAMPLE00003"])],
            [result([], [])],
            [result(["g"], ["AKIAFAKEEXAMPLE00004"]), result(["h", "i"], [])],
        ]
        var seen: [(records: [String], findings: [String])] = []
        for (index, batch) in steps.enumerated() {
            let scan = try ws.beginScan(scope: .files("deploy"), ruleSetFingerprint: "r\(index)", settingsFingerprint: "s")
            try ws.record(batch, scan: scan)
            seen.append(try recorded())
        }
        #expect(seen.map(\.records) == [["a", "b"], ["c"], ["d", "e", "f"], [], ["h", "i"]])
        #expect(seen.map(\.findings) == [["AKIAFAKEEXAMPLE00001"], [], ["AKIAFAKEEXAMPLE00002", "AKIAFAKEEXAMPLE00003"], [], []])
        #expect(try ws.scannedVersions(ruleSetFingerprint: "r4", settingsFingerprint: "s").count == 1)
    }

    @Test("a version given twice in one batch is recorded once, as last given")
    func aVersionTwiceInOneBatchReplacesItself() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        let page = Samples.page(id: "100", version: 1, of: 1)
        let file = Provenance.file("notes.txt")
        try Samples.record([
            Samples.result(page, [Samples.finding("AKIAFAKEEXAMPLE00001", in: page)]),
            ContentVersionResult(provenance: file, contentHash: "aaaa", findings: [Samples.finding("AKIAFAKEEXAMPLE00003", in: file)]),
            Samples.result(page, [Samples.finding("AKIAFAKEEXAMPLE00002", in: page)]),
            ContentVersionResult(provenance: file, contentHash: "bbbb", findings: [Samples.finding("AKIAFAKEEXAMPLE00004", in: file)]),
            ContentVersionResult(provenance: file, contentHash: "aaaa", findings: [Samples.finding("AKIAFAKEEXAMPLE00005", in: file)]),
        ], in: ws)
        #expect(try ws.findings(FindingFilter()).records.map(\.finding.matchText).sorted()
                == ["AKIAFAKEEXAMPLE00002", "AKIAFAKEEXAMPLE00005"])
        #expect(try ws.scannedVersions(ruleSetFingerprint: "rules-1", settingsFingerprint: "s-1")
                == [ContentVersionKey(provenance: page), ContentVersionKey(contentId: "notes.txt", version: "sha256:aaaa")])
    }

    @Test("a version rescanned from another space moves to it")
    func aRescanFromAnotherSpaceMovesTheVersion() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        let page = Samples.page(id: "100", version: 1, of: 1)
        try Samples.record([Samples.result(page, [Samples.finding("AKIAFAKEEXAMPLE00001", in: page)])], in: ws)
        let moved = Samples.page(space: "OPS", id: "100", version: 1, of: 1)
        try Samples.record([Samples.result(moved, [Samples.finding("AKIAFAKEEXAMPLE00001", in: moved)])], in: ws, rules: "rules-2")
        #expect(try ws.findings(.space("ENG")).total == 0)
        #expect(try ws.findings(.space("OPS")).records.map(\.finding.provenance.spaceKey) == ["OPS"])
    }
}
