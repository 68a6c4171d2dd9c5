/// What a scan covers, in the terms of the Confluence app's scan operations.
///
/// The raw value is stored in the workspace and shown to users: `all`, `space:KEY`,
/// `content:ID`, `content-version:ID@CREATED_WHEN`, `files:PATH`. An interrupted scan is resumed
/// by a new scan of the same scope with the same rule set and settings.
public struct ScanScope: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The stored form, e.g. `space:ENG`.
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// Every space of the source.
    public static let all = ScanScope(rawValue: "all")

    /// One space, by its case-sensitive key.
    public static func space(_ key: String) -> ScanScope { ScanScope(rawValue: "space:\(key)") }

    /// Every version of one content.
    public static func content(_ id: String) -> ScanScope { ScanScope(rawValue: "content:\(id)") }

    /// One version of one content, as `POST scan/content/version?id=&createdWhen=` names it.
    public static func contentVersion(_ id: String, createdWhen: String) -> ScanScope {
        ScanScope(rawValue: "content-version:\(id)@\(createdWhen)")
    }

    /// Plain files under a path.
    public static func files(_ path: String) -> ScanScope { ScanScope(rawValue: "files:\(path)") }

    /// The stored form.
    public var description: String { rawValue }
}
