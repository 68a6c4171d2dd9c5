import Foundation
import GRDB
import SiftCore
@testable import SiftStore
import Testing

/// A workspace written by an earlier Sift opens, migrates, and keeps answering the same questions.
@Suite struct SchemaMigrationTests {
    /// A workspace of schema v2 with one scan: a page with two findings and a plain file with none.
    func makeV2Workspace(at url: URL) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: url.appendingPathComponent(Workspace.databaseFileName).path)
        try Schema.migrator.migrate(queue, upTo: "v2")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO scan (id, scope, ruleSetFingerprint, settingsFingerprint, startedWhen, finishedWhen)
                VALUES (1, 'all', 'rules', 'settings', '2026-11-30T10:00:00.000Z', '2026-11-30T10:01:00.000Z');
                INSERT INTO contentVersion (id, keyContentId, keyVersion, spaceKey, contentId, contentType, title, version,
                  isHistorical, ruleSetFingerprint, settingsFingerprint, scanId, scannedWhen)
                VALUES (1, '100', '1', 'OPS', '100', 'page', 'Runbook', 1, 0, 'rules', 'settings', 1, '2026-11-30T10:00:30.000Z'),
                       (2, 'notes.txt', 'sha256:0', '', NULL, 'file', 'notes.txt', NULL, 0, 'rules', 'settings', 1,
                        '2026-11-30T10:00:30.000Z');
                INSERT INTO finding (contentVersionId, ruleName, severity, confidence, matchText, lineNumber, line,
                  startOffset, endOffset, fingerprint)
                VALUES (1, 'AWS_CLIENT_ID', 'high', 'high', 'AKIAFAKEEXAMPLE00001', 1, 'key AKIAFAKEEXAMPLE00001', 4, 24, 'f1'),
                       (1, 'AWS_CLIENT_ID', 'high', 'high', 'AKIAFAKEEXAMPLE00002', 2, 'key AKIAFAKEEXAMPLE00002', 30, 50, 'f2');
                """)
        }
    }

    @Test("v2 -> v3: versions learn their finding counts, and a scan's findings are still its findings")
    func v2ToV3() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sift-migration-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try makeV2Workspace(at: directory)

        let workspace = try Workspace.open(at: directory)
        let page = try workspace.findings(.scan(ScanID(1)))
        #expect(page.records.map(\.finding.matchText) == ["AKIAFAKEEXAMPLE00001", "AKIAFAKEEXAMPLE00002"])
        let counts = try workspace.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, findingCount FROM contentVersion ORDER BY id").map { [$0[0], $0[1]] as [Int] }
        }
        #expect(counts == [[1, 2], [2, 0]])
        #expect(try workspace.integrityCheck() == ["ok"])
    }
}
