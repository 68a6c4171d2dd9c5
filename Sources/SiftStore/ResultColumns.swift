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

    /// Column `index` as a comma-separated list of integers (what `group_concat` of ids gives),
    /// read from SQLite's bytes without making a string; empty when NULL.
    func integers(_ index: Int32) -> [Int64] {
        guard let text = sqlite3_column_text(handle, index) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, index))
        var values: [Int64] = []
        var value: Int64 = 0
        var digits = 0
        // SAFETY: SQLite keeps the column's `count` bytes valid until the statement steps again.
        for byte in UnsafeBufferPointer(start: text, count: count) {
            if byte >= 0x30 && byte <= 0x39 {
                value = value &* 10 &+ Int64(byte &- 0x30)
                digits += 1
            } else {
                if digits > 0 { values.append(value) }
                value = 0
                digits = 0
            }
        }
        if digits > 0 { values.append(value) }
        return values
    }

    /// Column `index` as an integer, `nil` when NULL.
    func int64(_ index: Int32) -> Int64? {
        sqlite3_column_type(handle, index) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, index)
    }
}
