/// What an export of findings contains.
public struct ExportOptions: Hashable, Sendable {
    /// Write secrets, matches and lines in plaintext (`includePlaintextInExports`). Default `false`:
    /// redacted forms (see ``Redaction``) and the fingerprint.
    public var plaintext: Bool
    /// The findings are deduplicated: add `firstVersion`, `lastVersion`, `versionCount`.
    public var deduplicated: Bool
    /// The export of reviewed false positives: add `reviewedBy`, `reviewedWhen`, `reviewScope`,
    /// `reviewComment`.
    public var reviews: Bool

    /// Creates options; the defaults are a redacted, non-deduplicated findings export.
    public init(plaintext: Bool = false, deduplicated: Bool = false, reviews: Bool = false) {
        self.plaintext = plaintext
        self.deduplicated = deduplicated
        self.reviews = reviews
    }
}
