/// Computes ``LiteralInfo`` for a ``RegexNode`` tree, bottom up.
///
/// The rules (after Russ Cox's "Regular Expression Matching with a Trigram Index" and the literal
/// extraction of RE2 and Rust's regex-syntax, rewritten for PCRE2's syntax):
/// - a character is the set of its spellings (caseless ASCII letters fold; `k` and `s` also match
///   U+212A KELVIN SIGN and U+017F LATIN SMALL LETTER LONG S in PCRE2's UTF mode, so those spellings
///   join the set);
/// - a sequence crosses its parts' sets, and the suffix of one part crossed with the prefix of the
///   next is required in every match; where a product would grow too big, the side that reaches
///   into the other is cut to its bytes next to the join first (a suffix to its last ones, a
///   prefix to its first);
/// - alternatives unite their sets;
/// - `x{m,n}` with `m ≥ 1` keeps what `x` requires, and the largest power of `x`'s exact set that
///   stays small as prefix and suffix.
/// Whatever grows beyond ``LiteralSets/maxSetSize`` is given up on, never guessed.
enum LiteralAnalyzer {
    /// Classes with more members than this are not expanded into literals.
    static let maxClassExpansion = 16

    static func analyze(_ node: RegexNode) -> LiteralInfo {
        switch node {
        case .empty, .lookaround:
            return .empty
        case .char(let scalar, let caseless):
            return character(scalar, caseless: caseless)
        case .charClass(let cc):
            return characterClass(cc)
        case .backReference, .unsupported:
            return LiteralInfo(minLength: 0, maxLength: nil)
        case .concat(let items):
            var info = LiteralInfo.empty
            for item in items { info = concat(info, analyze(item)) }
            return info
        case .alternation(let branches):
            return alternation(branches.map(analyze))
        case .repetition(let body, let min, let max):
            return repetition(analyze(body), min: min, max: max)
        }
    }

    // MARK: - Atoms

    static func spellings(of scalar: Unicode.Scalar, caseless: Bool) -> LiteralSet? {
        let bytes = Array(String(scalar).utf8)
        guard caseless else { return LiteralSet([Literal(bytes, caseless: false)]) }
        if !scalar.isASCII { return nil }  // Unicode case folding: unknown here
        let byte = UInt8(scalar.value)
        guard Literal.fold(byte) &- 0x61 < 26 else { return LiteralSet([Literal(bytes, caseless: false)]) }
        var set = [Literal([byte], caseless: true)]
        switch Literal.fold(byte) {
        case UInt8(ascii: "k"): set.append(Literal("\u{212A}"))
        case UInt8(ascii: "s"): set.append(Literal("\u{017F}"))
        default: break
        }
        return LiteralSet(set)
    }

    private static func character(_ scalar: Unicode.Scalar, caseless: Bool) -> LiteralInfo {
        guard let set = spellings(of: scalar, caseless: caseless) else {
            return LiteralInfo(minLength: 1, maxLength: 4)
        }
        let lengths = (0..<set.count).map(set.length)
        return LiteralInfo(exact: set, minLength: lengths.min()!, maxLength: lengths.max()!)
    }

    private static func characterClass(_ cc: CharacterClass) -> LiteralInfo {
        let unknown = LiteralInfo(minLength: cc.minBytes, maxLength: cc.maxBytes)
        guard !cc.negated, let ranges = cc.ranges else { return unknown }
        let members = ranges.reduce(0) { $0 + Int($1.upperBound - $1.lowerBound) + 1 }
        guard members <= maxClassExpansion * 2 else { return unknown }
        var spelledAll = LiteralSet()
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                guard let spelled = spellings(of: scalar, caseless: cc.caseless) else { return unknown }
                for i in 0..<spelled.count { spelledAll.append(i, of: spelled) }
            }
        }
        let set = LiteralSets.normalize(spelledAll)
        guard set.count <= maxClassExpansion, !set.isEmpty else { return unknown }
        let lengths = (0..<set.count).map(set.length)
        return LiteralInfo(exact: set, minLength: lengths.min()!, maxLength: lengths.max()!)
    }

    // MARK: - Combinations

    static func concat(_ a: LiteralInfo, _ b: LiteralInfo) -> LiteralInfo {
        var out = LiteralInfo(
            minLength: a.minLength + b.minLength,
            maxLength: a.maxLength.flatMap { x in b.maxLength.map { x + $0 } })
        if let ax = a.exact, let bx = b.exact { out.exact = LiteralSets.cross(ax, bx) }

        // Where `a`'s suffixes and `b`'s prefixes are their exact sets (single characters, small
        // classes, strings of them), every product below is `ax · bx`, which `out.exact` holds
        // whenever it exists (no literal was too long to cut): reuse it rather than build it again.
        let bPrefixIsExact = b.exact != nil && b.prefix == b.exact
        let aSuffixIsExact = a.exact != nil && a.suffix == a.exact
        if let ax = a.exact {
            if let exact = out.exact, bPrefixIsExact {
                out.prefix = exact
            } else {
                out.prefix = b.prefix.flatMap { LiteralSets.crossCuttingPrefixes(ax, $0) } ?? ax
            }
        } else {
            out.prefix = a.prefix
        }
        if let bx = b.exact {
            if let exact = out.exact, aSuffixIsExact {
                out.suffix = exact
            } else {
                out.suffix = a.suffix.flatMap { LiteralSets.crossCuttingSuffixes($0, bx) } ?? bx
            }
        } else {
            out.suffix = b.suffix
        }
        // Reaches: a literal of b's comes after all of a; a prefix literal starts the match; a suffix
        // or exact literal ends at most at the end of the longest match.
        var candidates: [LiteralChooser.Candidate] = [
            (a.required, a.requiredScore, a.requiredReach), (b.required, b.requiredScore, sum(a.maxLength, b.requiredReach)),
            (out.exact, nil, out.maxLength), (out.prefix, nil, out.prefix.map(LiteralSets.longest)),
            (out.suffix, nil, out.maxLength),
        ]
        if let s = a.suffix, let p = b.prefix {
            let reach = sum(a.maxLength, LiteralSets.longest(p))
            if let exact = out.exact, aSuffixIsExact, bPrefixIsExact {
                candidates.append((exact, nil, reach))
            } else if let both = LiteralSets.cross(s, p) {
                candidates.append((both, nil, reach))
            } else {
                // Too many together: `s` cut to its last bytes before all of `p`, or all of `s`
                // before `p` cut to its first bytes (an occurrence ends earlier: the reach still holds).
                candidates.append((LiteralSets.crossCuttingSuffixes(s, p), nil, reach))
                candidates.append((LiteralSets.crossCuttingPrefixes(s, p), nil, reach))
            }
        }
        (out.required, out.requiredScore, out.requiredReach) = LiteralChooser.choose(candidates)
        return out
    }

    static func alternation(_ branches: [LiteralInfo]) -> LiteralInfo {
        var out = LiteralInfo(
            minLength: branches.map(\.minLength).min() ?? 0,
            maxLength: branches.contains { $0.maxLength == nil } ? nil : branches.compactMap(\.maxLength).max() ?? 0)
        func unite(_ sets: [LiteralSet?]) -> LiteralSet? {
            let known = sets.compactMap { $0 }
            guard known.count == sets.count else { return nil }
            return LiteralSets.union(known)
        }
        out.exact = unite(branches.map(\.exact))
        out.prefix = unite(branches.map(\.prefix))
        out.suffix = unite(branches.map(\.suffix))
        let reaches = branches.map(\.requiredReach)
        (out.required, out.requiredScore, out.requiredReach) = LiteralChooser.choose([
            (unite(branches.map(\.required)), nil, reaches.contains(nil) ? nil : reaches.compactMap { $0 }.max()),
            (out.exact, nil, out.maxLength), (out.prefix, nil, out.prefix.map(LiteralSets.longest)),
            (out.suffix, nil, out.maxLength),
        ])
        return out
    }

    static func repetition(_ x: LiteralInfo, min: Int, max: Int?) -> LiteralInfo {
        let maxLength: Int?
        if let max, let xm = x.maxLength {
            maxLength = xm * max
        } else if x.maxLength == 0 {
            maxLength = 0
        } else {
            maxLength = nil
        }
        var out = LiteralInfo(minLength: x.minLength * min, maxLength: maxLength)
        if let xs = x.exact, let max, max - min <= LiteralSets.maxSetSize {
            // x^min, then each next power from the previous one (x^(k+1) = x^k · x).
            var sets: [LiteralSet] = []
            var power = LiteralSets.power(xs, min)
            var count = min
            while let p = power {
                sets.append(p)
                guard count < max else { break }
                power = LiteralSets.cross(p, xs)
                count += 1
            }
            if power != nil { out.exact = LiteralSets.union(sets) }
        }
        if let exact = out.exact {
            out.prefix = exact
            out.suffix = exact
            (out.required, out.requiredScore, out.requiredReach) = LiteralChooser.choose([(exact, nil, out.maxLength)])
            return out
        }
        guard min >= 1 else { return out }  // may be empty: nothing is promised
        if let xs = x.exact, LiteralSets.isUseful(xs) {
            // The largest power of x's spellings that stays small.
            var power = xs
            var count = 1
            while count < min, let next = LiteralSets.cross(power, xs) {
                power = next
                count += 1
            }
            out.prefix = power
            out.suffix = power
        } else {
            out.prefix = x.prefix
            out.suffix = x.suffix
        }
        // With at least one repetition, the first one holds an occurrence of x's literals as near
        // the start as x alone does.
        (out.required, out.requiredScore, out.requiredReach) = LiteralChooser.choose([
            (x.required, x.requiredScore, x.requiredReach), (out.prefix, nil, out.prefix.map(LiteralSets.longest)),
            (out.suffix, nil, out.maxLength),
        ])
        return out
    }

    /// `a + b`, or `nil` when either is unbounded.
    private static func sum(_ a: Int?, _ b: Int?) -> Int? {
        guard let a, let b else { return nil }
        return a + b
    }
}
