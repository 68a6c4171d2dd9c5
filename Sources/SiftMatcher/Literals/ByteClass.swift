/// A set of ASCII bytes: the members of a character class as far as the engine's byte-level gates
/// and checks need them (``RunGate``, ``StartCheck``, ``CharacterGate``).
struct ByteClass: Sendable, Hashable {
    /// Bit `b` of `low` (bytes 0–63) or of `high` (bytes 64–127, bit `b - 64`).
    private(set) var low: UInt64 = 0
    private(set) var high: UInt64 = 0

    init() {}

    /// The class of the bytes in `bytes`, which are all ASCII.
    init(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { insert(byte) }
    }

    /// Adds `byte`, which is ASCII.
    mutating func insert(_ byte: UInt8) {
        precondition(byte < 0x80, "a byte class holds ASCII bytes")
        if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
    }

    mutating func formUnion(_ other: ByteClass) {
        low |= other.low
        high |= other.high
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? low >> UInt64(byte) & 1 != 0 : byte < 128 && high >> UInt64(byte - 64) & 1 != 0
    }

    var isEmpty: Bool { low == 0 && high == 0 }

    /// The members, ascending.
    var members: [UInt8] { (0..<128).map(UInt8.init).filter(contains) }

    /// The class as 256 bits, four words (bit `b & 63` of word `b >> 6` for byte `b`).
    var words: [UInt64] { [low, high, 0, 0] }

    /// The class as the nibble table the SIMD bitmap takes (`sift_class_bits`): bit `h` of entry
    /// `l` says whether byte `h << 4 | l` is a member.
    var nibbleTable: SIMD16<UInt8> {
        var table = SIMD16<UInt8>()
        for byte in members { table[Int(byte & 15)] |= 1 << (byte >> 4) }
        return table
    }

    /// The estimated chance that a byte of ordinary text is a member (``ByteFrequency``).
    var estimatedProbability: Double {
        min(1, members.reduce(0) { $0 + ByteFrequency.probability(of: $1) })
    }

    /// The bytes `scalar` matches, or `nil` when it can match a character of more than one byte: a
    /// non-ASCII character, or a caseless `k` or `s` (which also match U+212A and U+017F in PCRE2's
    /// UTF mode).
    static func spellings(of scalar: Unicode.Scalar, caseless: Bool) -> ByteClass? {
        guard let spellings = LiteralAnalyzer.spellings(of: scalar, caseless: caseless) else { return nil }
        var set = ByteClass()
        for i in 0..<spellings.count {
            let literal = spellings[i]
            guard literal.bytes.count == 1, literal.bytes[0] < 0x80 else { return nil }
            let byte = literal.bytes[0]
            set.insert(byte)
            if literal.caseless, Literal.fold(byte) &- 0x61 < 26 {
                set.insert(Literal.fold(byte))
                set.insert(Literal.fold(byte) & ~0x20)
            }
        }
        return set
    }

    /// The bytes a character class matches, or `nil` when it is negated, has members it does not
    /// know, or can match a character of more than one byte.
    static func members(of cc: CharacterClass) -> ByteClass? {
        guard !cc.negated, let ranges = cc.ranges else { return nil }
        var set = ByteClass()
        for range in ranges {
            guard range.upperBound < 0x80 else { return nil }
            for value in range {
                guard let spelled = spellings(of: Unicode.Scalar(UInt8(value)), caseless: cc.caseless) else { return nil }
                set.formUnion(spelled)
            }
        }
        return set
    }
}
