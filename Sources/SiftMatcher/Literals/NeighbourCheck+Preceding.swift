extension NeighbourCheck {
    /// A second required literal, tested on each prefilter hit that passed the byte tests: one of
    /// ``literals`` must end a gap of ``minimumGap`` to ``maximumGap`` bytes, all of them in ``gap``,
    /// that ends where the hit starts.
    ///
    /// Why: the password-comparison rule
    /// `(?i)\b\w{0,30}(?:password|passwd|secret|pwd)\w{0,10}["'\]]{0,2}\s{0,3}(?:===?|!==?|\.equals\()…`
    /// is found through `==`, which Python code is full of (15 744 hits in the standard library, 11 549
    /// PCRE2 calls, no match); a keyword within 15 bytes before the `==` refuses nearly all of them
    /// for a few byte comparisons each.
    ///
    /// How it is derived, soundly: the check's stretch begins at item `i` of the top-level sequence,
    /// and the occurrence it is about starts where that item's text starts. An earlier item `k` whose
    /// complete set of strings is known (``LiteralInfo/exact``, spellings with a long s or a Kelvin
    /// sign included) and the items between them, whose lengths are bounded, then say: in every match,
    /// a string of that set ends where the gap's text begins, the gap being what items `k+1 ..< i`
    /// matched: between their fewest and most bytes, each byte one those items can match. A hit
    /// without such a string before it is not that occurrence in any match.
    package struct Preceding: Sendable, Hashable {
        /// The complete set of strings the earlier item matches.
        package var literals: [Literal]
        package var minimumGap: Int
        package var maximumGap: Int
        /// Every byte the gap's items can match (a superset).
        package var gap: Bytes

        /// The estimated chance that one of the literals ends at one of the gap's positions in
        /// ordinary text.
        var estimatedPassRate: Double {
            min(1, LiteralChooser.score(literals) * Double(maximumGap - minimumGap + 1))
        }
    }

    /// The longest gap tried (each hit may test every position of it).
    static let maxPrecedingGap = 64
    /// The most strings of the earlier item.
    static let maxPrecedingLiterals = 32
    /// The requirement is kept when the estimated chance that one of its strings ends somewhere in
    /// the gap is below this.
    static let maxPrecedingPassRate = 0.05

    /// The requirement of an earlier literal for occurrences that start where `items[i]` starts, or
    /// `nil` when no earlier item within ``maxPrecedingGap`` bytes has a known set of strings, or
    /// its strings are too common to refuse much.
    static func preceding(_ items: [RegexNode], _ infos: [LiteralInfo], before i: Int) -> Preceding? {
        var minimumGap = 0
        var maximumGap = 0
        var gap = Bytes.none
        for k in stride(from: i - 1, through: 0, by: -1) {
            if var exact = infos[k].exact {
                // The strings of the exact items that end with item `k` (a keyword spelled as a
                // sequence of characters is one item per character).
                var m = k - 1
                while m >= 0, let earlier = infos[m].exact, let crossed = LiteralSets.cross(earlier, exact),
                      crossed.count <= maxPrecedingLiterals
                {
                    exact = crossed
                    m -= 1
                }
                if LiteralSets.isUseful(exact), exact.count <= maxPrecedingLiterals {
                    let preceding = Preceding(literals: exact.literals, minimumGap: minimumGap, maximumGap: maximumGap,
                                              gap: gap)
                    if preceding.estimatedPassRate < maxPrecedingPassRate { return preceding }
                }
            }
            guard let length = infos[k].maxLength, let bytes = contentBytes(items[k]) else { return nil }
            minimumGap += infos[k].minLength
            maximumGap += length
            gap = gap.union(bytes)
            if maximumGap > maxPrecedingGap { return nil }
        }
        return nil
    }

    /// A superset of the bytes of the text of `node`, or `nil` when unknown.
    static func contentBytes(_ node: RegexNode) -> Bytes? {
        switch node {
        case .empty, .lookaround:
            return Bytes.none
        case .char, .charClass:
            return characterBytes(node)
        case .concat(let parts), .alternation(let parts):
            var set = Bytes.none
            for part in parts {
                guard let bytes = contentBytes(part) else { return nil }
                set = set.union(bytes)
            }
            return set
        case .repetition(let body, _, let maximum):
            return maximum == 0 ? Bytes.none : contentBytes(body)
        case .backReference, .unsupported:
            return nil
        }
    }
}

extension NeighbourCheck.Preceding {
    /// The requirement as scans test it: literals in one flat table, plain values.
    struct Test: Sendable {
        /// The literals are `table[literalStart ..< literalStart + literalCount]` of the table the
        /// scan passes (``CompiledRuleSet/Storage/precedingLiterals``); `literalCount == 0`: no test.
        let literalStart: Int
        let literalCount: Int
        let minimumGap: Int
        let maximumGap: Int
        let gap: NeighbourCheck.Bytes
        /// The last bytes of the literals: a position is compared with them only after one of these.
        let last: NeighbourCheck.Bytes

        static let none = Test(literalStart: 0, literalCount: 0, minimumGap: 0, maximumGap: 0, gap: .none, last: .none)

        init(literalStart: Int, literalCount: Int, minimumGap: Int, maximumGap: Int, gap: NeighbourCheck.Bytes,
             last: NeighbourCheck.Bytes) {
            self.literalStart = literalStart
            self.literalCount = literalCount
            self.minimumGap = minimumGap
            self.maximumGap = maximumGap
            self.gap = gap
            self.last = last
        }

        init(_ preceding: NeighbourCheck.Preceding, literalStart: Int) {
            var last = NeighbourCheck.Bytes.none
            for literal in preceding.literals {
                let byte = literal.bytes.last!
                last.insert(byte)
                if literal.caseless, Literal.fold(byte) &- 0x61 < 26 { last.insert(byte & ~0x20) }
            }
            self.init(literalStart: literalStart, literalCount: preceding.literals.count, minimumGap: preceding.minimumGap,
                      maximumGap: preceding.maximumGap, gap: preceding.gap, last: last)
        }

        /// Whether one of the literals ends a gap before `start`, as the requirement says.
        @inline(__always)
        func admits(_ text: UnsafeRawBufferPointer, start: Int, literals: UnsafeBufferPointer<Literal>) -> Bool {
            var distance = 0
            while true {
                let end = start - distance
                if distance >= minimumGap, end > 0, last.contains(text[end - 1]) {
                    for k in literalStart..<(literalStart + literalCount) {
                        let literal = literals[k]
                        if literal.matches(text, at: end - literal.bytes.count) { return true }
                    }
                }
                // The gap grows by the byte before it, which must be one of the gap's.
                guard distance < maximumGap, end > 0, gap.contains(text[end - 1]) else { return false }
                distance += 1
            }
        }
    }
}
