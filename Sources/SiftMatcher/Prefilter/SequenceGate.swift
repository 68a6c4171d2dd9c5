import CSiftSIMD

/// Where a rule that no literal, run or character gate filters can start: the byte classes of the
/// first positions of its ``StartCheck`` that every match must take (up to the first optional
/// one, at most ``maxPositions``), tested at every position of a text in one SIMD pass (C,
/// `sift_sequence_gate`). PCRE2 then runs only from the starts that pass, instead of over the
/// whole text (``CompiledRuleSet/Options/sequenceGates``).
///
/// The check's classes hold ASCII bytes only (``ByteClass``), so a byte of 0x80 or above passes no
/// position, and a start that passes begins a character. Every match starts where the gate
/// passes: its first `positions` bytes are in those classes (the check is a necessary condition,
/// and no skip lies among these positions), so a match never starts within `positions - 1` bytes
/// of the text's end.
struct SequenceGate: Sendable {
    /// The most positions a gate tests (one bit each in a byte of the AVX-512 lookup).
    static let maxPositions = 8
    /// A gate is used only when ordinary text passes it at most this often (``estimatedPassRate``):
    /// every start that passes costs a PCRE2 call (about 100 ns), PCRE2's own pass over the text
    /// about 0.15 ns a byte (`\b[A-Z]{3}-[a-z]{3}\b` of matcher-bench).
    static let maxPassRate = 1.0 / 1024

    /// The class of each position.
    let classes: [ByteClass]
    /// The gate as the C code takes it.
    private let raw: sift_sequence_gate

    /// Number of positions (2 to ``maxPositions``): the fewest bytes a match has.
    var positions: Int { classes.count }

    /// The gate of `check`: its positions before the first that a skip passes over, at most
    /// ``maxPositions``; `nil` when there are fewer than two, or a class has a byte of 0x80 or above
    /// (a check never has one).
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
        self.init(classes)
    }

    /// The gate of the classes `classes` (2 to ``maxPositions`` of them).
    init(_ classes: [ByteClass]) {
        precondition((2...Self.maxPositions).contains(classes.count), "a gate has 2 to 8 positions")
        self.classes = classes
        var raw = sift_sequence_gate()
        var distinct: [ByteClass] = []
        withUnsafeMutableBytes(of: &raw.accepts) { accepts in
            for (i, byteClass) in classes.enumerated() {
                for byte in byteClass.members { accepts[Int(byte)] |= 1 << UInt8(i) }
            }
        }
        withUnsafeMutableBytes(of: &raw.class_of) { classOf in
            for (i, byteClass) in classes.enumerated() {
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
        raw.positions = UInt32(classes.count)
        raw.class_count = UInt32(distinct.count)
        self.raw = raw
    }

    /// The estimated chance that a position of ordinary text passes (``ByteFrequency``, bytes taken
    /// as independent).
    var estimatedPassRate: Double {
        classes.reduce(1) { $0 * $1.estimatedProbability }
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
        guard let base = text.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
        var gate = raw
        // SAFETY: the C code reads `text[0 ..< text.count]` and the gate, and writes at most
        // `end - start` entries to `out`, which the caller sized for that.
        return Int(sift_sequence_gate_scan_at_level(&gate, base, text.count, start, end, out, Int32(level)))
    }

    /// Whether position `p` of `text` passes, from the definition (for tests).
    func passes(_ text: [UInt8], at p: Int) -> Bool {
        p >= 0 && p + positions <= text.count && classes.indices.allSatisfy { classes[$0].contains(text[p + $0]) }
    }
}
