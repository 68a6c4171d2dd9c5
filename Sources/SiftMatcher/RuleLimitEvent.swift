/// A rule that reached a PCRE2 limit (match limit, depth limit, JIT stack, heap) while scanning a
/// text. Its remaining matches in that text are not reported; by default the rule is also switched
/// off for the rest of the scan with this scratch (see ``CompiledRuleSet/Options/disableRulesAtLimit``).
public struct RuleLimitEvent: Sendable, Hashable {
    /// The rule's index.
    public var rule: Int
    /// The rule's name.
    public var ruleName: String
    /// Where in the text the attempt started.
    public var offset: Int
    /// PCRE2's message (e.g. "match limit exceeded").
    public var message: String
}
