import SiftCore

/// An error of the workspace store: a stable kebab-case ``code``, a message and where.
///
/// Codes: `workspace-not-a-directory`, `workspace-unreadable`, `workspace-foreign-database`,
/// `workspace-corrupt`, `workspace-too-new`, `database-error`, `confirmation-required`,
/// `csv-invalid`, `unknown-scan`, `unknown-setting`, `invalid-setting`, `unknown-custom-rule`,
/// `custom-rule-exists`, `invalid-argument`.
public struct StoreError: SiftError, Equatable {
    /// A stable kebab-case code (see the list above).
    public var code: String
    /// What went wrong, for people.
    public var message: String
    /// The file (workspace, CSV file) and line and column when known.
    public var location: SourceLocation

    /// An error with a code, a message and a location.
    public init(code: String, _ message: String, at location: SourceLocation = SourceLocation()) {
        self.code = code
        self.message = message
        self.location = location
    }
}
