/// A pattern pack: patterns and objects loaded from one YAML file (see docs/pattern-packs.md).
public struct Pack: Sendable, Hashable {
    /// The pack's id (`secrets`, `pii`, `objects`, or a user's own).
    public var id: String
    public var version: Int
    public var description: String
    /// The file it was loaded from.
    public var file: String
    /// Pack-wide allow-list: regexes tested against every secret of the pack's patterns (unless a
    /// pattern sets `useAllowList: false`).
    public var allow: [String]
    public var patterns: [DataPattern]
    public var objects: [DataObject]

    public init(
        id: String, version: Int = 1, description: String = "", file: String = "", allow: [String] = [],
        patterns: [DataPattern] = [], objects: [DataObject] = []
    ) {
        self.id = id
        self.version = version
        self.description = description
        self.file = file
        self.allow = allow
        self.patterns = patterns
        self.objects = objects
    }
}
