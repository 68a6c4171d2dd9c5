/// Words searched for near a match (Google's hotwords, Presidio's context, Purview's supporting
/// evidence): ASCII-case-insensitively, as whole words, within ``within`` bytes before the match
/// start or after its end.
public struct ContextWords: Sendable, Hashable {
    /// How far from the match to look, in bytes.
    public var within: Int
    /// At least one must occur near the match, else the match is dropped.
    public var require: [String]
    /// One occurring near raises the confidence one level.
    public var raise: [String]
    /// One occurring near lowers the confidence one level.
    public var lower: [String]

    public init(within: Int = 80, require: [String] = [], raise: [String] = [], lower: [String] = []) {
        self.within = within
        self.require = require
        self.raise = raise
        self.lower = lower
    }
}
