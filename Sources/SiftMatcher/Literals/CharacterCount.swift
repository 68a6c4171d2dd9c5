/// The fewest bytes of a ``CharacterGate/Characters`` class that any match of a ``RegexNode``
/// holds: the analysis behind ``LiteralPlan/characterGate``.
///
/// A character or class counts only when every byte it can match is in the class: `\d` is exactly
/// `0`–`9` in PCRE2's UTF mode without UCP (a pattern that turns UCP on is unsupported and gets no
/// gate), and a caseless letter also matches its lowercase form, so it never counts as a capital.
/// Unknown constructs count as none, which only weakens the gate.
enum CharacterCount {
    static func minimum(_ node: RegexNode, of characters: CharacterGate.Characters) -> Int {
        switch node {
        case .char(let scalar, let caseless):
            guard scalar.isASCII, characters.contains(UInt8(scalar.value)) else { return 0 }
            return caseless && isLetter(scalar.value) ? 0 : 1
        case .charClass(let cc):
            guard !cc.negated, let ranges = cc.ranges, !ranges.isEmpty else { return 0 }
            let inside = ranges.allSatisfy { range in
                range.upperBound < 0x80 && (range.lowerBound...range.upperBound).allSatisfy { value in
                    characters.contains(UInt8(value)) && !(cc.caseless && isLetter(value))
                }
            }
            return inside ? 1 : 0
        case .concat(let items):
            return min(items.reduce(0) { $0 + minimum($1, of: characters) }, cap)
        case .alternation(let branches):
            return branches.map { minimum($0, of: characters) }.min() ?? 0
        case .repetition(let body, let count, _):
            let each = minimum(body, of: characters)
            return each == 0 ? 0 : min(min(count, cap) * each, cap)
        case .empty, .lookaround, .backReference, .unsupported:
            return 0
        }
    }

    private static func isLetter(_ value: UInt32) -> Bool {
        (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A
    }

    /// Counts stop here (a rule needs far fewer to be worth a gate).
    private static let cap = 1 << 16
}
