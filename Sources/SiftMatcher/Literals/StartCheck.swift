/// A cheap necessary condition on where a rule's match can start, derived from its regex at compile
/// time: the bytes a match must begin with, as a short sequence of byte classes (some of them
/// optional). The engine tests the possible starts of a window with it before calling PCRE2, and
/// calls PCRE2 only from the first start that passes, or not at all.
///
/// The sequence is read off the front of the pattern (``RegexNode``): characters and classes whose
/// every member is one ASCII byte, repetitions of such sequences (`x{m,n}`: `m` copies, then
/// `n - m` copies each of which may be skipped) and alternatives of equal shape (united position by
/// position); zero-width items (anchors, `\b`, lookarounds) are passed over. At the first item that
/// is anything else — a class with non-ASCII members, `.`, a caseless `k` or `s` (which also match
/// U+212A and U+017F), the rest of a repetition that is unbounded or has more than
/// ``maxOptionalCopies`` optional copies, a back reference — the sequence ends: any prefix of a
/// necessary condition is necessary too. Each position accepts a superset of what
/// the pattern accepts there, and skipping optional copies independently accepts a superset of the
/// strings too, so a start the check refuses is one where PCRE2 cannot match: the check is sound.
///
/// At scan time the check is a bit-parallel simulation (Shift-And): bit `i` of the state says
/// "the first `i` positions matched"; a byte keeps the bits whose position accepts it and moves them
/// on; optional copies add their skips. A start passes when the last bit is reached. Rules get a
/// check only when it is likely to save PCRE2 calls (``maxPassRate``).
package struct StartCheck: Sendable, Hashable {
    /// The most positions a check holds (state bits `0...positions` fit in 64 bits).
    static let maxPositions = 63
    /// A repetition with more optional copies than this ends the check after its required copies:
    /// skips cost a pass over them at every step that reaches one (`://` rule of matcher-bench:
    /// 3.4 ms with 15 optional copies against 1.1 ms of PCRE2 without a check).
    static let maxOptionalCopies = 4
    /// A check is kept only when it refuses most starts: the estimated chance that ordinary text
    /// passes its required classes (``estimatedPassRate``) is at most this. Otherwise it costs more
    /// than the PCRE2 calls it saves (a keyword rule whose check is its literal saves none).
    package static let maxPassRate = 1.0 / 32

    /// The byte classes of the positions, in order: bit `b` of `classes[i]` word `b >> 6` is set
    /// when position `i` accepts byte `b` (four words per position).
    private(set) var classes: [UInt64] = []
    /// Optional stretches as state skips `from → to` (positions `from..<to` may be skipped),
    /// ordered by `from`.
    private(set) var skips: [Skip] = []

    /// Positions `from..<to` may be skipped.
    struct Skip: Sendable, Hashable {
        var from: Int
        var to: Int
    }

    /// Number of positions.
    package var positions: Int { classes.count / 4 }

    /// A check from its parts, as ``PlanCache`` keeps them.
    init(classes: [UInt64], skips: [Skip]) {
        self.classes = classes
        self.skips = skips
    }

    private init() {}

    /// The check for `pattern` compiled with the given options, or `nil` when the front of the
    /// pattern says too little (fewer than two required positions, or ordinary text passes it more
    /// often than `maxPassRate`) or the pattern has a construct the parser does not understand.
    /// `maxPassRate` 1 keeps every check that can refuse a start (for tests).
    package static func derive(
        pattern: String, caseless: Bool = false, dotAll: Bool = false, extended: Bool = false,
        maxPassRate: Double = StartCheck.maxPassRate
    ) -> StartCheck? {
        derive(RegexParser.parse(pattern, caseless: caseless, dotAll: dotAll, extended: extended), maxPassRate: maxPassRate)
    }

    static func derive(_ tree: RegexNode, maxPassRate: Double) -> StartCheck? {
        if LiteralExtractor.unsupportedReason(in: tree) != nil { return nil }
        var check = StartCheck()
        _ = check.append(tree)
        // Worth a test only when a match must take at least two of the positions, and most text
        // fails it.
        guard check.requiredPositions >= 2, maxPassRate >= 1 || check.estimatedPassRate <= maxPassRate else { return nil }
        return check
    }

    /// The estimated chance that a start in ordinary text passes the positions no skip passes over
    /// (``ByteFrequency``), counting only classes of more than two bytes: a literal's bytes, in
    /// either case, are what the prefilter found, so a window's start passes them anyway.
    package var estimatedPassRate: Double {
        var optional = [Bool](repeating: false, count: positions)
        for skip in skips {
            for i in skip.from..<skip.to { optional[i] = true }
        }
        var rate = 1.0
        for i in 0..<positions where !optional[i] {
            let bytes = (0..<256).filter { classes[4 * i + $0 >> 6] & (1 << UInt64($0 & 63)) != 0 }
            guard bytes.count > 2 else { continue }
            rate *= min(1, bytes.reduce(0) { $0 + ByteFrequency.probability(of: UInt8($1)) })
        }
        return rate
    }

    /// The fewest positions a start must match to pass (optional copies skipped).
    package var requiredPositions: Int {
        var fewest = [Int](repeating: Int.max, count: positions + 1)
        fewest[0] = 0
        var skip = 0
        for state in 0...positions {
            while skip < skips.count, skips[skip].from == state {
                fewest[skips[skip].to] = min(fewest[skips[skip].to], fewest[state])
                skip += 1
            }
            if state < positions { fewest[state + 1] = min(fewest[state + 1], fewest[state] + 1) }
        }
        return fewest[positions]
    }

    /// Appends what `node` requires; returns `false` when the node could not be represented whole
    /// (the positions appended so far stay a necessary condition, but nothing may follow them).
    private mutating func append(_ node: RegexNode) -> Bool {
        switch node {
        case .empty, .lookaround:
            return true
        case .char(let scalar, let caseless):
            guard let set = ByteClass.spellings(of: scalar, caseless: caseless) else { return false }
            return appendPosition(set.words)
        case .charClass(let cc):
            guard let set = ByteClass.members(of: cc) else { return false }
            return appendPosition(set.words)
        case .concat(let items):
            for item in items where !append(item) { return false }
            return true
        case .alternation(let branches):
            // Alternatives of the same number of positions, without optional parts: united
            // position by position (a superset of each branch).
            var united: StartCheck?
            for branch in branches {
                var part = StartCheck()
                guard part.append(branch), part.skips.isEmpty else { return false }
                if let so = united {
                    guard so.positions == part.positions else { return false }
                    for k in part.classes.indices { part.classes[k] |= so.classes[k] }
                }
                united = part
            }
            guard let united, positions + united.positions <= Self.maxPositions else { return false }
            classes += united.classes
            return true
        case .repetition(let body, let minimum, let maximum):
            var part = StartCheck()
            let whole = part.append(body)
            guard whole else {
                // The first copy's front is required when there is at least one copy.
                if minimum >= 1, positions + part.positions <= Self.maxPositions { appendCopy(part, optional: false) }
                return false
            }
            if part.positions == 0 { return true }
            for _ in 0..<minimum {
                guard positions + part.positions <= Self.maxPositions else { return false }
                appendCopy(part, optional: false)
            }
            guard let maximum, maximum - minimum <= Self.maxOptionalCopies else { return false }
            for _ in minimum..<max(minimum, maximum) {
                guard positions + part.positions <= Self.maxPositions else { return false }
                appendCopy(part, optional: true)
            }
            return true
        case .backReference, .unsupported:
            return false
        }
    }

    private mutating func appendPosition(_ set: [UInt64]) -> Bool {
        guard positions < Self.maxPositions else { return false }
        classes += set
        return true
    }

    private mutating func appendCopy(_ part: StartCheck, optional: Bool) {
        let offset = positions
        if optional { skips.append(Skip(from: offset, to: offset + part.positions)) }
        for skip in part.skips { skips.append(Skip(from: skip.from + offset, to: skip.to + offset)) }
        classes += part.classes
    }

    /// `state` with the skips taken (they go forward, in order of `from`, so one pass suffices).
    func closure(_ state: UInt64) -> UInt64 {
        var state = state
        for skip in skips where state & (1 << UInt64(skip.from)) != 0 { state |= 1 << UInt64(skip.to) }
        return state
    }

    /// Whether a match can start at `start` in `text` as far as the check can tell (the reference
    /// implementation; scans use ``Table``).
    package func admits(_ text: [UInt8], at start: Int) -> Bool {
        let accept: UInt64 = 1 << UInt64(positions)
        var state = closure(1)
        var p = start
        while state & accept == 0 {
            guard p < text.count else { return false }
            let byte = Int(text[p])
            var moved: UInt64 = 0
            for i in 0..<positions where state & (1 << UInt64(i)) != 0 && classes[4 * i + byte >> 6] & (1 << UInt64(byte & 63)) != 0 {
                moved |= 1 << UInt64(i + 1)
            }
            state = closure(moved)
            if state == 0 { return false }
            p += 1
        }
        return true
    }
}
