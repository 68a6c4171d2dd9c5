/// The syntax tree of a regular expression, as much of it as literal extraction needs.
///
/// The parser (``RegexParser``) understands the PCRE2 syntax that secret-detection rules use.
/// Constructs that matter to the set of strings a pattern can match are kept; the rest (capture
/// numbering, greediness, atomicity) are dropped, because they only restrict which of the possible
/// strings PCRE2 picks, never add to them. Anything the parser does not understand becomes
/// ``unsupported(_:)``, which makes the whole rule *unfiltered*: always a candidate, never wrong.
indirect enum RegexNode: Sendable, Equatable {
    /// Matches the empty string (also: anchors, `\b`, option settings, comments).
    case empty
    /// One character, compared exactly or ASCII-case-insensitively.
    case char(Unicode.Scalar, caseless: Bool)
    /// A set of characters: an explicit class, an escape such as `\d`, or `.`.
    case charClass(CharacterClass)
    /// A zero-width lookahead or lookbehind; its body matters only for how far a match can look.
    case lookaround(RegexNode, behind: Bool)
    /// A sequence.
    case concat([RegexNode])
    /// Alternatives.
    case alternation([RegexNode])
    /// `node{min,max}`; `max == nil` is unbounded.
    case repetition(RegexNode, min: Int, max: Int?)
    /// A back reference: any text of unknown length.
    case backReference
    /// A construct the parser does not handle; the reason names it.
    case unsupported(String)
}

/// A character class after parsing, reduced to what extraction needs.
struct CharacterClass: Sendable, Equatable {
    /// The members as inclusive scalar ranges when they are known exactly; `nil` when the class
    /// contains a property or a negated escape (its members are then unknown but ``maxBytes`` holds).
    var ranges: [ClosedRange<UInt32>]?
    /// Whether the class is negated (`[^…]`, `.`, `\D` …): its members are then "everything else".
    var negated: Bool
    /// Whether letters compare ASCII-case-insensitively (`(?i)`).
    var caseless: Bool
    /// The most UTF-8 bytes one member can take.
    var maxBytes: Int
    /// The fewest UTF-8 bytes one member can take.
    var minBytes: Int

    /// A class of unknown members whose characters take `minBytes...maxBytes` bytes.
    static func opaque(minBytes: Int = 1, maxBytes: Int = 4) -> CharacterClass {
        CharacterClass(ranges: nil, negated: false, caseless: false, maxBytes: maxBytes, minBytes: minBytes)
    }
}
