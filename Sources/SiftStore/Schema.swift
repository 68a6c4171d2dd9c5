import GRDB

/// The workspace schema, as a list of migrations. Never edit a shipped migration: add one.
package enum Schema {
    /// `PRAGMA application_id` of a Sift workspace: "SIFT" in ASCII.
    static let applicationID = 0x5349_4654

    /// The migrations, in order ("v1", "v2", ...). Package access: tests make workspaces of an
    /// earlier schema with it and check that opening them migrates what they hold.
    package static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")

            try db.create(table: "scan") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("scope", .text).notNull()
                t.column("ruleSetFingerprint", .text).notNull()
                t.column("settingsFingerprint", .text).notNull()
                t.column("startedWhen", .text).notNull()
                t.column("finishedWhen", .text)
                t.column("resumeCount", .integer).notNull().defaults(to: 0)
                t.column("versionsRecorded", .integer).notNull().defaults(to: 0)
                t.column("findingsRecorded", .integer).notNull().defaults(to: 0)
            }

            // One row per content version scanned. keyContentId/keyVersion: ContentVersionKey.
            try db.create(table: "contentVersion") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("keyContentId", .text).notNull()
                t.column("keyVersion", .text).notNull()
                t.column("spaceKey", .text).notNull().defaults(to: "")
                t.column("spaceName", .text)
                t.column("contentId", .text)
                t.column("versionContentId", .text)
                t.column("contentType", .text).notNull()
                t.column("title", .text)
                t.column("version", .integer)
                t.column("createdWhen", .text)
                t.column("isHistorical", .boolean).notNull()
                t.column("status", .text)
                t.column("containerId", .text)
                t.column("attachmentName", .text)
                t.column("path", .text)
                t.column("contentHash", .text)
                t.column("ruleSetFingerprint", .text).notNull()
                t.column("settingsFingerprint", .text).notNull()
                t.column("scanId", .integer).references("scan", onDelete: .setNull)
                t.column("scannedWhen", .text).notNull()
                t.uniqueKey(["keyContentId", "keyVersion"])
            }
            try db.create(index: "contentVersion_space", on: "contentVersion", columns: ["spaceKey", "keyContentId"])
            try db.create(index: "contentVersion_contentId", on: "contentVersion", columns: ["contentId"])
            try db.create(index: "contentVersion_scan", on: "contentVersion", columns: ["scanId"])

            try db.create(table: "finding") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("contentVersionId", .integer).notNull().references("contentVersion", onDelete: .cascade)
                t.column("ruleName", .text).notNull()
                t.column("severity", .text).notNull()
                t.column("confidence", .text).notNull()
                t.column("matchText", .text).notNull()
                t.column("secret", .text)
                t.column("part", .text)
                t.column("attachmentName", .text)
                t.column("path", .text)
                t.column("lineNumber", .integer).notNull()
                t.column("line", .text).notNull()
                t.column("startOffset", .integer).notNull()
                t.column("endOffset", .integer).notNull()
                t.column("fingerprint", .text).notNull()
                t.column("evidence", .text)  // JSON array of Finding.Evidence, NULL when empty
            }
            try db.create(index: "finding_contentVersion", on: "finding", columns: ["contentVersionId"])
            try db.create(index: "finding_match", on: "finding", columns: ["matchText", "ruleName"])

            try db.create(table: "attachmentRecord") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("contentVersionId", .integer).notNull().references("contentVersion", onDelete: .cascade)
                t.column("fileName", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("declaredType", .text)
                t.column("detectedType", .text)
                t.column("status", .text).notNull()
                t.column("reason", .text)
                t.column("detail", .text)
                t.column("textBytes", .integer).notNull()
                t.column("durationMilliseconds", .double).notNull()
            }
            try db.create(index: "attachmentRecord_contentVersion", on: "attachmentRecord", columns: ["contentVersionId"])

            try db.create(table: "spaceReview") { t in
                t.column("spaceKey", .text).notNull()
                t.column("matchText", .text).notNull()
                t.column("ruleName", .text).notNull()
                t.column("reviewedBy", .text)
                t.column("reviewedWhen", .text)
                t.column("comment", .text)
                t.primaryKey(["spaceKey", "matchText", "ruleName"])
            }

            try db.create(table: "globalReview") { t in
                t.column("matchText", .text).notNull()
                t.column("ruleName", .text).notNull()
                t.column("reviewedBy", .text)
                t.column("reviewedWhen", .text)
                t.column("comment", .text)
                t.primaryKey(["matchText", "ruleName"])
            }

            try db.create(table: "builtInRule") { t in
                t.primaryKey("name", .text)
                t.column("enabled", .boolean).notNull()
            }

            try db.create(table: "customRule") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique()
                t.column("regexp", .text).notNull()
                t.column("enabled", .boolean).notNull()
                t.column("createdWhen", .text).notNull()
            }

            try db.create(table: "setting") { t in
                t.primaryKey("name", .text)
                t.column("value", .text).notNull()  // JSON
            }
        }
        migrator.registerMigration("v2") { db in
            // One row per input (export, REST dump, file tree) read to its end: its path, its state on
            // disk, and how it was read. A rescan that finds the same row skips the input.
            try db.create(table: "inputScan") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("path", .text).notNull()
                t.column("state", .text).notNull()
                t.column("scope", .text).notNull()
                t.column("ruleSetFingerprint", .text).notNull()
                t.column("settingsFingerprint", .text).notNull()
                t.column("scanId", .integer).references("scan", onDelete: .setNull)
                t.column("completedWhen", .text).notNull()
                t.column("versions", .integer).notNull()
                t.column("diagnostics", .text)  // JSON array of Diagnostic, NULL when empty
                t.uniqueKey(["path", "scope", "ruleSetFingerprint", "settingsFingerprint"])
            }
            // The content versions each of those inputs gave: what a skipped input's scan covers.
            try db.create(table: "inputVersion", options: .withoutRowID) { t in
                t.column("inputScanId", .integer).notNull().references("inputScan", onDelete: .cascade)
                t.column("keyContentId", .text).notNull()
                t.column("keyVersion", .text).notNull()
                t.primaryKey(["inputScanId", "keyContentId", "keyVersion"])
            }
        }
        migrator.registerMigration("v3") { db in
            // How many findings each version has. The index on scanId then covers only the versions
            // with findings (all that "the findings of scan N" needs), so a rescan that rewrites a
            // version without findings, or an unchanged input's versions given the new scan, no
            // longer rewrites an index entry per version; and the writer learns whether a version
            // has findings to replace from the row instead of a subquery.
            try db.alter(table: "contentVersion") { t in
                t.add(column: "findingCount", .integer).notNull().defaults(to: 0)
            }
            try db.execute(sql: """
                UPDATE contentVersion SET findingCount = (SELECT count(*) FROM finding WHERE contentVersionId = contentVersion.id)
                """)
            try db.execute(sql: "DROP INDEX contentVersion_scan")
            try db.execute(sql: "CREATE INDEX contentVersion_scanFindings ON contentVersion(scanId) WHERE findingCount > 0")
        }
        migrator.registerMigration("v4") { db in
            // The files of a tree were recorded under their path inside the tree, so a second tree's
            // `config/app.env` replaced the first's record and findings. They are recorded under
            // their full path now, as a file named on the command line always was: the recorded
            // ones are moved there, under the tree that gave them (the input whose versions name
            // them; the latest, if several do), so that the next scan finds them instead of
            // recording each file a second time. A file no input names (its scan was killed before
            // its input was remembered) keeps its row; its tree's next scan records it anew.
            // Temporary tables with indexes of their own: inputVersion's key starts with the input,
            // and every lookup below is by version (without them the migration was quadratic).
            try db.execute(sql: """
                CREATE TEMP TABLE fileInput AS SELECT keyContentId, keyVersion, max(inputScanId) AS inputScanId
                FROM inputVersion WHERE substr(keyContentId, 1, 1) <> '/' GROUP BY keyContentId, keyVersion
                """)
            try db.execute(sql: "CREATE INDEX temp.fileInput_key ON fileInput(keyContentId, keyVersion)")
            try db.execute(sql: """
                CREATE TEMP TABLE movedFile AS
                SELECT cv.id, cv.keyContentId AS relative, cv.keyVersion,
                  (SELECT rtrim(s.path, '/') || '/' || cv.keyContentId FROM temp.fileInput f JOIN inputScan s ON s.id = f.inputScanId
                   WHERE f.keyContentId = cv.keyContentId AND f.keyVersion = cv.keyVersion) AS full
                FROM contentVersion cv WHERE cv.contentType = 'file' AND substr(cv.keyContentId, 1, 1) <> '/'
                """)
            try db.execute(sql: "DELETE FROM temp.movedFile WHERE full IS NULL")
            try db.execute(sql: "CREATE UNIQUE INDEX temp.movedFile_id ON movedFile(id)")
            try db.execute(sql: "CREATE INDEX temp.movedFile_full ON movedFile(full, keyVersion)")
            try db.execute(sql: "CREATE INDEX temp.movedFile_relative ON movedFile(relative, keyVersion)")
            // The same version also recorded under its full path (the file was named by itself
            // too), or moved there from another tree (a tree inside a tree scanned on its own):
            // one row stays (the recorded one, else the latest), the others go with their findings
            // and records. By hand: migrations run with foreign keys off, so nothing cascades (and
            // a record left behind would fail the check that follows the migration).
            func deleteVersions(in table: String) throws {
                for owned in ["finding", "attachmentRecord"] {
                    try db.execute(sql: "DELETE FROM \(owned) WHERE contentVersionId IN (SELECT id FROM temp.\(table))")
                }
                try db.execute(sql: "DELETE FROM contentVersion WHERE id IN (SELECT id FROM temp.\(table))")
            }
            try db.execute(sql: """
                CREATE TEMP TABLE goneFile AS SELECT m.id FROM temp.movedFile m
                WHERE EXISTS (SELECT 1 FROM contentVersion cv WHERE cv.keyContentId = m.full AND cv.keyVersion = m.keyVersion)
                  OR EXISTS (SELECT 1 FROM temp.movedFile o WHERE o.full = m.full AND o.keyVersion = m.keyVersion AND o.id > m.id)
                """)
            try deleteVersions(in: "goneFile")
            // (Their inputs' keys still move below: the version stays recorded under the full path.)
            try db.execute(sql: """
                UPDATE inputVersion SET keyContentId = rtrim((SELECT path FROM inputScan WHERE id = inputScanId), '/') || '/' || keyContentId
                WHERE substr(keyContentId, 1, 1) <> '/'
                  AND EXISTS (SELECT 1 FROM temp.movedFile m WHERE m.relative = inputVersion.keyContentId AND m.keyVersion = inputVersion.keyVersion)
                """)
            try db.execute(sql: """
                UPDATE finding SET path = (SELECT full FROM temp.movedFile m WHERE m.id = finding.contentVersionId)
                WHERE contentVersionId IN (SELECT id FROM temp.movedFile)
                  AND path = (SELECT relative FROM temp.movedFile m WHERE m.id = finding.contentVersionId)
                """)
            // A file's title and its attachment records' names are its path too (an archive's
            // members `path!member`): they move with it.
            try db.execute(sql: """
                UPDATE attachmentRecord SET fileName = (SELECT full FROM temp.movedFile m WHERE m.id = attachmentRecord.contentVersionId)
                  || substr(fileName, length((SELECT relative FROM temp.movedFile m WHERE m.id = attachmentRecord.contentVersionId)) + 1)
                WHERE contentVersionId IN (SELECT id FROM temp.movedFile)
                  AND EXISTS (SELECT 1 FROM temp.movedFile m WHERE m.id = attachmentRecord.contentVersionId
                    AND (fileName = m.relative OR substr(fileName, 1, length(m.relative) + 1) = m.relative || '!'))
                """)
            try db.execute(sql: """
                UPDATE contentVersion SET keyContentId = (SELECT full FROM temp.movedFile m WHERE m.id = contentVersion.id),
                  path = (SELECT full FROM temp.movedFile m WHERE m.id = contentVersion.id),
                  title = CASE WHEN title = keyContentId THEN (SELECT full FROM temp.movedFile m WHERE m.id = contentVersion.id)
                    ELSE title END
                WHERE id IN (SELECT id FROM temp.movedFile)
                """)
            // A file keeps one version: where a full path now holds several (a tree's file was also
            // named by itself while its bytes differed), the one scanned last stays.
            try db.execute(sql: """
                CREATE TEMP TABLE olderFile AS SELECT cv.id FROM contentVersion cv
                WHERE cv.contentType = 'file' AND cv.keyContentId IN (SELECT full FROM temp.movedFile)
                  AND EXISTS (SELECT 1 FROM contentVersion o WHERE o.contentType = 'file' AND o.keyContentId = cv.keyContentId
                    AND (o.scannedWhen > cv.scannedWhen OR (o.scannedWhen = cv.scannedWhen AND o.id > cv.id)))
                """)
            try deleteVersions(in: "olderFile")
            for table in ["fileInput", "movedFile", "goneFile", "olderFile"] { try db.execute(sql: "DROP TABLE temp.\(table)") }
        }
        return migrator
    }()
}
