import Foundation
import GRDB
import SiftCore

/// A Sift workspace: a directory holding one SQLite database (`sift.sqlite`, in WAL mode) with the
/// scans, findings, content versions scanned, reviews, global reviews, rules state and settings.
///
/// The store keeps findings in plaintext — match, secret and line — because it is the user's own
/// local copy of what the scan saw, and reviews, deduplication and rescans need the exact match
/// text. Redaction happens on the way out (`SiftReport`), under `includePlaintextInExports`.
/// Protect the workspace directory like the export it was made from.
///
/// Durability: every write is one transaction, `synchronous = FULL` in WAL mode. A process killed
/// at any moment (even with `SIGKILL`) leaves the database consistent with every committed write
/// in it; the next open recovers the WAL. Several processes may use a workspace at once (one
/// writes at a time; readers see consistent snapshots).
public final class Workspace: Sendable {
    /// The workspace directory.
    public let url: URL
    let pool: DatabasePool

    /// The name of the database file inside the workspace directory.
    public static let databaseFileName = "sift.sqlite"

    private init(url: URL, pool: DatabasePool) {
        self.url = url
        self.pool = pool
    }

    /// Opens the workspace at `url`, creating the directory and the database when missing and
    /// bringing the schema up to date.
    ///
    /// - Throws: ``StoreError`` `workspace-not-a-directory` when `url` is a file,
    ///   `workspace-foreign-database` when the database file is not Sift's (another SQLite
    ///   database, or not SQLite at all), `workspace-corrupt` when SQLite cannot read it,
    ///   `workspace-too-new` when a newer Sift wrote it.
    public static func open(at url: URL) throws(StoreError) -> Workspace {
        let location = SourceLocation(file: url.path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw StoreError(code: "workspace-not-a-directory", "the workspace path is a file, not a directory", at: location)
            }
        } else {
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } catch {
                throw StoreError(code: "workspace-unreadable", "cannot create the workspace directory: \(error)", at: location)
            }
        }
        let databaseURL = url.appendingPathComponent(databaseFileName)
        try checkHeader(of: databaseURL)

        var configuration = Configuration()
        configuration.label = "sift-workspace"
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(30)
        let databaseLocation = SourceLocation(file: databaseURL.path)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: databaseURL.path, configuration: configuration)
        } catch {
            throw openError(error, at: databaseLocation)
        }
        do {
            try pool.barrierWriteWithoutTransaction { db in
                let applicationID = try Int.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let objects = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                if applicationID != Schema.applicationID, objects > 0 {
                    throw StoreError(
                        code: "workspace-foreign-database",
                        "the database is not a Sift workspace (another application's SQLite file)", at: databaseLocation)
                }
                if try Schema.migrator.hasBeenSuperseded(db) {
                    throw StoreError(
                        code: "workspace-too-new", "the workspace was written by a newer Sift; upgrade Sift to open it",
                        at: databaseLocation)
                }
            }
            try Schema.migrator.migrate(pool)
            // After the pool is open: GRDB sets `synchronous = NORMAL` on its writer when it turns
            // WAL on, after any `prepareDatabase`; a commit would then reach the disk only at the
            // next checkpoint, and a power cut could undo it.
            try pool.barrierWriteWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        } catch let error as StoreError {
            throw error
        } catch {
            throw openError(error, at: databaseLocation)
        }
        return Workspace(url: url, pool: pool)
    }

    /// Runs SQLite's `PRAGMA integrity_check` and returns its messages: `["ok"]` for a sound database.
    public func integrityCheck() throws(StoreError) -> [String] {
        try reading { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// The user name reviews record when no `--by` is given: `$USER`, else `$LOGNAME`, else the
    /// account name of the process owner.
    public static func currentUserName(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let user = environment["USER"], !user.isEmpty { return user }
        if let user = environment["LOGNAME"], !user.isEmpty { return user }
        return NSUserName()
    }

    // MARK: Internal helpers

    /// A file that exists, is not empty and does not start with the SQLite header is foreign.
    private static func checkHeader(of databaseURL: URL) throws(StoreError) {
        guard let handle = FileHandle(forReadingAtPath: databaseURL.path) else { return }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if !header.isEmpty, header != Data("SQLite format 3\0".utf8) {
            throw StoreError(
                code: "workspace-foreign-database", "the database file is not SQLite (not a Sift workspace)",
                at: SourceLocation(file: databaseURL.path))
        }
    }

    private static func openError(_ error: any Error, at location: SourceLocation) -> StoreError {
        if let error = error as? DatabaseError,
            [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode)
        {
            return StoreError(code: "workspace-corrupt", "the workspace database is damaged: \(error.message ?? "\(error)")", at: location)
        }
        return StoreError(code: "workspace-unreadable", "cannot open the workspace database: \(error)", at: location)
    }

    func reading<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw Self.storeError(error)
        }
    }

    func writing<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.write(body)
        } catch {
            throw Self.storeError(error)
        }
    }

    static func storeError(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        return StoreError(code: "database-error", "\(error)")
    }
}
