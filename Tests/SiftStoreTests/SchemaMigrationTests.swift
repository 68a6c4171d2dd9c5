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
    @Test("v3 -> v4: the files of trees move to their full paths, and one tree's file no longer stands for another's")
    func v3ToV4() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sift-migration-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: directory.appendingPathComponent(Workspace.databaseFileName).path)
        try Schema.migrator.migrate(queue, upTo: "v3")
        // Two trees with a config/app.env (the second's replaced the first's: the bug), a file
        // of the first tree also recorded under its full path, a file no input names, and a page.
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO scan (id, scope, ruleSetFingerprint, settingsFingerprint, startedWhen, finishedWhen)
                VALUES (1, 'all', 'rules', 'settings', '2026-11-30T10:00:00.000Z', '2026-11-30T10:01:00.000Z');
                INSERT INTO contentVersion (id, keyContentId, keyVersion, spaceKey, contentId, contentType, title, path,
                  isHistorical, ruleSetFingerprint, settingsFingerprint, scanId, scannedWhen, findingCount)
                VALUES (1, '100', '1', 'OPS', '100', 'page', 'Runbook', NULL, 0, 'rules', 'settings', 1, 'x', 0),
                       (2, 'config/app.env', 'sha256:3', '', NULL, 'file', 'config/app.env', 'config/app.env', 0, 'rules', 'settings', 1, 'x', 1),
                       (3, 'notes.txt', 'sha256:2', '', NULL, 'file', 'notes.txt', 'notes.txt', 0, 'rules', 'settings', 1, 'x', 1),
                       (4, 'orphan.txt', 'sha256:9', '', NULL, 'file', 'orphan.txt', 'orphan.txt', 0, 'rules', 'settings', 1, 'x', 0),
                       (5, '/trees/one/notes.txt', 'sha256:2', '', NULL, 'file', 'notes.txt', '/trees/one/notes.txt', 0,
                        'rules', 'settings', 1, 'x', 0),
                       (6, 'old.txt', 'sha256:6', '', NULL, 'file', 'old.txt', 'old.txt', 0, 'rules', 'settings', 1, '2026-11-30T10:00:00.000Z', 0),
                       (7, '/trees/one/old.txt', 'sha256:7', '', NULL, 'file', '/trees/one/old.txt', '/trees/one/old.txt', 0,
                        'rules', 'settings', 1, '2026-11-30T11:00:00.000Z', 0),
                       (8, 'new.txt', 'sha256:8', '', NULL, 'file', 'new.txt', 'new.txt', 0, 'rules', 'settings', 1, '2026-11-30T11:00:00.000Z', 0),
                       (9, '/trees/one/new.txt', 'sha256:9', '', NULL, 'file', '/trees/one/new.txt', '/trees/one/new.txt', 0,
                        'rules', 'settings', 1, '2026-11-30T10:00:00.000Z', 0);
                INSERT INTO finding (contentVersionId, ruleName, severity, confidence, matchText, path, lineNumber, line,
                  startOffset, endOffset, fingerprint)
                VALUES (2, 'PASSWORD_IN_CONFIG', 'high', 'high', 'password = fake', 'config/app.env', 1, 'password = fake', 0, 15, 'f1'),
                       (3, 'PASSWORD_IN_CONFIG', 'high', 'high', 'password = twin', 'notes.txt', 1, 'password = twin', 0, 15, 'f2');
                INSERT INTO attachmentRecord (contentVersionId, fileName, size, status, textBytes, durationMilliseconds)
                VALUES (2, 'config/app.env', 40, 'scanned', 40, 0.1), (2, 'config/app.env!inner/x.txt', 8, 'scanned', 8, 0.1),
                       (3, 'notes.txt', 5, 'scanned', 5, 0.1),
                       (4, 'orphan.txt', 5, 'scanned', 5, 0.1);
                INSERT INTO inputScan (id, path, state, scope, ruleSetFingerprint, settingsFingerprint, scanId, completedWhen, versions)
                VALUES (1, '/trees/one', 's1', 'all', 'rules', 'settings', 1, 'x', 2),
                       (2, '/trees/two/', 's2', 'all', 'rules', 'settings', 1, 'x', 1);
                INSERT INTO inputVersion (inputScanId, keyContentId, keyVersion)
                VALUES (1, 'config/app.env', 'sha256:1'), (1, 'notes.txt', 'sha256:2'), (2, 'config/app.env', 'sha256:3'),
                       (1, 'old.txt', 'sha256:6'), (1, 'new.txt', 'sha256:8');
                """)
        }
        try queue.close()

        let workspace = try Workspace.open(at: directory)
        let versions = try workspace.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, keyContentId, path, title FROM contentVersion ORDER BY id").map {
                "\($0[0] as Int64) \(($0[1] as String?) ?? "-") \(($0[2] as String?) ?? "-") \(($0[3] as String?) ?? "-")"
            }
        }
        #expect(versions == [
            "1 100 - Runbook", "2 /trees/two/config/app.env /trees/two/config/app.env /trees/two/config/app.env",
            "4 orphan.txt orphan.txt orphan.txt", "5 /trees/one/notes.txt /trees/one/notes.txt notes.txt",
            // Two versions of one full path: the one scanned last stays, moved or not.
            "7 /trees/one/old.txt /trees/one/old.txt /trees/one/old.txt", "8 /trees/one/new.txt /trees/one/new.txt /trees/one/new.txt",
        ])
        var records: [String] = []
        try workspace.forEachAttachmentRecord { records.append($0.fileName) }
        #expect(records.sorted() == ["/trees/two/config/app.env", "/trees/two/config/app.env!inner/x.txt", "orphan.txt"],
                "moved with their file; the twin's went with it")
        let findingPaths = try workspace.pool.read { db in try String.fetchAll(db, sql: "SELECT path FROM finding") }
        #expect(findingPaths == ["/trees/two/config/app.env"])
        let inputKeys = try workspace.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT inputScanId, keyContentId FROM inputVersion ORDER BY inputScanId, keyContentId").map {
                "\($0[0] as Int64) \($0[1] as String)"
            }
        }
        // The first tree's app.env is not recorded (the second's replaced it): its key stays as it
        // was, so the first tree is read again at its next scan and the file recorded anew.
        #expect(inputKeys == [
            "1 /trees/one/new.txt", "1 /trees/one/notes.txt", "1 /trees/one/old.txt", "1 config/app.env", "2 /trees/two/config/app.env",
        ])
        #expect(try workspace.findings(.scan(ScanID(1))).records.map(\.finding.provenance.path) == ["/trees/two/config/app.env"])
        #expect(try workspace.integrityCheck() == ["ok"])
    }
}
