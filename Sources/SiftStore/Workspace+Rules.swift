import Foundation
import GRDB

extension Workspace {
    /// The built-in rules switched on or off by the user, by name (`PUT rules/built-in/{name}`).
    /// A rule that is absent has its pack's default state.
    public func builtInRuleStates() throws(StoreError) -> [String: Bool] {
        try reading { db in
            var states: [String: Bool] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, enabled FROM builtInRule") {
                states[row["name"]] = row["enabled"]
            }
            return states
        }
    }

    /// Enables or disables a built-in rule by name (e.g. `AWS_CLIENT_ID`). The workspace does not
    /// know the packs: the caller checks that the name exists.
    public func setBuiltInRule(_ name: String, enabled: Bool) throws(StoreError) {
        try writing { db in
            try db.execute(
                sql: "INSERT INTO builtInRule(name, enabled) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET enabled = excluded.enabled",
                arguments: [name, enabled])
        }
    }

    /// The custom rules, by id.
    public func customRules() throws(StoreError) -> [CustomRule] {
        try reading { db in
            try Row.fetchAll(db, sql: "SELECT * FROM customRule ORDER BY id").map(Self.customRule(from:))
        }
    }

    /// Creates a custom rule (`POST rules/custom`) and returns it with its generated id.
    ///
    /// - Throws: `custom-rule-exists` when a custom rule has that name; `invalid-argument` for an
    ///   empty name or expression.
    @discardableResult
    public func addCustomRule(name: String, regexp: String, enabled: Bool = true, now: Date = Date()) throws(StoreError) -> CustomRule {
        guard !name.isEmpty, !regexp.isEmpty else {
            throw StoreError(code: "invalid-argument", "a custom rule needs a name and a regular expression")
        }
        let created = Timestamp.string(now)
        return try writing { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM customRule WHERE name = ?)", arguments: [name]) == true {
                throw StoreError(code: "custom-rule-exists", "a custom rule named \"\(name)\" exists already")
            }
            try db.execute(
                sql: "INSERT INTO customRule(name, regexp, enabled, createdWhen) VALUES (?, ?, ?, ?)",
                arguments: [name, regexp, enabled, created])
            return CustomRule(id: db.lastInsertedRowID, name: name, regexp: regexp, enabled: enabled, createdWhen: created)
        }
    }

    /// Deletes a custom rule by id (`DELETE rules/custom/{id}`).
    ///
    /// - Throws: `unknown-custom-rule` when no rule has that id.
    public func deleteCustomRule(id: Int64) throws(StoreError) {
        let changed = try writing { db in
            try db.execute(sql: "DELETE FROM customRule WHERE id = ?", arguments: [id])
            return db.changesCount
        }
        if changed == 0 { throw StoreError(code: "unknown-custom-rule", "no custom rule with id \(id)") }
    }

    /// Enables or disables a custom rule.
    ///
    /// - Throws: `unknown-custom-rule` when no rule has that id.
    public func setCustomRule(id: Int64, enabled: Bool) throws(StoreError) {
        let changed = try writing { db in
            try db.execute(sql: "UPDATE customRule SET enabled = ? WHERE id = ?", arguments: [enabled, id])
            return db.changesCount
        }
        if changed == 0 { throw StoreError(code: "unknown-custom-rule", "no custom rule with id \(id)") }
    }

    private static func customRule(from row: Row) -> CustomRule {
        CustomRule(id: row["id"], name: row["name"], regexp: row["regexp"], enabled: row["enabled"], createdWhen: row["createdWhen"])
    }
}
