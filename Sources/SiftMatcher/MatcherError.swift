import SiftCore

/// An error compiling a rule: PCRE2 rejected its pattern, or the rule is malformed.
///
/// It names the rule and the offset in its pattern (in bytes, 0-based), with PCRE2's own message,
/// so that a pack loader can point at the exact column in the YAML file.
public struct MatcherError: SiftError, Hashable {
    public var code: String
    public var message: String
    /// The rule's name, as given in its ``RuleSpec``.
    public var rule: String
    /// The byte offset in the pattern where PCRE2 stopped, when it says.
    public var patternOffset: Int?

    public init(code: String, message: String, rule: String, patternOffset: Int? = nil) {
        self.code = code
        self.message = message
        self.rule = rule
        self.patternOffset = patternOffset
    }

    public var location: SourceLocation { SourceLocation(rule: rule, offset: patternOffset) }
}
