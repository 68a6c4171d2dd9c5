import SiftCore

/// The findings of one content item, and the problems met while scanning it.
public struct DetectionResult: Sendable {
    /// Findings, ordered by start offset, then rule.
    public var findings: [Finding]
    /// Rules that reached a PCRE2 limit in this item (their remaining matches here were not reported).
    public var diagnostics: [Diagnostic]

    public init(findings: [Finding] = [], diagnostics: [Diagnostic] = []) {
        self.findings = findings
        self.diagnostics = diagnostics
    }
}
