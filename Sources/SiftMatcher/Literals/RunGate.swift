/// How the engine narrows a rule without a usable literal whose every match is made of the bytes
/// of one small ASCII class: a match lies inside a run of such bytes at least as long as the
/// shortest match, so PCRE2 runs only from the starts of long enough runs (IBANs: runs of 16 or
/// more capitals, digits and spaces; payment cards: 16 or more digits, spaces and dashes).
///
/// Sound because every item of the pattern that consumes text matches only bytes of the class
/// (``derive(_:minimumLength:)`` gives up on anything else), and lookarounds consume nothing: a
/// match's bytes are all in the class, so the match is inside one maximal run of them.
public struct RunGate: Sendable, Hashable {
    /// The bytes a match is made of.
    let bytes: ByteClass
    /// The bytes a match can begin with (a subset of ``bytes``): a run's bytes before the first
    /// of them cannot start a match (Python's indentation is long runs of spaces, which an IBAN's
    /// class holds but cannot start with).
    let first: ByteClass
    /// The fewest bytes of a match: shorter runs cannot hold one.
    public let minimum: Int

    /// Runs expected per byte of ordinary text above which the gate is not worth its pass: each run
    /// costs a PCRE2 call, which the rule's own search of the whole text may beat.
    public static let maxRunRate = 1.0 / 1024

    init(bytes: ByteClass, first: ByteClass, minimum: Int) {
        self.bytes = bytes
        self.first = first
        self.minimum = minimum
    }

    /// Whether `byte` can be part of a match.
    public func contains(_ byte: UInt8) -> Bool { bytes.contains(byte) }

    /// The gate for a pattern whose matches take at least `minimumLength` bytes, or `nil` when some
    /// item may match a byte outside an ASCII class (a negated class, `.`, a non-ASCII character, a
    /// caseless `k` or `s`, a back reference).
    static func derive(_ tree: RegexNode, minimumLength: Int) -> RunGate? {
        guard minimumLength >= 1, let bytes = members(tree), !bytes.isEmpty, let first = firstBytes(tree) else {
            return nil
        }
        return RunGate(bytes: bytes, first: first.bytes, minimum: minimumLength)
    }

    /// Whether ordinary text has few enough long runs of the class for the gate to pay
    /// (``estimatedRunRate`` at most ``maxRunRate``); scans use only such gates by default.
    public var isSelective: Bool { estimatedRunRate <= Self.maxRunRate }

    /// The estimated chance that a run of at least ``minimum`` bytes of the class starts at a given
    /// byte of ordinary text (bytes taken as independent: `p ^ minimum`).
    public var estimatedRunRate: Double {
        var rate = 1.0
        let p = bytes.estimatedProbability
        for _ in 0..<minimum { rate *= p }
        return rate
    }

    /// The bytes a match of `node` can begin with, and whether it can be empty; `nil` when not a
    /// known ASCII class.
    private static func firstBytes(_ node: RegexNode) -> (bytes: ByteClass, canBeEmpty: Bool)? {
        switch node {
        case .empty, .lookaround:
            return (ByteClass(), true)
        case .char, .charClass:
            return members(node).map { ($0, false) }
        case .concat(let items):
            var set = ByteClass()
            for item in items {
                guard let part = firstBytes(item) else { return nil }
                set.formUnion(part.bytes)
                if !part.canBeEmpty { return (set, false) }
            }
            return (set, true)
        case .alternation(let branches):
            var set = ByteClass()
            var canBeEmpty = false
            for branch in branches {
                guard let part = firstBytes(branch) else { return nil }
                set.formUnion(part.bytes)
                canBeEmpty = canBeEmpty || part.canBeEmpty
            }
            return (set, canBeEmpty)
        case .repetition(let body, let minimum, _):
            guard let part = firstBytes(body) else { return nil }
            return (part.bytes, part.canBeEmpty || minimum == 0)
        case .backReference, .unsupported:
            return nil
        }
    }

    /// The bytes any match of `node` is made of, or `nil` when not a known ASCII class.
    private static func members(_ node: RegexNode) -> ByteClass? {
        switch node {
        case .empty, .lookaround:
            return ByteClass()
        case .char(let scalar, let caseless):
            return ByteClass.spellings(of: scalar, caseless: caseless)
        case .charClass(let cc):
            return ByteClass.members(of: cc)
        case .concat(let items), .alternation(let items):
            var set = ByteClass()
            for item in items {
                guard let part = members(item) else { return nil }
                set.formUnion(part)
            }
            return set
        case .repetition(let body, _, _):
            return members(body)
        case .backReference, .unsupported:
            return nil
        }
    }
}
