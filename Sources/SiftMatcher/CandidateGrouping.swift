/// Orders a scan's candidates (``Scratch/candidates``: `rule << 44 | end << 8 | length`) as
/// `sort()` would, faster: a counting sort by rule (there are few rules and many candidates), then
/// each rule's candidates by the rest of the key, which usually needs no work (the prefilter mostly
/// reports occurrences in text order) or a short insertion sort.
enum CandidateGrouping {
    /// Groups larger than this that are out of order are sorted with `sort()`.
    static let insertionSortLimit = 32

    /// Sorts `keys` ascending. `counts` and `buffer` are scratch space kept between scans.
    static func sort(_ keys: inout [UInt64], ruleCount: Int, counts: inout [Int], buffer: inout [UInt64]) {
        let n = keys.count
        guard n > 1 else { return }
        // Counting costs three passes over the rules: with fewer keys than that, `sort()` is cheaper
        // (small documents of the Python standard library were 2 % slower without this).
        guard n >= 2 * ruleCount else {
            keys.sort()
            return
        }
        if counts.count < ruleCount + 1 { counts = [Int](repeating: 0, count: ruleCount + 1) }
        if buffer.count < n { buffer = [UInt64](repeating: 0, count: max(n, 2 * buffer.count)) }
        counts.withUnsafeMutableBufferPointer { counts in
            keys.withUnsafeBufferPointer { keys in
                buffer.withUnsafeMutableBufferPointer { out in
                    // SAFETY: every rule number in a key is below `ruleCount` (keys are made from
                    // rule indices), `counts` has `ruleCount + 1` entries and `out` at least `n`.
                    for r in 0...ruleCount { counts[r] = 0 }
                    for key in keys { counts[Int(key >> 44) + 1] += 1 }
                    for r in 0..<ruleCount { counts[r + 1] += counts[r] }
                    for key in keys {
                        let rule = Int(key >> 44)
                        out[counts[rule]] = key
                        counts[rule] += 1
                    }
                    // Now group `r` is `out[(r == 0 ? 0 : counts[r - 1]) ..< counts[r]]`.
                    var start = 0
                    for r in 0..<ruleCount {
                        let end = counts[r]
                        if end - start > 1 { orderGroup(out, start, end) }
                        start = end
                    }
                }
            }
        }
        // The sorted keys are in `buffer`; hand its storage to `keys` and keep the old one.
        swap(&keys, &buffer)
        if keys.count > n { keys.removeLast(keys.count - n) }
    }

    /// Sorts `out[start..<end]` if it is out of order.
    @inline(__always)
    private static func orderGroup(_ out: UnsafeMutableBufferPointer<UInt64>, _ start: Int, _ end: Int) {
        var sorted = true
        for i in (start + 1)..<end where out[i] < out[i - 1] {
            sorted = false
            break
        }
        if sorted { return }
        if end - start <= insertionSortLimit {
            for i in (start + 1)..<end {
                let key = out[i]
                var j = i
                while j > start, out[j - 1] > key {
                    out[j] = out[j - 1]
                    j -= 1
                }
                out[j] = key
            }
        } else {
            // SAFETY: `start..<end` lies inside `out`.
            var group = UnsafeMutableBufferPointer(rebasing: out[start..<end])
            group.sort()
        }
    }
}
