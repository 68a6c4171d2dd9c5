/// What literal analysis knows about the strings one ``RegexNode`` can match.
///
/// Every set here is a promise about *all* matches of the node, so that choosing a set never loses
/// a match:
/// - ``exact``: the complete set of strings the node matches (when small and finite);
/// - ``prefix``: every match starts with one of these; ``suffix``: every match ends with one;
/// - ``required``: every match contains one of these (the best such set found so far).
/// `nil` means unknown. A set that contains the empty literal promises nothing.
struct LiteralInfo: Sendable {
    /// The fewest and the most UTF-8 bytes a match can take; `maxLength == nil` is unbounded.
    var minLength: Int
    var maxLength: Int?
    var exact: [Literal]?
    var prefix: [Literal]?
    var suffix: [Literal]?
    var required: [Literal]?
    /// ``LiteralChooser/score(_:)`` of ``required`` when known (set together with it by the analyzer).
    var requiredScore: Double?

    /// The analysis of a node that matches exactly the strings of `set`.
    init(exact set: [Literal], minLength: Int, maxLength: Int) {
        self.minLength = minLength
        self.maxLength = maxLength
        exact = set
        prefix = set
        suffix = set
        required = LiteralSets.isUseful(set) ? set : nil
    }

    init(minLength: Int, maxLength: Int?) {
        self.minLength = minLength
        self.maxLength = maxLength
    }

    /// The empty string (anchors, lookarounds, option settings).
    static let empty = LiteralInfo(exact: [Literal.empty], minLength: 0, maxLength: 0)
}

/// Operations on sets of literals, with the limits that keep analysis cheap.
enum LiteralSets {
    /// The largest set analysis builds; bigger products are given up on (never wrong, just less precise).
    static let maxSetSize = 256
    /// Literals are cut to this many bytes (a prefix of a prefix is still a prefix).
    static let maxLiteralLength = 64

    /// Whether `set` is worth searching for: non-empty and without the empty literal.
    static func isUseful(_ set: [Literal]) -> Bool {
        !set.isEmpty && !set.contains { $0.bytes.isEmpty }
    }

    /// Removes duplicates; where a caseless literal and a case-sensitive one fold to the same bytes,
    /// keeps the caseless one (it matches a superset).
    static func normalize(_ set: [Literal]) -> [Literal] {
        guard set.count > 1 else { return set }
        // Keys are folded bytes; a cheap 64-bit hash of them finds the earlier literal to compare with.
        // An open-addressing table from hash to index in `out` (one entry per distinct hash, as a
        // dictionary would keep it), sized to stay at most half full.
        var capacity = 4
        while capacity < set.count * 2 { capacity <<= 1 }
        let mask = capacity - 1
        var hashes = [UInt64](repeating: 0, count: capacity)
        var indices = [Int32](repeating: -1, count: capacity)
        var out: [Literal] = []
        out.reserveCapacity(set.count)
        for literal in set {
            let key = foldedHash(literal)
            var slot = Int(truncatingIfNeeded: key ^ key >> 29) & mask
            while indices[slot] >= 0, hashes[slot] != key { slot = (slot + 1) & mask }
            let at = Int(indices[slot])
            if at >= 0, foldedEqual(out[at], literal) {
                let existing = out[at]
                if existing == literal || existing.caseless { continue }
                if literal.caseless {
                    out[at] = literal
                    continue
                }
                // Two different case-sensitive spellings of the same letters: keep both.
                out.append(literal)
            } else {
                hashes[slot] = key
                indices[slot] = Int32(out.count)
                out.append(literal)
            }
        }
        return out
    }

    /// FNV-1a over the folded bytes and the length.
    private static func foldedHash(_ literal: Literal) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(literal.bytes.count)
        for byte in literal.bytes {
            hash = (hash ^ UInt64(Literal.fold(byte))) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    private static func foldedEqual(_ a: Literal, _ b: Literal) -> Bool {
        guard a.bytes.count == b.bytes.count else { return false }
        for i in 0..<a.bytes.count where Literal.fold(a.bytes[i]) != Literal.fold(b.bytes[i]) { return false }
        return true
    }

    /// Every `a + b`, or `nil` when the product would exceed ``maxSetSize``. Literals longer than
    /// ``maxLiteralLength`` make the product `nil` too (callers that may cut literals use ``crossKeepingPrefix(_:_:)``).
    static func cross(_ a: [Literal], _ b: [Literal]) -> [Literal]? {
        guard a.count * b.count <= maxSetSize else { return nil }
        var out: [Literal] = []
        out.reserveCapacity(a.count * b.count)
        for x in a {
            for y in b {
                guard x.bytes.count + y.bytes.count <= maxLiteralLength else { return nil }
                out.append(x + y)
            }
        }
        return normalize(out)
    }

    /// `a + b` for prefixes: results are cut to their first ``maxLiteralLength`` bytes.
    static func crossKeepingPrefix(_ a: [Literal], _ b: [Literal]) -> [Literal]? {
        crossCutting(a, b) { $0.prefix(maxLiteralLength) }
    }

    /// `a + b` for suffixes: results are cut to their last ``maxLiteralLength`` bytes.
    static func crossKeepingSuffix(_ a: [Literal], _ b: [Literal]) -> [Literal]? {
        crossCutting(a, b) { $0.suffix(maxLiteralLength) }
    }

    private static func crossCutting(_ a: [Literal], _ b: [Literal], _ cut: ([UInt8]) -> ArraySlice<UInt8>)
        -> [Literal]?
    {
        guard a.count * b.count <= maxSetSize else { return nil }
        var out: [Literal] = []
        for x in a {
            for y in b {
                let joined = x + y
                out.append(joined.bytes.count > maxLiteralLength
                    ? Literal(folded: Array(cut(joined.bytes)), caseless: joined.caseless) : joined)
            }
        }
        return normalize(out)
    }

    /// The union, or `nil` when it would exceed ``maxSetSize``.
    static func union(_ sets: [[Literal]]) -> [Literal]? {
        let total = sets.reduce(0) { $0 + $1.count }
        guard total <= maxSetSize else { return nil }
        return normalize(sets.flatMap { $0 })
    }

    /// `set` repeated `count` times, or `nil` when too big.
    static func power(_ set: [Literal], _ count: Int) -> [Literal]? {
        var result: [Literal] = [Literal.empty]
        for _ in 0..<count {
            guard let next = cross(result, set) else { return nil }
            result = next
        }
        return result
    }
}
