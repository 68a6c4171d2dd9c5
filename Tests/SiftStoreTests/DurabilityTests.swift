import Foundation
import GRDB
@testable import SiftStore
import Testing

/// What the workspace promises about durability holds on the connection that writes.
@Suite struct DurabilityTests {
    @Test("the writer commits with synchronous = FULL in WAL mode")
    func synchronousFull() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let (mode, synchronous) = try temp.workspace.pool.write { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(mode == "wal")
        #expect(synchronous == 2, "2 is FULL; GRDB's default for a WAL pool is 1, NORMAL")
    }
}
