import CSiftSIMD

/// The first test of ``LiteralAutomaton``'s filtered search when
/// ``CompiledRuleSet/Options/bucketFilter`` is on (the default), in place of ``GramFilter``: which
/// positions of a text may start an occurrence of some literal, from one table lookup per position
/// (the gram filter makes two, and lets more positions through). It never misses a start. The work
/// is done in C (`CSiftSIMD`, `sift_bucket_filter`), with AVX-512 or AVX2 when the CPU has them.
///
/// Hyperscan's FDR, anchored at starts: the literals go into eight buckets; the domain at a
/// position is its first byte and five bits of the next; a table gives, for each domain value and
/// each of the offsets 0 ... 3 from a start, the buckets that have a literal that allows it there.
/// A position passes when some bucket allows the domains at all four offsets from it. A literal of
/// `n < 4` bytes allows anything at the offsets from `n` on, and literals in one bucket mix (with
/// `12-` and `423` together, every three digits would pass): ``BucketAssignment`` chooses the
/// buckets. See BucketFilter.c for the measurements behind the shape.
struct BucketFilter: Sendable {
    /// `1 << domainBits` masks: bit `k` of byte `j` of `masks[d]` is clear when a literal of bucket
    /// `k` allows domain `d` at offset `j` (the layout of `sift_bucket_filter`).
    let masks: [UInt32]

    /// Bits of a domain: the first byte and the low five bits of the second, which tell apart all
    /// letters (either case alike) and digits; the table takes 32 KiB.
    static let domainBits = 13
    static let bucketCount = 8
    static let offsets = 4

    /// A filter of `literals`; with none, an empty table that must not be searched.
    init(_ literals: [Literal]) {
        guard !literals.isEmpty else {
            masks = []
            return
        }
        let bucketOf = BucketAssignment(literals, initial: Self.sortedRuns(literals)).bucketOf
        let domainMask = (1 << Self.domainBits) - 1
        var masks = [UInt32](repeating: .max, count: 1 << Self.domainBits)
        // The offsets where some literal of a bucket allows every domain: cleared in every mask once.
        var anything: UInt32 = 0
        for (id, literal) in literals.enumerated() {
            let count = literal.bytes.count
            for offset in 0..<Self.offsets {
                let bit = UInt32(1) << UInt32(8 * offset + bucketOf[id])
                guard offset < count else {
                    anything |= bit
                    continue
                }
                let seconds = offset + 1 < count ? Self.spellings(literal, offset + 1) : Array(0..<256)
                for b0 in Self.spellings(literal, offset) {
                    for b1 in seconds { masks[(b0 | b1 << 8) & domainMask] &= ~bit }
                }
            }
        }
        for d in masks.indices { masks[d] &= ~anything }
        self.masks = masks
    }

    /// The spellings of byte `i` of `literal` in the text: both cases of a caseless literal's letters.
    static func spellings(_ literal: Literal, _ i: Int) -> [Int] {
        let byte = literal.bytes[i]
        return literal.caseless && byte &- 0x61 < 26 ? [Int(byte), Int(byte ^ 0x20)] : [Int(byte)]
    }

    /// A first assignment of buckets, for ``BucketAssignment`` to improve: the literals of one or two
    /// bytes in bucket 0 (when there are any), the others sorted by how many of their bytes the
    /// filter sees (up to four), the classes of those bytes (digit, other, letter) and the bytes
    /// themselves, and cut into equal runs.
    static func sortedRuns(_ literals: [Literal]) -> [Int] {
        func shape(_ byte: UInt8) -> Int {
            if byte &- 0x30 < 10 { return 0 }
            return Literal.fold(byte) &- 0x61 < 26 ? 2 : 1
        }
        let short = literals.indices.filter { literals[$0].bytes.count <= 2 }
        let long = literals.indices.filter { literals[$0].bytes.count > 2 }.sorted { a, b in
            let x = literals[a].bytes.prefix(offsets)
            let y = literals[b].bytes.prefix(offsets)
            if x.count != y.count { return x.count < y.count }
            let xs = x.map(shape)
            let ys = y.map(shape)
            if xs != ys { return xs.lexicographicallyPrecedes(ys) }
            if x != y { return x.lexicographicallyPrecedes(y) }
            return a < b
        }
        let first = short.isEmpty ? 0 : 1
        var bucketOf = [Int](repeating: 0, count: literals.count)
        for (rank, id) in long.enumerated() { bucketOf[id] = first + rank * (bucketCount - first) / long.count }
        return bucketOf
    }

    /// Bytes of memory the table takes.
    var memoryFootprint: Int { masks.count * 4 }

    /// Writes the positions in `start..<end` that pass, relative to `start` and ascending, to `out`
    /// (room for `end - start` entries) and returns how many there are. `level` caps the code used
    /// (0 portable, 1 AVX2, 2 AVX-512; for tests); by default the best the machine has.
    func candidates(
        _ text: UnsafeRawBufferPointer, from start: Int, to end: Int, into out: UnsafeMutablePointer<UInt32>,
        level: Int = 2
    ) -> Int {
        precondition(0 <= start && start <= end && end <= text.count && end - start <= Int(UInt32.max))
        precondition(!masks.isEmpty, "a filter of no literals is never searched")
        return masks.withUnsafeBufferPointer { masks in
            var filter = sift_bucket_filter(masks: masks.baseAddress, domain_mask: UInt32(masks.count - 1))
            // SAFETY: the C code reads `text[0 ..< text.count]` and the masks, `domain_mask + 1` of
            // them, and writes at most `end - start` entries to `out`, which the caller sized for
            // that. An empty text has no positions.
            guard let base = text.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
            return Int(sift_bucket_filter_scan_at_level(&filter, base, text.count, start, end, out, Int32(level)))
        }
    }
}
