/// An ordered list of literals stored back to back: what literal analysis works on.
///
/// Analysis builds thousands of sets of up to ``LiteralSets/maxSetSize`` short literals; keeping a
/// set in three arrays instead of one array per ``Literal`` is what makes compiling a rule set
/// cheap. Order and duplicates are kept exactly as appended (``LiteralSets/normalize(_:)`` removes
/// duplicates); two sets are equal when they hold the same literals in the same order.
struct LiteralSet: Sendable, Equatable {
    /// The bytes of every literal, one after the other; caseless literals' letters are lowercase.
    private(set) var bytes: [UInt8] = []
    /// For literal `i`: one past its last byte in ``bytes``.
    private(set) var ends: [Int32] = []
    /// For literal `i`: whether it compares ASCII-case-insensitively.
    private(set) var caseless: [Bool] = []

    init() {}

    /// A set from its three arrays, as ``LiteralSets`` builds them.
    init(bytes: [UInt8], ends: [Int32], caseless: [Bool]) {
        self.bytes = bytes
        self.ends = ends
        self.caseless = caseless
    }

    init(_ literals: [Literal]) {
        reserve(literals.count, bytes: literals.reduce(0) { $0 + $1.bytes.count })
        for literal in literals { append(literal.bytes[...], caseless: literal.caseless) }
    }

    /// The number of literals.
    var count: Int { ends.count }
    var isEmpty: Bool { ends.isEmpty }

    /// Where literal `i` starts in ``bytes``.
    @inline(__always)
    func start(_ i: Int) -> Int { i == 0 ? 0 : Int(ends[i - 1]) }

    /// The length of literal `i` in bytes.
    @inline(__always)
    func length(_ i: Int) -> Int { Int(ends[i]) - start(i) }

    /// The bytes of literal `i`.
    @inline(__always)
    func bytes(_ i: Int) -> ArraySlice<UInt8> { bytes[start(i)..<Int(ends[i])] }

    /// Literal `i` as a ``Literal``.
    subscript(i: Int) -> Literal { Literal(folded: Array(bytes(i)), caseless: caseless[i]) }

    /// The literals, in order.
    var literals: [Literal] { (0..<count).map { self[$0] } }

    /// The length of the shortest literal (`Int.max` for the empty set).
    var shortestLength: Int {
        var shortest = Int.max
        for i in 0..<count { shortest = min(shortest, length(i)) }
        return shortest
    }

    mutating func reserve(_ literals: Int, bytes byteCount: Int) {
        bytes.reserveCapacity(byteCount)
        ends.reserveCapacity(literals)
        caseless.reserveCapacity(literals)
    }

    /// Appends a literal whose bytes are folded already when `caseless`.
    mutating func append(_ literal: ArraySlice<UInt8>, caseless isCaseless: Bool) {
        bytes += literal
        ends.append(Int32(bytes.count))
        caseless.append(isCaseless)
    }

    /// Appends literal `i` of `other`.
    mutating func append(_ i: Int, of other: LiteralSet) {
        append(other.bytes(i), caseless: other.caseless[i])
    }
}
