import SiftCore

/// An earlier complete reading of an input, reused by ``Workspace/reuseCompletedInput(_:scan:)``
/// instead of reading the input again.
public struct CompletedInput: Hashable, Sendable {
    /// The scan that read the input to its end; `nil` if that scan was since deleted.
    public var scan: ScanID?
    /// When the reading completed: ISO 8601, UTC.
    public var completedWhen: String
    /// The content versions the input gave (each one now covered by the reusing scan).
    public var versions: Int
    /// The reader's diagnostics (warnings) of that reading, to report again.
    public var diagnostics: [Diagnostic]

    /// A completed reading from its parts.
    public init(scan: ScanID?, completedWhen: String, versions: Int, diagnostics: [Diagnostic] = []) {
        self.scan = scan
        self.completedWhen = completedWhen
        self.versions = versions
        self.diagnostics = diagnostics
    }
}
