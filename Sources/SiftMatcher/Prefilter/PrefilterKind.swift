/// Which search the literal prefilter runs (``CompiledRuleSet/Options/prefilter``). Every kind
/// reports the same occurrences; only the speed differs.
public enum PrefilterKind: Sendable, Hashable {
    /// Chosen per rule set from its literals (see `LiteralAutomaton.prefersFilter`).
    case automatic
    /// The Aho-Corasick DFA over every byte of the text.
    case automaton
    /// A SIMD gram filter that rejects most positions, then a trie walk from each one it keeps.
    case gramFilter
}
