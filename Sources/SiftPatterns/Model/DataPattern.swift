import SiftCore

/// A simple data pattern (Forcepoint's term): regular expressions and the checks around them that
/// decide whether a match is reported. Its ``id`` is the rule name users see (`AWS_CLIENT_ID`).
public struct DataPattern: Sendable, Hashable {
    /// SCREAMING_SNAKE_CASE, unique across packs (custom rules keep the name they were given).
    public var id: String
    public var name: String
    public var description: String
    public var category: String
    public var severity: Severity
    /// Include criteria: a match of any of them is a candidate finding.
    public var regexes: [String]
    /// The capture group that is the secret; `nil` for the whole match.
    public var secretGroup: Int?
    public var caseSensitive: Bool
    /// Explicit prefilter keywords: the regexes run over a whole text only when one occurs.
    public var keywords: [String]?
    /// Whether keywords may match inside words.
    public var ignoreWordBoundaries: Bool
    /// Exclude criteria: an include match that overlaps a match of one of these is dropped.
    public var exclude: [String]
    /// Checks the secret must pass.
    public var validators: [Validator]
    /// Checks that, when the secret passes them, raise the confidence to high; the match is reported
    /// either way.
    public var confirmedBy: [Validator]
    public var context: ContextWords?
    /// Regexes tested against the secret; a hit drops the match (known placeholders).
    public var allow: [String]
    /// Whether the pack-wide allow-list applies too.
    public var useAllowList: Bool
    /// `false` for building blocks that only objects use.
    public var report: Bool
    public var references: [String]
    public var examples: [String]
    public var negativeExamples: [String]
    /// Where the pattern is defined (pack file, line, column, id).
    public var location: SourceLocation
    /// Where each regex is in the pack file (for errors), parallel to ``regexes`` then ``exclude``.
    public var regexLocations: [SourceLocation]

    public init(
        id: String, name: String? = nil, description: String = "", category: String = "custom",
        severity: Severity = .medium, regexes: [String], secretGroup: Int? = nil, caseSensitive: Bool = true,
        keywords: [String]? = nil, ignoreWordBoundaries: Bool = false, exclude: [String] = [],
        validators: [Validator] = [], confirmedBy: [Validator] = [], context: ContextWords? = nil, allow: [String] = [],
        useAllowList: Bool = true, report: Bool = true, references: [String] = [], examples: [String] = [],
        negativeExamples: [String] = [], location: SourceLocation = SourceLocation(), regexLocations: [SourceLocation] = []
    ) {
        self.id = id
        self.name = name ?? id
        self.description = description
        self.category = category
        self.severity = severity
        self.regexes = regexes
        self.secretGroup = secretGroup
        self.caseSensitive = caseSensitive
        self.keywords = keywords
        self.ignoreWordBoundaries = ignoreWordBoundaries
        self.exclude = exclude
        self.validators = validators
        self.confirmedBy = confirmedBy
        self.context = context
        self.allow = allow
        self.useAllowList = useAllowList
        self.report = report
        self.references = references
        self.examples = examples
        self.negativeExamples = negativeExamples
        self.location = location
        self.regexLocations = regexLocations
    }
}
