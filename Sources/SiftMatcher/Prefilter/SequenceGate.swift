import CSiftSIMD

/// Where a rule that no literal, run or character gate filters can start: the byte classes of the
/// first positions of its ``StartCheck`` that every match must take (up to the first optional
/// one, at most ``maxPositions``), tested at every position of a text in one SIMD pass (C,
/// `sift_sequence_gate`): all of them, or the stretch of them that is estimated to cost least
/// (three capitals and a hyphen of `[A-Z]{3}-[a-z]{3}`: the small letters pass most text and
/// each position tested costs time). PCRE2 then runs only from the starts that pass, instead of
/// over the whole text (``CompiledRuleSet/Options/sequenceGates``).
///
/// The check's classes hold ASCII bytes only (``ByteClass``), so a byte of 0x80 or above passes no
/// position, and a start that passes begins a character. Every match starts where the gate
/// passes: its first ``span`` bytes are in those classes (the check is a necessary condition, and
/// no skip lies among these positions), so a match is never empty and never starts within
/// `span - 1` bytes of the text's end.
struct SequenceGate: Sendable {
    /// The most positions a gate tests (one bit each in a byte of the AVX-512 lookup).
    static let maxPositions = 8
    /// A gate is used only when ordinary text passes it at most this often (``estimatedPassRate``):
    /// every start that passes costs a PCRE2 call (100-200 ns), PCRE2's own pass over the text
    /// about 0.15 ns a byte (`\b[A-Z]{3}-[a-z]{3}\b` of matcher-bench).
    static let maxPassRate = 1.0 / 1024
    /// What the kernel costs per position tested, and a start that passes (a PCRE2 call and the
    /// start check before it), in nanoseconds per byte of text and per start: the window of
    /// positions tested is the one whose estimated cost is least. (AVX-512 on 16 KiB of text, by a
    /// C driver: 1.8 ms per 64 MiB for four positions, 2.0 ms for seven; AVX2 4.4 and 5.8 ms.)
    static let nanosecondsPerPosition = 0.002
    static let nanosecondsPerStart = 200.0

    /// Whether this machine runs the kernel with SIMD: the portable loop (37 ms per 64 MiB) is slower
    /// than PCRE2's own search for the rule it was made for (10 ms), so scans use gates only with it.
    static let hasSIMD = sift_gram_filter_simd_level() >= 1

    /// The classes of the required front of the check: every match begins with a byte of each, in
    /// order (``span`` of them).
    let classes: [ByteClass]
    /// The positions the kernel tests, a stretch of ``classes``.
    let window: Range<Int>
    /// The gate as the C code takes it (the window's classes).
    private let raw: sift_sequence_gate

    /// The fewest bytes of a match: a start passes only with this many bytes from it in the text.
    var span: Int { classes.count }

    /// The gate of `check`: its positions before the first that a skip passes over, at most
    /// ``maxPositions``, testing the stretch of them that is estimated to cost least; `nil` when
    /// there are fewer than two, or a class has a byte of 0x80 or above (a check never has one).
    init?(_ check: StartCheck) {
        let firstOptional = check.skips.map(\.from).min() ?? check.positions
        let count = min(firstOptional, check.positions, Self.maxPositions)
        guard count >= 2 else { return nil }
        var classes: [ByteClass] = []
        for position in 0..<count {
            let words = check.classes[(4 * position)..<(4 * position + 4)]
            guard words.dropFirst(2).allSatisfy({ $0 == 0 }) else { return nil }
            let members = (0..<128).filter { words[4 * position + $0 >> 6] >> UInt64($0 & 63) & 1 != 0 }
            classes.append(ByteClass(members.map(UInt8.init)))
        }
        var best = 0..<count
        var bestCost = Double.infinity
        for lower in 0..<(count - 1) {
            for upper in (lower + 2)...count {
                let rate = classes[lower..<upper].reduce(1) { $0 * $1.estimatedProbability }
                let cost = Double(upper - lower) * Self.nanosecondsPerPosition + rate * Self.nanosecondsPerStart
                if cost < bestCost { (best, bestCost) = (lower..<upper, cost) }
            }
        }
        self.init(classes, window: best)
    }

    /// The gate of the classes `classes` (2 to ``maxPositions`` of them) that tests the positions
    /// `window` (at least two; all by default).
    init(_ classes: [ByteClass], window: Range<Int>? = nil) {
        let window = window ?? classes.indices
        precondition(classes.count <= Self.maxPositions && window.count >= 2 && window.upperBound <= classes.count,
                     "a gate tests 2 to 8 positions")
        self.classes = classes
        self.window = window
        let tested = Array(classes[window])
        var raw = sift_sequence_gate()
        var distinct: [ByteClass] = []
        // SAFETY (the three tables): `accepts` has 128 bytes and every member of a class is below
        // 0x80; `class_of` has 8, one per tested position (at most 8); `tables` has 8 x 16, one row
        // per distinct class (at most one per position).
        withUnsafeMutableBytes(of: &raw.accepts) { accepts in
            for (i, byteClass) in tested.enumerated() {
                for byte in byteClass.members { accepts[Int(byte)] |= 1 << UInt8(i) }
            }
        }
        withUnsafeMutableBytes(of: &raw.class_of) { classOf in
            for (i, byteClass) in tested.enumerated() {
                if let k = distinct.firstIndex(of: byteClass) {
                    classOf[i] = UInt8(k)
                } else {
                    classOf[i] = UInt8(distinct.count)
                    distinct.append(byteClass)
                }
            }
        }
        withUnsafeMutableBytes(of: &raw.tables) { tables in
            for (k, byteClass) in distinct.enumerated() {
                for l in 0..<16 { tables[16 * k + l] = byteClass.nibbleTable[l] }
            }
        }
        raw.positions = UInt32(tested.count)
        raw.class_count = UInt32(distinct.count)
        self.raw = raw
    }

    /// The estimated chance that a position of ordinary text passes (``ByteFrequency``, bytes taken
    /// as independent).
    var estimatedPassRate: Double {
        classes[window].reduce(1) { $0 * $1.estimatedProbability }
    }

    /// Whether ordinary text passes the gate rarely enough for it to pay (``maxPassRate``).
    var isSelective: Bool { estimatedPassRate <= Self.maxPassRate }

    /// Writes the starts in `start ..< end` that pass, relative to `start`, ascending, to `out`
    /// (room for `end - start` entries); returns how many. `level` as
    /// `sift_sequence_gate_scan_at_level` takes it (tests and measurements pick one; 2 is the best
    /// this machine has).
    func starts(
        in text: UnsafeRawBufferPointer, from start: Int, to end: Int, into out: UnsafeMutablePointer<UInt32>,
        level: Int = 2
    ) -> Int {
        precondition(0 <= start && start <= end && end <= text.count && end - start <= Int(UInt32.max))
        // The kernel finds where the window passes: `window.lowerBound` bytes after a start, which
        // keeps the offsets it writes relative to `start`. Starts from `count - span + 1` on lack bytes.
        let last = min(end, text.count - span + 1)
        guard let base = text.baseAddress?.assumingMemoryBound(to: UInt8.self), start < last else { return 0 }
        var gate = raw
        // SAFETY: the C code reads `text[0 ..< text.count]` and the gate, and writes at most
        // `last - start <= end - start` entries to `out`, which the caller sized for that;
        // `last + window.lowerBound <= text.count - span + 1 + span - 2`.
        return Int(sift_sequence_gate_scan_at_level(
            &gate, base, text.count, start + window.lowerBound, last + window.lowerBound, out, Int32(level)))
    }

    /// Whether position `p` of `text` passes, from the definition (for tests).
    func passes(_ text: [UInt8], at p: Int) -> Bool {
        p >= 0 && p + span <= text.count && window.allSatisfy { classes[$0].contains(text[p + $0]) }
    }
}
