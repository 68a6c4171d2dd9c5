/// One match of one rule in a text, as PCRE2 reports it.
public struct RawMatch: Sendable, Hashable {
    /// The index of the rule in the ``CompiledRuleSet``'s rules.
    public var rule: Int
    /// The whole match: half-open byte offsets into the scanned text.
    public var range: Range<Int>
    /// Capture groups 1…n: their byte ranges, `nil` for groups that did not participate. Empty for
    /// rules without groups.
    public var captures: [Range<Int>?]

    public init(rule: Int, range: Range<Int>, captures: [Range<Int>?] = []) {
        self.rule = rule
        self.range = range
        self.captures = captures
    }
}
