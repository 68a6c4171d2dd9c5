import CSiftSIMD

/// The cheap first test of ``LiteralAutomaton``'s filtered search: which positions of a text may
/// start an occurrence of some literal. It never misses a start; most positions of ordinary text
/// fail it. The work is done in C (`CSiftSIMD`), with AVX-512 or AVX2 when the CPU has them.
///
/// A position passes when
/// - its first two bytes and the low nibble of its third are those of a literal of 3 bytes, or its
///   first two bytes are a literal of 2 bytes, or its first byte is a literal of 1 byte; checked in a
///   2^20-bit table indexed by exactly those 20 bits of the text as it is (a short literal sets
///   every entry it allows: each case spelling of a caseless one, and every value of the bytes it
///   does not cover, including the zeros the C code reads past the end of the text). Unfolded
///   bytes keep case-sensitive literals such as `AC` or `SK` from passing at every `ac` or `sk`;
/// - or its first four bytes, folded to ASCII lowercase, hash to a bit set by the first four folded
///   bytes of a longer literal.
struct GramFilter: Sendable {
    /// 2^20 bits, indexed by `b0 | b1 << 8 | (b2 & 15) << 16`. Measured on generated text with
    /// BenchRules (1.3 % of positions start an occurrence): plain folded pairs let 8.6 % of the
    /// positions through, the nibble of the third byte 3.0 %, unfolded bytes 2.4 %. Two bits of the
    /// third byte (a 32 KiB table) passed more and were 10 % slower. Seven bits of each of the two
    /// bytes (2^18 bits, 32 KiB, the same positions of ASCII text from half the cache lines) was no
    /// faster (2026-12-01, in-process A/B on generated text, 32 MiB, 5 runs twice: 494/728 MiB/s
    /// with this table, 502/620 with the small one): the gathers cost the same from L1 or L2.
    let pairs: [UInt64]
    /// `1 << gramBits` bits, indexed by the multiplicative hash of the first four folded bytes.
    let grams: [UInt64]
    let gramBits: Int

    /// A filter of `literals`; with none, empty tables that must not be searched.
    init(_ literals: [Literal]) {
        guard !literals.isEmpty else {
            pairs = []
            grams = []
            gramBits = 15
            return
        }
        var pairs = [UInt64](repeating: 0, count: 1 << 14)
        let bits = Self.gramBits(forLongLiterals: literals.count { $0.bytes.count >= 4 })
        var grams = [UInt64](repeating: 0, count: 1 << (bits - 6))
        for literal in literals {
            let b = literal.bytes.map { Int(Literal.fold($0)) }
            // The spellings of a byte in the text: both cases of a caseless literal's letters.
            func spellings(_ i: Int) -> [Int] {
                literal.caseless && b[i] &- 0x61 < 26 ? [b[i], b[i] ^ 0x20] : [Int(literal.bytes[i])]
            }
            switch b.count {
            case 0: continue
            case 1:
                for b0 in spellings(0) {
                    for rest in 0..<(1 << 12) { Self.set(&pairs, Self.pairIndex(b0, rest & 0xFF, rest >> 8)) }
                }
            case 2:
                for b0 in spellings(0) {
                    for b1 in spellings(1) {
                        for nibble in 0..<16 { Self.set(&pairs, Self.pairIndex(b0, b1, nibble)) }
                    }
                }
            case 3:
                for b0 in spellings(0) {
                    for b1 in spellings(1) {
                        for b2 in spellings(2) { Self.set(&pairs, Self.pairIndex(b0, b1, b2)) }
                    }
                }
            default:
                let word = UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(b[3]) << 24
                Self.set(&grams, Int(Self.hash(word, bits: bits)))
            }
        }
        self.pairs = pairs
        self.grams = grams
        gramBits = bits
    }

    /// The estimated share of the positions of ordinary text that pass a filter of `literals`, from
    /// the byte frequencies the literal chooser uses: a short literal passes where its first bytes
    /// occur (a 3-byte one where its first two do and, about one time in four, a third byte with its
    /// nibble), a long one where its first four occur or its hash collides.
    static func estimatedPassRate(_ literals: [Literal]) -> Double {
        let longCount = literals.count { $0.bytes.count >= 4 }
        var rate = Double(longCount) / Double(1 << gramBits(forLongLiterals: longCount))
        for literal in literals {
            let b = literal.bytes
            switch b.count {
            case 0: continue
            case 1, 2: rate += ByteFrequency.probability(of: b, b.indices, caseless: literal.caseless)
            case 3: rate += ByteFrequency.probability(of: b, 0..<2, caseless: literal.caseless) / 4
            default: rate += ByteFrequency.probability(of: b, 0..<4, caseless: literal.caseless)
            }
        }
        return min(rate, 1)
    }

    /// The size of the hashed table, in bits, as a power of two: about 256 bits per long literal keeps
    /// its false positives at most 0.4 % of positions, small next to real occurrences; 2^15 ... 2^20
    /// bits (4 KiB ... 128 KiB).
    static func gramBits(forLongLiterals count: Int) -> Int {
        var bits = 15
        while bits < 20, 1 << bits < 256 * count { bits += 1 }
        return bits
    }

    /// The hash the C code uses (`sift_gram_filter`): multiplicative, top `bits` bits.
    static func hash(_ word: UInt32, bits: Int) -> UInt32 {
        (word &* 0x9E37_79B1) >> UInt32(32 - bits)
    }

    /// The bit of `pairs` for first bytes `b0`, `b1` (0 ... 255) and a third byte with low nibble
    /// `b2 & 15`, as the C code computes it (also the tests' model of the filter).
    static func pairIndex(_ b0: Int, _ b1: Int, _ b2: Int) -> Int {
        b0 | b1 << 8 | (b2 & 15) << 16
    }

    private static func set(_ bitmap: inout [UInt64], _ index: Int) {
        bitmap[index >> 6] |= 1 << UInt64(index & 63)
    }

    /// Bytes of memory the tables take.
    var memoryFootprint: Int { (pairs.count + grams.count) * 8 }

    /// Writes the positions in `start..<end` that pass, relative to `start` and ascending, to `out`
    /// (room for `end - start` entries) and returns how many there are. `level` caps the code used
    /// (0 portable, 1 AVX2, 2 AVX-512; for tests); by default the best the machine has.
    func candidates(
        _ text: UnsafeRawBufferPointer, from start: Int, to end: Int, into out: UnsafeMutablePointer<UInt32>,
        level: Int? = nil
    ) -> Int {
        precondition(0 <= start && start <= end && end <= text.count && end - start <= Int(UInt32.max))
        precondition(!pairs.isEmpty, "a filter of no literals is never searched")
        return pairs.withUnsafeBufferPointer { pairs in
            grams.withUnsafeBufferPointer { grams in
                var filter = sift_gram_filter(
                    pairs: pairs.baseAddress, grams: grams.baseAddress, gram_shift: UInt32(32 - gramBits))
                // SAFETY: the C code reads `text[0 ..< text.count]` and the two bitmaps, whose sizes
                // match `filter` (2^20 bits; 1 << gramBits bits), and writes at most `end - start`
                // entries to `out`, which the caller sized for that. An empty text has no positions.
                guard let base = text.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
                let count = if let level {
                    sift_gram_filter_scan_at_level(&filter, base, text.count, start, end, out, Int32(level))
                } else {
                    sift_gram_filter_scan(&filter, base, text.count, start, end, out)
                }
                return Int(count)
            }
        }
    }

    /// The loop the C code runs on this machine: 0 portable scalar, 1 AVX2, 2 AVX-512.
    static var simdLevel: Int { Int(sift_gram_filter_simd_level()) }
}
