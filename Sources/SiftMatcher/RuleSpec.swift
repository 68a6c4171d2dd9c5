/// One regular expression to compile into a ``CompiledRuleSet``.
///
/// The matcher knows nothing of the DLP model: a pattern with two regexes and an exclusion is three
/// rule specs to it. Options are those of PCRE2; the pattern may also set them inline (`(?i)`).
public struct RuleSpec: Sendable, Hashable {
    /// A name for messages and statistics (a pattern id, `PATTERN#2`, a custom rule's name).
    public var name: String
    /// The pattern, in PCRE2 syntax.
    public var pattern: String
    /// `PCRE2_CASELESS`: letters match in either case.
    public var caseless: Bool
    /// `PCRE2_DOTALL`: `.` also matches a newline.
    public var dotAll: Bool
    /// `PCRE2_MULTILINE`: `^` and `$` match at line starts and ends.
    public var multiline: Bool
    /// `PCRE2_EXTENDED`: white space and `#` comments in the pattern are ignored.
    public var extended: Bool
    /// Literals to search for instead of those derived from the pattern. With keywords, the pattern
    /// runs over a whole text whenever one of them occurs in it (they need not lie inside matches).
    public var keywords: [String]?
    /// Whether ``keywords`` compare ASCII-case-insensitively.
    public var keywordsCaseless: Bool
    /// Whether a keyword counts only where it occurs as a whole word (see ``WordBoundary``); otherwise
    /// any occurrence, inside a longer word too, lets the rule run. Keywords are then searched for as
    /// written, never shortened, so that both ends of each occurrence can be checked.
    public var keywordsWholeWord: Bool

    public init(
        name: String, pattern: String, caseless: Bool = false, dotAll: Bool = false, multiline: Bool = false,
        extended: Bool = false, keywords: [String]? = nil, keywordsCaseless: Bool = true,
        keywordsWholeWord: Bool = false
    ) {
        self.name = name
        self.pattern = pattern
        self.caseless = caseless
        self.dotAll = dotAll
        self.multiline = multiline
        self.extended = extended
        self.keywords = keywords
        self.keywordsCaseless = keywordsCaseless
        self.keywordsWholeWord = keywordsWholeWord
    }
}
