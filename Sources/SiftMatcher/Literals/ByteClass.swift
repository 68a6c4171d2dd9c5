/// A set of ASCII bytes: the members of a character class as far as the engine's byte-level gates
/// and checks need them (``RunGate``, ``StartCheck``, ``CharacterGate``).
struct ByteClass: Sendable, Hashable {
    /// The members as the nibble table the SIMD bitmap takes (`sift_class_bits`): bit `h` of entry
    /// `l` says whether byte `h << 4 | l` is a member.
    private(set) var nibbleTable = SIMD16<UInt8>()

    init() {}

    /// The class of the bytes in `bytes`, which are all ASCII.
    init(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { insert(byte) }
    }

    /// Adds `byte`, which is ASCII.
    mutating func insert(_ byte: UInt8) {
        precondition(byte < 0x80, "a byte class holds ASCII bytes")
        nibbleTable[Int(byte & 15)] |= 1 << (byte >> 4)
    }

    mutating func formUnion(_ other: ByteClass) {
        nibbleTable |= other.nibbleTable
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        byte < 0x80 && nibbleTable[Int(byte & 15)] >> (byte >> 4) & 1 != 0
    }

    var isEmpty: Bool { nibbleTable == SIMD16() }

    /// The members, ascending.
    var members: [UInt8] { (0..<128).map(UInt8.init).filter(contains) }

    /// The class as 256 bits, four words (bit `b & 63` of word `b >> 6` for byte `b`).
    var words: [UInt64] {
        var words: [UInt64] = [0, 0, 0, 0]
        for byte in members { words[Int(byte >> 6)] |= 1 << UInt64(byte & 63) }
        return words
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
