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
    var exact: LiteralSet?
    var prefix: LiteralSet?
    var suffix: LiteralSet?
    var required: LiteralSet?
    /// ``LiteralChooser/score(_:)`` of ``required`` when known (set together with it by the analyzer).
    var requiredScore: Double?
    /// The most bytes from the start of a match to the end of an occurrence of a ``required``
    /// literal inside it (every match has such an occurrence); `nil` when not known to be bounded.
    /// Windows start this far before an occurrence instead of ``maxLength``.
    var requiredReach: Int?

    /// The analysis of a node that matches exactly the strings of `set`.
    init(exact set: LiteralSet, minLength: Int, maxLength: Int) {
        self.minLength = minLength
        self.maxLength = maxLength
        exact = set
        prefix = set
        suffix = set
        required = LiteralSets.isUseful(set) ? set : nil
        requiredReach = maxLength
    }

    init(minLength: Int, maxLength: Int?) {
        self.minLength = minLength
        self.maxLength = maxLength
    }

    /// The empty string (anchors, lookarounds, option settings).
    static let empty = LiteralInfo(exact: LiteralSet([Literal.empty]), minLength: 0, maxLength: 0)
}

/// Operations on sets of literals, with the limits that keep analysis cheap.
enum LiteralSets {
    /// The largest set analysis builds; bigger products are given up on (never wrong, just less precise).
    static let maxSetSize = 256
    /// Literals are cut to this many bytes (a prefix of a prefix is still a prefix).
    static let maxLiteralLength = 64

    /// The length in bytes of the longest literal of `set`.
    static func longest(_ set: LiteralSet) -> Int {
        (0..<set.count).reduce(0) { max($0, set.length($1)) }
    }

    /// Whether `set` is worth searching for: non-empty and without the empty literal.
    static func isUseful(_ set: LiteralSet) -> Bool {
        !set.isEmpty && !(0..<set.count).contains { set.length($0) == 0 }
    }

    /// ``normalize(_:)-(LiteralSet)`` for an array of literals.
    static func normalize(_ set: [Literal]) -> [Literal] {
        guard set.count > 1 else { return set }
        return normalize(LiteralSet(set)).literals
    }

    /// Removes duplicates; where a caseless literal and a case-sensitive one fold to the same bytes,
    /// keeps the caseless one (it matches a superset).
    static func normalize(_ set: LiteralSet) -> LiteralSet {
        guard set.count > 1 else { return set }
        // The hot loops of analysis index the arrays directly (no slices, no per-literal values).
        let inBytes = set.bytes, inEnds = set.ends, inCaseless = set.caseless
        // Keys are folded bytes; a cheap 64-bit hash of them finds the earlier literal to compare with.
        // An open-addressing table from hash to index in `out` (one entry per distinct hash, as a
        // dictionary would keep it), sized to stay at most half full.
        var capacity = 4
        while capacity < inEnds.count * 2 { capacity <<= 1 }
        let mask = capacity - 1
        var hashes = [UInt64](repeating: 0, count: capacity)
        var indices = [Int32](repeating: -1, count: capacity)
        var bytes: [UInt8] = [], ends: [Int32] = [], caseless: [Bool] = []
        bytes.reserveCapacity(inBytes.count)
        ends.reserveCapacity(inEnds.count)
        caseless.reserveCapacity(inEnds.count)
        var start = 0
        for i in 0..<inEnds.count {
            let end = Int(inEnds[i])
            defer { start = end }
            let length = end - start
            var key: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(length)  // FNV-1a over the folded bytes and the length
            for k in start..<end { key = (key ^ UInt64(Literal.fold(inBytes[k]))) &* 0x0000_0100_0000_01B3 }
            var slot = Int(truncatingIfNeeded: key ^ key >> 29) & mask
            while indices[slot] >= 0, hashes[slot] != key { slot = (slot + 1) & mask }
            let at = Int(indices[slot])
            if at >= 0 {
                let atStart = at == 0 ? 0 : Int(ends[at - 1])
                if Int(ends[at]) - atStart == length, foldedEqual(bytes, atStart, inBytes, start, length) {
                    if caseless[at] { continue }
                    if inCaseless[i] {
                        // The caseless spelling matches a superset: it replaces the case-sensitive one.
                        for k in 0..<length { bytes[atStart + k] = inBytes[start + k] }
                        caseless[at] = true
                        continue
                    }
                    if equal(bytes, atStart, inBytes, start, length) { continue }
                    // Two different case-sensitive spellings of the same letters: keep both.
                    for k in start..<end { bytes.append(inBytes[k]) }
                    ends.append(Int32(bytes.count))
                    caseless.append(false)
                    continue
                }
            }
            hashes[slot] = key
            indices[slot] = Int32(ends.count)
            for k in start..<end { bytes.append(inBytes[k]) }
            ends.append(Int32(bytes.count))
            caseless.append(inCaseless[i])
        }
        return LiteralSet(bytes: bytes, ends: ends, caseless: caseless)
    }

    @inline(__always)
    private static func foldedEqual(_ a: [UInt8], _ aStart: Int, _ b: [UInt8], _ bStart: Int, _ length: Int) -> Bool {
        for k in 0..<length where Literal.fold(a[aStart + k]) != Literal.fold(b[bStart + k]) { return false }
        return true
    }

    @inline(__always)
    private static func equal(_ a: [UInt8], _ aStart: Int, _ b: [UInt8], _ bStart: Int, _ length: Int) -> Bool {
        for k in 0..<length where a[aStart + k] != b[bStart + k] { return false }
        return true
    }

    /// Every `a + b`, or `nil` when the product would exceed ``maxSetSize``. Literals longer than
    /// ``maxLiteralLength`` make the product `nil` too (callers that may cut literals use ``crossKeepingPrefix(_:_:)``).
    static func cross(_ a: LiteralSet, _ b: LiteralSet) -> LiteralSet? {
        crossCutting(a, b, limit: nil)
    }

    /// `a + b` for prefixes: results are cut to their first ``maxLiteralLength`` bytes.
    static func crossKeepingPrefix(_ a: LiteralSet, _ b: LiteralSet) -> LiteralSet? {
        crossCutting(a, b, limit: (maxLiteralLength, keepingPrefix: true))
    }

    /// `a + b` for suffixes: results are cut to their last ``maxLiteralLength`` bytes.
    static func crossKeepingSuffix(_ a: LiteralSet, _ b: LiteralSet) -> LiteralSet? {
        crossCutting(a, b, limit: (maxLiteralLength, keepingPrefix: false))
    }

    /// `a + b` for suffixes, where the whole product would be too big: `a`'s literals cut to their
    /// last bytes, as many as keep the product within ``maxSetSize`` (`nil` when even one byte of
    /// each is too many). Every string that ends with one of `a`'s literals followed by one of
    /// `b`'s ends with one of these too, and they are longer than `b`'s alone: for
    /// `[0-9]{3}-[0-9]{2}-`, `-DD-` rather than the `DD-` the fold would otherwise be left with.
    static func crossCuttingSuffixes(_ a: LiteralSet, _ b: LiteralSet) -> LiteralSet? {
        crossKeepingSuffix(a, b) ?? longestCut(a, fitting: b.count, keepingPrefix: false).flatMap { crossKeepingSuffix($0, b) }
    }

    /// `a + b` for prefixes, where the whole product would be too big: `b`'s literals cut to their
    /// first bytes, as many as keep the product within ``maxSetSize`` (see
    /// ``crossCuttingSuffixes(_:_:)``).
    static func crossCuttingPrefixes(_ a: LiteralSet, _ b: LiteralSet) -> LiteralSet? {
        crossKeepingPrefix(a, b) ?? longestCut(b, fitting: a.count, keepingPrefix: true).flatMap { crossKeepingPrefix(a, $0) }
    }

    /// `set`'s literals cut to their first (`keepingPrefix`) or last `k` bytes, for the largest `k`
    /// (shorter than the longest literal) that leaves at most `maxSetSize / other` distinct ones;
    /// `nil` when no `k` does. Distinct cuts only grow with `k`, so `k` is found by bisection.
    private static func longestCut(_ set: LiteralSet, fitting other: Int, keepingPrefix: Bool) -> LiteralSet? {
        let room = maxSetSize / max(other, 1)
        guard room >= 1 else { return nil }
        var best: LiteralSet?
        var low = 1
        var high = longest(set) - 1
        while low <= high {
            let k = (low + high) / 2
            let cut = cut(set, to: k, keepingPrefix: keepingPrefix)
            if cut.count <= room {
                best = cut
                low = k + 1
            } else {
                high = k - 1
            }
        }
        return best
    }

    /// `set`'s literals cut to their first or last `k` bytes (shorter ones whole), normalized.
    static func cut(_ set: LiteralSet, to k: Int, keepingPrefix: Bool) -> LiteralSet {
        var out = LiteralSet()
        out.reserve(set.count, bytes: set.count * k)
        for i in 0..<set.count {
            let literal = set.bytes(i)
            let kept = keepingPrefix ? literal.prefix(k) : literal.suffix(k)
            out.append(kept, caseless: set.caseless[i])
        }
        return normalize(out)
    }

    /// Every `x + y` (caseless if either is), normalized; with `limit`, longer results are cut to
    /// their first or last `limit` bytes, without it they make the product `nil`.
    private static func crossCutting(_ a: LiteralSet, _ b: LiteralSet, limit: (Int, keepingPrefix: Bool)?)
        -> LiteralSet?
    {
        guard a.count * b.count <= maxSetSize else { return nil }
        let aBytes = a.bytes, aEnds = a.ends, aCaseless = a.caseless
        let bBytes = b.bytes, bEnds = b.ends, bCaseless = b.caseless
        var bytes: [UInt8] = [], ends: [Int32] = [], caseless: [Bool] = []
        bytes.reserveCapacity(aBytes.count * bEnds.count + bBytes.count * aEnds.count)
        ends.reserveCapacity(aEnds.count * bEnds.count)
        caseless.reserveCapacity(aEnds.count * bEnds.count)
        var xStart = 0
        for x in 0..<aEnds.count {
            let xEnd = Int(aEnds[x])
            var yStart = 0
            for y in 0..<bEnds.count {
                let yEnd = Int(bEnds[y])
                let total = xEnd - xStart + yEnd - yStart
                // The bytes of the joined literal that are kept: positions [skip, skip + kept).
                var skip = 0, kept = total
                if total > maxLiteralLength {
                    guard let (cut, keepingPrefix) = limit else { return nil }
                    kept = cut
                    skip = keepingPrefix ? 0 : total - cut
                }
                let joinedCaseless = aCaseless[x] || bCaseless[y]
                // A caseless literal's bytes are folded already; a case-sensitive one joining a
                // caseless one is folded here.
                let foldX = joinedCaseless && !aCaseless[x], foldY = joinedCaseless && !bCaseless[y]
                var position = 0
                for k in xStart..<xEnd {
                    if position >= skip, position < skip + kept { bytes.append(foldX ? Literal.fold(aBytes[k]) : aBytes[k]) }
                    position += 1
                }
                for k in yStart..<yEnd {
                    if position >= skip, position < skip + kept { bytes.append(foldY ? Literal.fold(bBytes[k]) : bBytes[k]) }
                    position += 1
                }
                ends.append(Int32(bytes.count))
                caseless.append(joinedCaseless)
                yStart = yEnd
            }
            xStart = xEnd
        }
        return normalize(LiteralSet(bytes: bytes, ends: ends, caseless: caseless))
    }

    /// The union, or `nil` when it would exceed ``maxSetSize``.
    static func union(_ sets: [LiteralSet]) -> LiteralSet? {
        let total = sets.reduce(0) { $0 + $1.count }
        guard total <= maxSetSize else { return nil }
        var out = LiteralSet()
        out.reserve(total, bytes: sets.reduce(0) { $0 + $1.bytes.count })
        for set in sets {
            for i in 0..<set.count { out.append(i, of: set) }
        }
        return normalize(out)
    }

    /// `set` repeated `count` times, or `nil` when too big.
    static func power(_ set: LiteralSet, _ count: Int) -> LiteralSet? {
        var result = LiteralSet([Literal.empty])
        for _ in 0..<count {
            guard let next = cross(result, set) else { return nil }
            result = next
        }
        return result
    }
}
