/// One scan as the workspace remembers it.
///
/// A scan that has no ``finishedWhen`` is incomplete: it was interrupted (killed, crashed,
/// cancelled) or is still running in another process. Starting a scan of the same scope with the
/// same fingerprints resumes it (see ``Workspace/beginScan(scope:ruleSetFingerprint:settingsFingerprint:)``).
public struct ScanRecord: Hashable, Sendable, Codable {
    /// The scan's id.
    public var id: ScanID
    /// What the scan covers.
    public var scope: ScanScope
    /// The fingerprint of the compiled rule set the scan uses.
    public var ruleSetFingerprint: String
    /// The fingerprint of the settings that change what a scan finds (e.g. `scanAttachments`).
    public var settingsFingerprint: String
    /// ISO 8601, UTC.
    public var startedWhen: String
    /// ISO 8601, UTC; `nil` while the scan is incomplete.
    public var finishedWhen: String?
    /// How many times an interrupted run of this scan was resumed.
    public var resumeCount: Int
    /// Content versions recorded by this scan, over all its runs.
    public var versionsRecorded: Int
    /// Findings recorded by this scan, over all its runs.
    public var findingsRecorded: Int

    /// Whether the scan ran to its end.
    public var isComplete: Bool { finishedWhen != nil }

    /// A scan as stored.
    public init(
        id: ScanID, scope: ScanScope, ruleSetFingerprint: String, settingsFingerprint: String, startedWhen: String,
        finishedWhen: String? = nil, resumeCount: Int = 0, versionsRecorded: Int = 0, findingsRecorded: Int = 0
    ) {
        self.id = id
        self.scope = scope
        self.ruleSetFingerprint = ruleSetFingerprint
        self.settingsFingerprint = settingsFingerprint
        self.startedWhen = startedWhen
        self.finishedWhen = finishedWhen
        self.resumeCount = resumeCount
        self.versionsRecorded = versionsRecorded
        self.findingsRecorded = findingsRecorded
    }
}
