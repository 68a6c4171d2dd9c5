/// Picks the best of several literal sets that each satisfy "every match contains one of these".
///
/// Best means fewest expected prefilter hits on ordinary text: the sum over the set of each
/// literal's estimated probability at a position (``ByteFrequency``), plus a small cost per literal
/// for the automaton's size. Long, rare literals win; a set that holds the empty literal is useless.
enum LiteralChooser {
    /// Cost added per literal, so that among equally rare sets the smaller one wins.
    static let costPerLiteral = 1e-7

    /// A set of literals that every match contains, its score when known, and its reach.
    typealias Candidate = (set: LiteralSet?, score: Double?, reach: Int?)

    static func score(_ set: [Literal]) -> Double {
        set.reduce(0) { $0 + ByteFrequency.probability(of: $1) + costPerLiteral }
    }

    /// ``score(_:)-([Literal])`` of a ``LiteralSet`` (the same sum, in the same order).
    static func score(_ set: LiteralSet) -> Double {
        let bytes = set.bytes, ends = set.ends, caseless = set.caseless
        var total = 0.0
        var start = 0
        for i in 0..<ends.count {
            let end = Int(ends[i])
            total = total + ByteFrequency.probability(of: bytes, start..<end, caseless: caseless[i]) + costPerLiteral
            start = end
        }
        return total
    }

    /// The best of `candidates` and its score; a candidate's score may be given when known (scoring
    /// a set of hundreds of literals is the main cost of literal analysis). A set equal to an earlier
    /// candidate reuses that one's score, so the result is exactly that of scoring every set.
    ///
    /// Each candidate carries its reach (see ``LiteralInfo/requiredReach``), returned with the winner.
    static func choose(_ candidates: [Candidate]) -> Candidate {
        var best: LiteralSet?
        var bestScore = Double.infinity
        var bestShortest = 0
        var bestReach: Int?
        var scored: [(set: LiteralSet, score: Double)] = []
        for case let (set?, known, reach) in candidates where LiteralSets.isUseful(set) {
            let s = known ?? scored.first(where: { $0.set == set })?.score ?? score(set)
            scored.append((set, s))
            let shortest = set.shortestLength
            // Scores of long literals underflow to the per-literal cost: then the longer set wins.
            let tie = abs(s - bestScore) <= bestScore * 1e-9
            if tie ? shortest > bestShortest : s < bestScore {
                best = set
                bestScore = s
                bestShortest = shortest
                bestReach = reach
            }
        }
        return (best, best == nil ? nil : bestScore, bestReach)
    }
}
