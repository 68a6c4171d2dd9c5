import Foundation
import GRDB

extension Workspace {
    /// The workspace settings; defaults for those never set.
    public func settings() throws(StoreError) -> Settings {
        let stored = try reading { db in
            try Row.fetchAll(db, sql: "SELECT name, value FROM setting").map { ($0[0] as String, $0[1] as String) }
        }
        var settings = Settings()
        for (name, json) in stored where Settings.names.contains(name) {
            // Values are stored as JSON scalars; an unset log level is stored as null.
            let text: String
            if json == "null" {
                text = ""
            } else if json.hasPrefix("\"") {
                text = (try? JSONDecoder().decode(String.self, from: Data(json.utf8))) ?? ""
            } else {
                text = json
            }
            try? settings.set(name, to: text)
        }
        return settings
    }

    /// Changes the named settings, as `PUT settings?name=value&…` does: only the names given
    /// change; every value is checked before anything is written.
    ///
    /// - Throws: `unknown-setting` or `invalid-setting`; then nothing changes.
    @discardableResult
    public func updateSettings(_ changes: [String: String]) throws(StoreError) -> Settings {
        var settings = try settings()
        for (name, value) in changes.sorted(by: { $0.key < $1.key }) { try settings.set(name, to: value) }
        try save(settings, names: Array(changes.keys))
        return settings
    }

    /// Stores every setting of `settings`.
    public func saveSettings(_ settings: Settings) throws(StoreError) {
        try save(settings, names: Settings.names)
    }

    private func save(_ settings: Settings, names: [String]) throws(StoreError) {
        var rows: [(String, String)] = []
        for name in names {
            let json: String
            switch name {
            case "logLevelOverride":
                json = settings.logLevelOverride.map { String(decoding: (try? JSONEncoder().encode($0)) ?? Data(), as: UTF8.self) } ?? "null"
            default: json = try settings.value(named: name)
            }
            rows.append((name, json))
        }
        try writing { db in
            for (name, json) in rows {
                try db.execute(
                    sql: "INSERT INTO setting(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                    arguments: [name, json])
            }
        }
    }
}
