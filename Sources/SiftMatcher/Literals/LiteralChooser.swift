/// Picks the best of several literal sets that each satisfy "every match contains one of these".
///
/// Best means fewest expected prefilter hits on ordinary text: the sum over the set of each
/// literal's estimated probability at a position (``ByteFrequency``), plus a small cost per literal
/// for the automaton's size. Long, rare literals win; a set that holds the empty literal is useless.
enum LiteralChooser {
    /// Cost added per literal, so that among equally rare sets the smaller one wins.
    static let costPerLiteral = 1e-7

    static func score(_ set: [Literal]) -> Double {
        set.reduce(0) { $0 + ByteFrequency.probability(of: $1) + costPerLiteral }
    }

    /// A set of literals with its reach (see ``LiteralInfo/requiredReach``).
    typealias Candidate = (set: [Literal]?, reach: Int?)

    static func best(_ candidates: [Candidate]) -> Candidate {
        var best: Candidate = (nil, nil)
        var bestScore = Double.infinity
        var bestShortest = 0
        for candidate in candidates {
            guard let set = candidate.set, LiteralSets.isUseful(set) else { continue }
            let s = score(set)
            var shortest = Int.max
            for literal in set { shortest = min(shortest, literal.bytes.count) }
            // Scores of long literals underflow to the per-literal cost: then the longer set wins.
            let tie = abs(s - bestScore) <= bestScore * 1e-9
            if tie ? shortest > bestShortest : s < bestScore {
                best = candidate
                bestScore = s
                bestShortest = shortest
            }
        }
        return best
    }
}
