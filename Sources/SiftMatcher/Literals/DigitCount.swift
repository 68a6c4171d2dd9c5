/// The fewest ASCII digits any match of a ``RegexNode`` holds: for rules without a usable literal
/// whose matches are digit runs (payment cards), the engine runs PCRE2 only where that many digits
/// occur within the longest match's length (see ``LiteralPlan/minimumDigits``).
///
/// Digits are the bytes `0`–`9`; `\d` is exactly those in PCRE2's UTF mode without UCP (a pattern
/// that turns UCP on is unsupported, and unsupported patterns get no digit gate). Unknown
/// constructs count as none, which only weakens the gate.
enum DigitCount {
    static func minimum(_ node: RegexNode) -> Int {
        switch node {
        case .char(let scalar, _):
            return scalar.value >= 0x30 && scalar.value <= 0x39 ? 1 : 0
        case .charClass(let cc):
            guard !cc.negated, let ranges = cc.ranges, !ranges.isEmpty else { return 0 }
            return ranges.allSatisfy { $0.lowerBound >= 0x30 && $0.upperBound <= 0x39 } ? 1 : 0
        case .concat(let items):
            return min(items.reduce(0) { $0 + minimum($1) }, cap)
        case .alternation(let branches):
            return branches.map(minimum).min() ?? 0
        case .repetition(let body, let count, _):
            return min(count, cap) * minimum(body) > cap ? cap : min(count, cap) * minimum(body)
        case .empty, .lookaround, .backReference, .unsupported:
            return 0
        }
    }

    /// Counts stop here (a rule needs far fewer to be worth a gate).
    private static let cap = 1 << 16
}
