/// Orders a scan's candidates (``Scratch/candidates``: `rule << 44 | end << 8 | length`) as
/// `sort()` would, faster: a counting sort by rule over the rules that occur (a text's candidates
/// belong to a few of the rules), then each rule's candidates by the rest of the key, which usually
/// needs no work (the prefilter mostly reports occurrences in text order) or a short insertion sort.
///
/// Counting only the rules that occur costs one pass over the keys and a sort of those rules. The
/// earlier version counted over every rule (three passes over all of them) and used `sort()` below
/// `2 * ruleCount` keys, which then was 4 % of matcher-bench's profile on generated text (documents
/// of ~400 candidates of ~20 rules).
enum CandidateGrouping {
    /// Groups larger than this that are out of order are sorted with `sort()`.
    static let insertionSortLimit = 32

    /// Sorts `keys` ascending. `counts` (all zero between calls), `rules` and `buffer` are scratch
    /// space kept between scans.
    static func sort(
        _ keys: inout [UInt64], ruleCount: Int, counts: inout [Int], rules: inout [Int], buffer: inout [UInt64]
    ) {
        let n = keys.count
        guard n > 1 else { return }
        if counts.count < ruleCount { counts = [Int](repeating: 0, count: ruleCount) }
        if buffer.count < n { buffer = [UInt64](repeating: 0, count: max(n, 2 * buffer.count)) }
        rules.removeAll(keepingCapacity: true)
        var single = false
        counts.withUnsafeMutableBufferPointer { counts in
            keys.withUnsafeMutableBufferPointer { keys in
                // SAFETY: every rule number in a key is below `ruleCount` (keys are made from rule
                // indices), `counts` has at least `ruleCount` entries and `buffer` at least `n`.
                for key in keys {
                    let rule = Int(key >> 44)
                    if counts[rule] == 0 { rules.append(rule) }
                    counts[rule] += 1
                }
                if rules.count == 1 {
                    // One rule: the keys are its group, in place.
                    counts[rules[0]] = 0
                    orderGroup(keys, 0, n)
                    single = true
                    return
                }
                rules.sort()
                var start = 0
                for rule in rules {
                    let count = counts[rule]
                    counts[rule] = start
                    start += count
                }
                buffer.withUnsafeMutableBufferPointer { out in
                    for key in keys {
                        let rule = Int(key >> 44)
                        out[counts[rule]] = key
                        counts[rule] += 1
                    }
                    // Now the group of `rules[k]` ends at `counts[rules[k]]`; counts go back to zero.
                    var start = 0
                    for rule in rules {
                        let end = counts[rule]
                        if end - start > 1 { orderGroup(out, start, end) }
                        counts[rule] = 0
                        start = end
                    }
                }
            }
        }
        if single { return }
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
