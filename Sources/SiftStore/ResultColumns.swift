import GRDB
import GRDBSQLite

/// The columns of the row a statement has just stepped to, read straight from SQLite: what
/// ``StatementBinder/query(_:in:_:row:)`` gives its `row` closure. Valid only inside that call.
struct ResultColumns {
    let handle: SQLiteStatement

    /// Column `index` as text, `nil` when NULL.
    func text(_ index: Int32) -> String? {
        sqlite3_column_text(handle, index).map { String(cString: $0) }
    }

    /// Column `index` as an integer, `nil` when NULL.
    func int64(_ index: Int32) -> Int64? {
        sqlite3_column_type(handle, index) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, index)
    }
}
