/// One detected secret or piece of regulated data, located in a content version.
///
/// The fields are those of ARCHITECTURE.md's finding list; exporters write them under the same
/// names. ``matchText`` is the whole regex match, as the Confluence app reports it; ``secret`` is
/// the pattern's secret capture when it has one. Both are plaintext here: redaction is the
/// exporters' job.
public struct Finding: Hashable, Sendable {
    /// The rule (pattern or object) id, e.g. `AWS_CLIENT_ID`.
    public var ruleName: String
    public var severity: Severity
    public var confidence: Confidence
    /// The whole match.
    public var matchText: String
    /// The secret capture, when the pattern names one.
    public var secret: String?
    public var provenance: Provenance
    /// The part of the content the match starts in.
    public var part: Part?
    /// 1-based line of the match start within the content version's text.
    public var lineNumber: Int
    /// The line that holds the match start (plaintext; exporters redact it).
    public var line: String
    /// Byte offsets of the match within the content version's text (half-open).
    public var startOffset: Int
    public var endOffset: Int
    /// Whether a review hides this finding.
    public var reviewed: Bool
    /// Stable identity of the secret under its rule: see ``Fingerprint/of(ruleName:secret:)``.
    public var fingerprint: String
    /// For objects (advanced patterns): the matches that made the expression true.
    public var evidence: [Evidence]

    public init(
        ruleName: String,
        severity: Severity,
        confidence: Confidence = .medium,
        matchText: String,
        secret: String? = nil,
        provenance: Provenance,
        part: Part? = nil,
        lineNumber: Int,
        line: String,
        startOffset: Int,
        endOffset: Int,
        reviewed: Bool = false,
        fingerprint: String? = nil,
        evidence: [Evidence] = []
    ) {
        self.ruleName = ruleName
        self.severity = severity
        self.confidence = confidence
        self.matchText = matchText
        self.secret = secret
        self.provenance = provenance
        self.part = part
        self.lineNumber = lineNumber
        self.line = line
        self.startOffset = startOffset
        self.endOffset = endOffset
        self.reviewed = reviewed
        self.fingerprint = fingerprint ?? Fingerprint.of(ruleName: ruleName, secret: secret ?? matchText)
        self.evidence = evidence
    }

    /// One match that contributed to an object's finding.
    public struct Evidence: Hashable, Sendable, Codable {
        public var ruleName: String
        public var matchText: String
        public var startOffset: Int
        public var endOffset: Int

        public init(ruleName: String, matchText: String, startOffset: Int, endOffset: Int) {
            self.ruleName = ruleName
            self.matchText = matchText
            self.startOffset = startOffset
            self.endOffset = endOffset
        }
    }
}
