extension NeighbourCheck {
    /// The most positions of ``behind`` and ``ahead``.
    static let maxPositions = 8

    /// The bytes each of the positions just before or after a stretch must hold, nearest first:
    /// the text of fixed-width items next to it, `items` in the order they are walked away from
    /// the stretch (the items before it reversed, or the items after it).
    ///
    /// Why: the US SSN rule `\b\d{3}[- ]\d{2}[- ]\d{4}\b` is found through `dd-` and `dd ` (200
    /// literals), and Python holds 178 000 such hits with a space or dash before and a digit after;
    /// three digits and a separator before, four digits after, refuse nearly all of them.
    ///
    /// Soundly: a character or a class of ASCII bytes only (so one character is one byte: no
    /// non-ASCII members, no caseless `k` or `s`), repeated `{m,n}`, ends (or begins) with `m`
    /// bytes of that class next to the stretch; zero-width items (anchors, lookarounds) take no
    /// bytes and are passed over. The walk stops at the first other item, or after the first
    /// repetition whose count varies (the bytes beyond it are not at a fixed place).
    static func fixedPositions(_ items: some Sequence<RegexNode>) -> [Bytes] {
        var positions: [Bytes] = []
        for item in joiningCopies(items) {
            if positions.count >= maxPositions { break }
            let body: RegexNode
            let minimum: Int
            let maximum: Int?
            switch item {
            case .empty, .lookaround:
                continue
            case .char, .charClass:
                (body, minimum, maximum) = (item, 1, 1)
            case .repetition(let inner, let min, let max):
                (body, minimum, maximum) = (inner, min, max)
            default:
                return positions
            }
            guard let bytes = characterBytes(body), !bytes.intersects(.high), !bytes.isAll else { return positions }
            positions += repeatElement(bytes, count: min(minimum, maxPositions - positions.count))
            if maximum != minimum { return positions }
        }
        return positions
    }

    /// The estimated chance that the bytes of ordinary text at `positions` pass.
    static func passRate(_ positions: [Bytes]) -> Double {
        positions.reduce(1) { $0 * $1.estimatedProbability }
    }
}
