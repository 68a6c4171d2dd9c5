import CSiftSIMD

/// The literals by their first bytes, for checking the positions ``GramFilter`` lets through: the
/// second stage of ``LiteralAutomaton``'s filtered search, in place of ``StartTrie`` (see
/// ``CompiledRuleSet/Options/startTable``). From a start it compares the eight bytes there, in one
/// word, against each literal of one or two bytes with the same first byte and each longer literal
/// whose first three bytes hash alike (bytes past the eighth one by one). Unlike the trie it
/// compares exactly, case-sensitive literals included, so its hits need no further check.
///
/// Measured (2026-12-01): the trie of BenchRules' 804 literals takes hundreds of KiB (a row of one
/// entry per byte class for every state), so each step of a walk waits on a load from L2; these
/// entries take 32 bytes per literal and a start reads one or two short lists of them.
struct StartTable: Sendable {
    /// The literals in the order the C code reads them (`sift_start_table`): the short lists by
    /// first byte, then the buckets; each list by length (then id). Per entry: its first eight
    /// bytes, the case bits to set on the text's, the mask of its bytes, and `length << 24 | id`.
    private let values: [UInt64]
    private let ors: [UInt64]
    private let masks: [UInt64]
    private let records: [UInt64]
    /// 257 entries: the short literals with folded first byte `f` are `shortStart[f] ..< shortStart[f + 1]`.
    private let shortStart: [UInt32]
    /// `buckets + 1` entries, like `shortStart` per bucket.
    private let bucketStart: [UInt32]
    private let bucketBits: Int
    /// Per entry, where its bytes after the eighth start in `tailValues` and `tailOrs`.
    private let tails: [UInt32]
    private let tailValues: [UInt8]
    private let tailOrs: [UInt8]
    /// Room for the records of one start: the most literals that can start at one position, plus
    /// 8 (the AVX-512 code stores eight records at a time, only the first of which may be hits).
    let maxHitsPerStart: Int

    init(_ literals: [Literal]) {
        // A bucket per distinct three-byte start, at least, rounded to a power of two.
        let starts = Set(literals.filter { $0.bytes.count >= 3 }.map { Self.key($0.bytes) })
        var bits = 8
        while 1 << bits < 2 * starts.count { bits += 1 }
        bucketBits = bits

        var shortLists = [[Int]](repeating: [], count: 256)
        var buckets = [[Int]](repeating: [], count: 1 << bits)
        for (id, literal) in literals.enumerated() {
            if literal.bytes.count <= 2 {
                shortLists[Int(Literal.fold(literal.bytes[0]))].append(id)
            } else {
                buckets[Int(Self.bucket(Self.key(literal.bytes), bits: bits))].append(id)
            }
        }
        var values: [UInt64] = []
        var ors: [UInt64] = []
        var masks: [UInt64] = []
        var records: [UInt64] = []
        var tails: [UInt32] = []
        var tailValues: [UInt8] = []
        var tailOrs: [UInt8] = []
        func append(_ lists: [[Int]]) -> [UInt32] {
            var starts: [UInt32] = []
            for list in lists {
                starts.append(UInt32(values.count))
                for id in list.sorted(by: { (literals[$0].bytes.count, $0) < (literals[$1].bytes.count, $1) }) {
                    let literal = literals[id]
                    var value: UInt64 = 0
                    var caseBits: UInt64 = 0
                    var mask: UInt64 = 0
                    tails.append(UInt32(tailValues.count))
                    for (i, byte) in literal.bytes.enumerated() {
                        // A caseless literal's letters are stored lowercase; 0x20 on the text's byte
                        // makes either case equal to it, and no other byte.
                        let or: UInt8 = literal.caseless && byte &- 0x61 < 26 ? 0x20 : 0
                        if i < 8 {
                            value |= UInt64(byte) << (8 * i)
                            caseBits |= UInt64(or) << (8 * i)
                            mask |= 0xFF << (8 * i)
                        } else {
                            tailValues.append(byte)
                            tailOrs.append(or)
                        }
                    }
                    values.append(value)
                    ors.append(caseBits)
                    masks.append(mask)
                    records.append(UInt64(literal.bytes.count) << 24 | UInt64(id))
                }
            }
            starts.append(UInt32(values.count))
            return starts
        }
        shortStart = append(shortLists)
        bucketStart = append(buckets)
        precondition(values.count == literals.count)
        precondition(literals.allSatisfy { $0.bytes.count < 1 << 40 }, "records keep lengths in 40 bits")
        self.values = values
        self.ors = ors
        self.masks = masks
        self.records = records
        self.tails = tails
        self.tailValues = tailValues
        self.tailOrs = tailOrs

        // The literals that can start where one does: those whose folded bytes begin its own.
        var counts: [[UInt8]: Int] = [:]
        for literal in literals { counts[literal.bytes.map(Literal.fold), default: 0] += 1 }
        var most = 0
        for bytes in counts.keys {
            most = max(most, (1...bytes.count).reduce(0) { $0 + counts[Array(bytes.prefix($1)), default: 0] })
        }
        maxHitsPerStart = most + 8
    }

    /// The word of the first three folded bytes.
    private static func key(_ folded: [UInt8]) -> UInt32 {
        UInt32(Literal.fold(folded[0])) | UInt32(Literal.fold(folded[1])) << 8 | UInt32(Literal.fold(folded[2])) << 16
    }

    /// The hash the C code uses: multiplicative, top `bits` bits.
    private static func bucket(_ key: UInt32, bits: Int) -> UInt32 {
        (key &* 0x9E37_79B1) >> UInt32(32 - bits)
    }

    /// Bytes of memory the tables take.
    var memoryFootprint: Int {
        (values.count + ors.count + masks.count + records.count) * 8 + (tails.count + shortStart.count + bucketStart.count) * 4
            + tailValues.count + tailOrs.count
    }

    /// Like ``StartTrie/walk(_:starts:count:base:hits:capacity:)``, but every record it writes is an
    /// occurrence: case-sensitive literals are compared exactly too. `level` caps the code used (0
    /// portable, 1 AVX2, 2 AVX-512; for tests); by default the best the machine has.
    func walk(
        _ text: UnsafeRawBufferPointer, starts positions: UnsafePointer<UInt32>, count: Int, base: Int,
        hits: UnsafeMutablePointer<UInt64>, capacity: Int, level: Int = 2
    ) -> (walked: Int, hits: Int) {
        precondition(capacity >= maxHitsPerStart)
        guard let bytes = text.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return (count, 0) }
        return values.withUnsafeBufferPointer { values in
            ors.withUnsafeBufferPointer { ors in
                masks.withUnsafeBufferPointer { masks in
                    records.withUnsafeBufferPointer { records in
                        shortStart.withUnsafeBufferPointer { shortStart in
                            bucketStart.withUnsafeBufferPointer { bucketStart in
                                tails.withUnsafeBufferPointer { tails in
                                    tailValues.withUnsafeBufferPointer { tailValues in
                                        tailOrs.withUnsafeBufferPointer { tailOrs in
                                            var table = sift_start_table(
                                                values: values.baseAddress, ors: ors.baseAddress, masks: masks.baseAddress,
                                                records: records.baseAddress, short_start: shortStart.baseAddress,
                                                bucket_start: bucketStart.baseAddress, bucket_shift: UInt32(32 - bucketBits),
                                                tails: tails.baseAddress, tail_values: tailValues.baseAddress,
                                                tail_ors: tailOrs.baseAddress, max_hits_per_start: maxHitsPerStart)
                                            var written = 0
                                            // SAFETY: the C code reads the text below `text.count` (at most
                                            // eight bytes from a start, the rest of a literal only when it
                                            // fits), entries within the lists (offsets made from these
                                            // arrays: 257 and `buckets + 1` of them, ascending), tails at
                                            // offsets made from the tail arrays, and `count` positions that
                                            // the filter produced inside the text; it writes records below
                                            // `capacity` (at most `maxHitsPerStart` slots per start).
                                            let walked = sift_start_table_verify_at_level(
                                                &table, bytes, text.count, positions, count, base, hits, capacity,
                                                &written, Int32(level))
                                            return (walked, written)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
