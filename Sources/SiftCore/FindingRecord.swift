/// A finding as the workspace returns it and the exporters write it: the ``Finding`` and what the
/// workspace knows around it.
public struct FindingRecord: Hashable, Sendable {
    /// The finding; ``Finding/reviewed`` is computed from the reviews at query time.
    public var finding: Finding
    /// Set for deduplicated results: the versions of the content that hold the same match.
    public var versions: VersionRange?
    /// The review that hides the finding, when it is reviewed (a space review wins over a global one).
    public var review: Review?
    /// The sensitive strings of the finding's content version (the secrets, or whole matches, of
    /// its findings — this one's included — and the evidence of objects), sorted, that redaction
    /// must mask wherever they appear in this finding's ``Finding/line``: a line can hold more than
    /// one secret. The findings of one version share one array.
    public var alsoRedact: [String]

    public init(finding: Finding, versions: VersionRange? = nil, review: Review? = nil, alsoRedact: [String] = []) {
        self.finding = finding
        self.versions = versions
        self.review = review
        self.alsoRedact = alsoRedact
    }
}
