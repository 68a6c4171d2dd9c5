import GRDB
import GRDBSQLite

/// Binds one row's values straight to a prepared statement and runs it, for the rows a scan writes
/// per content version (a version, its attachment record, its findings).
///
/// GRDB's `execute(arguments:)` boxes every value in a `DatabaseValue`, binds through nested
/// closures and notifies its observers: on a source tree of 7 700 small files that was about a
/// third of the time spent writing the workspace (SQLite's own work is the rest). The statements are still
/// GRDB's (prepared and cached by it, run inside its write transaction); only binding and stepping
/// go to SQLite directly. Sift registers no transaction observers, so none is missed.
struct StatementBinder {
    private let handle: SQLiteStatement
    private var index: Int32 = 1

    private init(_ handle: SQLiteStatement) {
        self.handle = handle
    }

    /// Resets `statement`, lets `bind` bind all its parameters in order, and runs it to the end.
    ///
    /// - Throws: GRDB's `DatabaseError` with SQLite's code and message (a constraint, a full disk).
    static func execute(_ statement: Statement, in db: Database, _ bind: (inout StatementBinder) -> Void) throws {
        try query(statement, in: db, bind) { _ in }
    }

    /// ``execute(_:in:_:)`` for a query: `row` is called with each result row's columns.
    static func query(
        _ statement: Statement, in db: Database, _ bind: (inout StatementBinder) -> Void, row: (ResultColumns) -> Void
    ) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        var binder = StatementBinder(handle)
        bind(&binder)
        assert(binder.index - 1 == sqlite3_bind_parameter_count(handle), "\(statement.sql): wrong number of values")
        var code = sqlite3_step(handle)
        while code == SQLITE_ROW {
            row(ResultColumns(handle: handle))
            code = sqlite3_step(handle)
        }
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
        sqlite3_reset(handle)
    }

    mutating func bind(_ value: String?) {
        defer { index += 1 }
        guard var value else {
            sqlite3_bind_null(handle, index)
            return
        }
        value.withUTF8 { bytes in
            // SAFETY: SQLITE_TRANSIENT makes SQLite copy the bytes before the call returns, so the
            // buffer need not outlive it; the count is the buffer's.
            _ = bytes.withMemoryRebound(to: CChar.self) { text in
                sqlite3_bind_text(handle, index, text.baseAddress, Int32(text.count), Self.transient)
            }
        }
    }

    mutating func bind(_ value: Int64?) {
        defer { index += 1 }
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    mutating func bind(_ value: Int?) {
        bind(value.map(Int64.init))
    }

    mutating func bind(_ value: Bool) {
        bind(Int64(value ? 1 : 0))
    }

    mutating func bind(_ value: Double) {
        defer { index += 1 }
        sqlite3_bind_double(handle, index, value)
    }

    /// SQLite's `SQLITE_TRANSIENT` (the C macro `((sqlite3_destructor_type)-1)` is not imported).
    // SAFETY: SQLite defines SQLITE_TRANSIENT as the destructor pointer with all bits set; it is
    // compared, never called.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
