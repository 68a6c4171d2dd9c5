/// One input of a scan (an export zip or directory, a REST dump, a file tree) and how it was read:
/// the key under which ``Workspace/recordCompletedInput(_:versions:diagnostics:scan:now:)`` remembers
/// a complete reading and ``Workspace/reuseCompletedInput(_:scan:)`` finds it again.
///
/// Two readings match only when every field is equal: the same path in the same state, read with
/// the same rules, settings and scope.
public struct InputRecord: Hashable, Sendable {
    /// The input's absolute path.
    public var path: String
    /// What the input looked like on disk (e.g. a digest of its files' sizes and times), and which
    /// reader read it.
    public var state: String
    /// What was read of it (all, a space, a content …), e.g. ``ScanScope/rawValue``.
    public var scope: String
    /// The fingerprint of the rule set the findings were made with (``ScanRecord/ruleSetFingerprint``).
    public var ruleSetFingerprint: String
    /// The fingerprint of the settings that change what is read or found: the scan's
    /// (``ScanRecord/settingsFingerprint``), which its versions are recorded with.
    public var settingsFingerprint: String

    /// An input record from its parts.
    public init(path: String, state: String, scope: String, ruleSetFingerprint: String, settingsFingerprint: String) {
        self.path = path
        self.state = state
        self.scope = scope
        self.ruleSetFingerprint = ruleSetFingerprint
        self.settingsFingerprint = settingsFingerprint
    }
}
