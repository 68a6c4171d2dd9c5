/// The buckets of ``BucketFilter``'s literals, chosen so that few positions of ordinary text pass:
/// from a first assignment, each literal in turn moves to the bucket that lowers an estimate of the
/// share of positions that pass most, for a few rounds.
///
/// The estimate: a bucket passes at a position with the product over the offsets of the shares of
/// positions whose domain is one its literals allow there (1 at an offset where one of them allows
/// anything), from ``ByteFrequency``'s byte frequencies, taken as independent; the filter passes
/// with the sum over its buckets. Crude, but it sees what matters: literals in one bucket mix (with
/// `12-` and `423` together every three digits pass), and a common domain costs more than a rare one.
///
/// Measured on BenchRules' 804 literals (2026-12-01, a C model of the filter over 8 MiB of
/// matcher-bench's texts): sorted runs alone let 2.57 % of generated text and 1.21 % of Python
/// sources through, after these rounds 1.75 % and 0.67 % (the gram filter alone 2.40 % and 0.88 %;
/// 1.26 % and 0.39 % start an occurrence). Moving literals to the buckets that lowered the share
/// measured on the text itself reached 1.49 % on generated text: the estimate gets most of that.
struct BucketAssignment {
    /// Each literal's bucket.
    private(set) var bucketOf: [Int]
    /// Per literal and offset, the slots of the domain values it allows there (a slot per value and
    /// offset that some literal allows, so the tables grow with the literals); nil where it allows
    /// every value.
    private let allowed: [[[Int]?]]
    /// The estimated share of positions of ordinary text with each slot's domain value.
    private let share: [Double]
    /// Per bucket and slot (index `bucket * slotCount + slot`): how many of the bucket's literals
    /// allow the slot's value.
    private var counts: [Int32]
    private let slotCount: Int
    /// Per bucket and offset (index `bucket * offsets + offset`): the estimated share of positions
    /// with a value one of its literals allows there, and how many of them allow every value.
    private var shares: [Double]
    private var anything: [Int]

    /// Four, as ``BucketFilter/offsets`` (the rows are `SIMD4`s).
    private static let offsets = 4

    /// The assignment `initial` of `literals`, improved by up to `rounds` rounds of moves.
    init(_ literals: [Literal], initial: [Int], rounds: Int = 4) {
        let secondCount = 1 << (BucketFilter.domainBits - 8)
        // Byte frequencies: the domain's first byte and the low bits of its second are independent.
        var second = [Double](repeating: 0, count: secondCount)
        for byte in 0..<256 { second[byte & (secondCount - 1)] += ByteFrequency.probability(of: UInt8(byte)) }
        var slots = [[Int: Int]](repeating: [:], count: Self.offsets)
        var share: [Double] = []
        allowed = literals.map { literal in
            (0..<Self.offsets).map { offset -> [Int]? in
                guard offset < literal.bytes.count else { return nil }
                let firsts = BucketFilter.spellings(literal, offset)
                let seconds = offset + 1 < literal.bytes.count
                    ? BucketFilter.spellings(literal, offset + 1).map { $0 & (secondCount - 1) } : Array(0..<secondCount)
                let values = Set(firsts.flatMap { b0 in seconds.map { b0 | $0 << 8 } })
                return values.sorted().map { value in
                    if let slot = slots[offset][value] { return slot }
                    slots[offset][value] = share.count
                    share.append(ByteFrequency.probability(of: UInt8(value & 0xFF)) * second[value >> 8])
                    return share.count - 1
                }
            }
        }
        self.share = share
        slotCount = share.count
        bucketOf = initial
        counts = [Int32](repeating: 0, count: BucketFilter.bucketCount * slotCount)
        shares = [Double](repeating: 0, count: BucketFilter.bucketCount * Self.offsets)
        anything = [Int](repeating: 0, count: BucketFilter.bucketCount * Self.offsets)
        for id in literals.indices { add(id, to: initial[id], 1) }
        for _ in 0..<rounds {
            var moved = false
            for id in literals.indices {
                let from = bucketOf[id]
                var best = from
                var bestChange = -1e-12
                for to in 0..<BucketFilter.bucketCount where to != from {
                    let change = self.change(moving: id, from: from, to: to)
                    if change < bestChange {
                        best = to
                        bestChange = change
                    }
                }
                if best != from {
                    add(id, to: from, -1)
                    add(id, to: best, 1)
                    bucketOf[id] = best
                    moved = true
                }
            }
            if !moved { break }
        }
    }

    /// Adds (`sign` 1) or removes (-1) literal `id`'s domain values to or from `bucket`'s.
    private mutating func add(_ id: Int, to bucket: Int, _ sign: Int32) {
        for offset in 0..<Self.offsets {
            let row = bucket * Self.offsets + offset
            guard let slots = allowed[id][offset] else {
                anything[row] += Int(sign)
                continue
            }
            for slot in slots {
                let index = bucket * slotCount + slot
                if sign > 0, counts[index] == 0 { shares[row] += share[slot] }
                counts[index] += sign
                if sign < 0, counts[index] == 0 { shares[row] -= share[slot] }
            }
        }
    }

    /// The estimated share of positions that pass a bucket, from its offsets' shares and how many of
    /// its literals allow anything there.
    private static func passes(_ shares: SIMD4<Double>, _ anything: SIMD4<Int>) -> Double {
        (0..<offsets).reduce(1.0) { product, offset in
            anything[offset] > 0 ? product : product * min(1, shares[offset])
        }
    }

    /// Bucket `bucket`'s shares and counts of literals that allow anything, per offset.
    private func row(_ bucket: Int) -> (shares: SIMD4<Double>, anything: SIMD4<Int>) {
        let base = bucket * Self.offsets
        return (SIMD4(shares[base], shares[base + 1], shares[base + 2], shares[base + 3]),
                SIMD4(anything[base], anything[base + 1], anything[base + 2], anything[base + 3]))
    }

    /// How the estimate changes when literal `id` moves from bucket `from` to `to`.
    private func change(moving id: Int, from: Int, to: Int) -> Double {
        let before = (row(from), row(to))
        var (fromShares, fromAnything) = before.0
        var (toShares, toAnything) = before.1
        for offset in 0..<Self.offsets {
            guard let slots = allowed[id][offset] else {
                fromAnything[offset] -= 1
                toAnything[offset] += 1
                continue
            }
            for slot in slots {
                if counts[from * slotCount + slot] == 1 { fromShares[offset] -= share[slot] }
                if counts[to * slotCount + slot] == 0 { toShares[offset] += share[slot] }
            }
        }
        return Self.passes(fromShares, fromAnything) + Self.passes(toShares, toAnything)
            - Self.passes(before.0.shares, before.0.anything) - Self.passes(before.1.shares, before.1.anything)
    }
}
