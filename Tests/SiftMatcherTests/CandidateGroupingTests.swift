@testable import SiftMatcher
import Testing

@Suite struct CandidateGroupingTests {
    /// The grouping orders keys exactly as `sort()` does: random keys, keys mostly in text order,
    /// groups above and below the insertion-sort limit, duplicates, buffers reused between calls.
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func ordersLikeSort(seed: UInt64) {
        var random = RandomSource(seed: seed)
        var counts: [Int] = []
        var rules: [Int] = []
        var buffer: [UInt64] = []
        for round in 0..<60 {
            let ruleCount = random.int(1...40)
            let n = [0, 1, 2, random.int(3...40), random.int(40...3000)][round % 5]
            var keys: [UInt64] = (0..<n).map { i in
                let rule = UInt64(random.int(0...(ruleCount - 1)))
                let end = seed % 2 == 0 ? UInt64(i * 3 + random.int(0...4)) : UInt64(random.int(0...100_000))
                return rule << 44 | end << 8 | UInt64(random.int(1...6))
            }
            if random.chance(0.2), n > 1 { keys[1] = keys[0] }
            let expected = keys.sorted()
            CandidateGrouping.sort(&keys, ruleCount: ruleCount, counts: &counts, rules: &rules, buffer: &buffer)
            #expect(counts.allSatisfy { $0 == 0 }, "counts are left zero")
            #expect(keys == expected, "round \(round), \(n) keys")
        }
    }
}
