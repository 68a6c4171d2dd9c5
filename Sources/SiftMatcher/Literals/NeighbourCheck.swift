/// A cheap necessary condition on the bytes just before and just after a literal occurrence,
/// derived from a rule's regex at compile time: the engine drops a prefilter hit whose neighbours
/// fail it, before the candidate is sorted or PCRE2 runs.
///
/// Why: the e-mail rule's `@` literal occurs in Python mostly as `@decorator` (after a newline and
/// spaces), so its windows cost about 3 000 PCRE2 calls for 190 matches on 16 MiB of the standard
/// library; a match needs a local-part byte before its `@` and a domain byte after it. The URL
/// rule's `://` (a scheme byte before, a user byte after) and the keyword rules'
/// `(?i)secret\s{0,3}[:=]` (a space, `:` or `=` after the keyword) are alike.
///
/// How it is derived, soundly: the pattern's top-level sequence `x0 x1 … xn` (nested sequences
/// flattened) has a stretch `xi … xj` whose complete set of strings `E` is known (characters, small
/// classes) and each of whose strings begins with one of the rule's plan literals `L`. Every match
/// then holds, where `xi … xj` matched, an occurrence of some `l` of `L`, and
/// - when `x0 … x(i-1)` cannot match the empty string, the byte before that occurrence is the last
///   byte that part matched: one of ``before`` (the last bytes it can match);
/// - the bytes after it go on with the rest of the string of `E` that it begins: the beginning all
///   such strings share is `l`'s extension (``extensions``: `sword` after the `pas` of
///   `(?i)password`), and the byte after that is the next byte of one of them, or, where one ends,
///   the first byte the part `x(j+1) … xn` matched, if that part cannot be empty: one of ``after``
///   for `l`.
/// That occurrence ends at most ``reach`` bytes after the match starts; the engine uses the check
/// only when its windows reach as far back (``LiteralPlan/literalReach``). A hit that fails the
/// check is not that occurrence in any match, and every match keeps the one that is: dropping the
/// hit loses nothing. Bytes outside the text fail a check that constrains them (the occurrence is
/// inside a match, and the match inside the text).
///
/// Byte sets are supersets: a character class's non-ASCII members, the long s and Kelvin sign that
/// caseless `s` and `k` match, a negated class's members: all bytes `0x80...0xFF` are let through.
package struct NeighbourCheck: Sendable, Hashable {
    /// A set of byte values, 256 bits in four words (bit `b & 63` of word `b >> 6`).
    package struct Bytes: Sendable, Hashable {
        package var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        static let all = Bytes(words: (~0, ~0, ~0, ~0))
        static let none = Bytes()
        /// `0x80...0xFF`: every byte of a non-ASCII character.
        static let high = Bytes(words: (0, 0, ~0, ~0))

        init() {}

        init(words: (UInt64, UInt64, UInt64, UInt64)) { self.words = words }

        /// The set of four words as ``PlanCache`` keeps it.
        init(_ array: [UInt64]) {
            words = (array[0], array[1], array[2], array[3])
        }

        var array: [UInt64] { [words.0, words.1, words.2, words.3] }

        /// Branch-free: a `switch` on the word compiled to a jump table, whose indirect jump
        /// mispredicted on text mixing letters (word 1) with digits and punctuation (word 0).
        @inline(__always)
        func contains(_ byte: UInt8) -> Bool {
            let low = byte & 0x40 == 0 ? words.0 : words.1
            let high = byte & 0x40 == 0 ? words.2 : words.3
            let word = byte & 0x80 == 0 ? low : high
            return word >> UInt64(byte & 63) & 1 != 0
        }

        mutating func insert(_ byte: UInt8) {
            let bit = UInt64(1) << UInt64(byte & 63)
            switch byte >> 6 {
            case 0: words.0 |= bit
            case 1: words.1 |= bit
            case 2: words.2 |= bit
            default: words.3 |= bit
            }
        }

        func union(_ other: Bytes) -> Bytes {
            Bytes(words: (words.0 | other.words.0, words.1 | other.words.1, words.2 | other.words.2,
                          words.3 | other.words.3))
        }

        var isAll: Bool { self == .all }

        func intersects(_ other: Bytes) -> Bool {
            words.0 & other.words.0 | words.1 & other.words.1 | words.2 & other.words.2 | words.3 & other.words.3 != 0
        }

        /// The estimated chance that a byte of ordinary text is a member (``ByteFrequency``).
        var estimatedProbability: Double {
            if isAll { return 1 }
            var total = 0.0
            for (w, word) in array.enumerated() {
                var bits = word
                while bits != 0 {
                    total += ByteFrequency.probability(of: UInt8(64 * w + bits.trailingZeroBitCount))
                    bits &= bits - 1
                }
            }
            return min(1, total)
        }

        package static func == (a: Bytes, b: Bytes) -> Bool { a.array == b.array }
        package func hash(into hasher: inout Hasher) { hasher.combine(array) }
    }

    /// The bytes that may come just before an occurrence of any of the plan's literals
    /// (``Bytes/all``: not checked, and a literal at the start of the text passes).
    package var before: Bytes
    /// For each of the plan's literals, in order, the bytes that may come just after an occurrence
    /// and its extension (``Bytes/all``: not checked).
    package var after: [Bytes]
    /// For each of the plan's literals, the bytes each of the (at most ``maxExtension``) positions
    /// right after an occurrence may hold: the rest of the stretch's strings that the literal
    /// begins (`pas` of `(?i)password`: `s` or `ſ`'s first byte, then `w` or its second …).
    package var extensions: [[Bytes]]
    /// The most bytes from a match's start to the end of the occurrence the check is about.
    package var reach: Int
    /// A run that must follow every occurrence (after its extension): where the stretch's strings
    /// all end with the literal and its extension, and the pattern goes on with `C{m,n}` and then
    /// bytes disjoint from `C` (the URL rule's `://[^\s:@/]{1,64}:`).
    package var run: Run? = nil
    /// An earlier literal every occurrence must follow at a bounded distance (``Preceding``).
    package var preceding: Preceding? = nil
    /// The bytes each position just before an occurrence must hold, nearest first (the first is
    /// also ``before``; ``fixedPositions(_:)``); empty: not checked.
    package var behind: [Bytes] = []
    /// The bytes each position right after an occurrence and its extension must hold, nearest first,
    /// where every string of the stretch ends there (the first is also in ``after``); empty: not
    /// checked.
    package var ahead: [Bytes] = []

    /// A run of ``bytes``, ``minimum`` to ``maximum`` bytes long, then one of ``end``. Since `end`
    /// and `bytes` are disjoint, the run in a match is the maximal one: the text's maximal run must
    /// have an allowed length and be followed by a byte of `end`.
    package struct Run: Sendable, Hashable {
        package var bytes: Bytes
        package var minimum: Int
        package var maximum: Int
        package var end: Bytes
    }

    /// A check is kept when it refuses anything at all (estimated pass rate below 1): it costs a
    /// test of two bytes per hit, a PCRE2 call costs a hundred times more, and the byte frequencies
    /// say little about a literal's neighbours (they rate the e-mail rule's check at 0.5, yet it
    /// refuses most `@` of Python sources: `@decorator` follows spaces).
    static let maxPassRate = 1.0
    /// The longest stretch of the top-level sequence tried as the literal's place.
    static let maxStretch = 8
    /// The most positions of an extension (a hit that fails the first usually costs one test).
    static let maxExtension = 8

    /// The check for `pattern` (compiled with the given options) and its plan's `literals`, or
    /// `nil` when the pattern's structure says nothing useful about their neighbours.
    /// With `widerChecks`, the check may also require an earlier literal (``preceding``) and test bytes further from the occurrence (``behind``, ``ahead``).
    package static func derive(
        pattern: String, caseless: Bool = false, dotAll: Bool = false, extended: Bool = false, literals: [Literal],
        widerChecks: Bool = true
    ) -> NeighbourCheck? {
        derive(RegexParser.parse(pattern, caseless: caseless, dotAll: dotAll, extended: extended), literals: literals,
               widerChecks: widerChecks)
    }

    static func derive(_ tree: RegexNode, literals: [Literal], widerChecks: Bool = true) -> NeighbourCheck? {
        guard !literals.isEmpty, LiteralExtractor.unsupportedReason(in: tree) == nil else { return nil }
        let items = flatten(tree)
        // Each item analysed once: stretches' sets are crossed from them and reaches summed
        // (analysing every prefix again cost 2 ms per rule: 0.6 s for matcher-bench's 300 rules).
        let infos = items.map(LiteralAnalyzer.analyze)
        let longestLiteral = literals.map(\.bytes.count).max()!
        let index = LiteralIndex(literals)
        // The last bytes of every head `items[..<i]` and the first bytes of every tail `items[j...]`,
        // each from its neighbour (concatenation's rule, one item at a time).
        typealias Edge = (bytes: Bytes, canBeEmpty: Bool)
        var heads: [Edge?] = [(.none, true)]
        for item in items {
            let edge = lastBytes(item)
            heads.append(edge.flatMap { edge in
                edge.canBeEmpty ? heads.last!.map { ($0.bytes.union(edge.bytes), $0.canBeEmpty) } : edge
            })
        }
        var tails = [Edge?](repeating: nil, count: items.count + 1)
        tails[items.count] = (.none, true)
        for k in items.indices.reversed() {
            let edge = firstBytes(items[k])
            tails[k] = edge.flatMap { edge in
                edge.canBeEmpty ? tails[k + 1].map { ($0.bytes.union(edge.bytes), $0.canBeEmpty) } : edge
            }
        }
        var best: (check: NeighbourCheck, rate: Double)?
        // The longest text of the items before `i`.
        var head: Int? = 0
        for i in items.indices {
            defer { head = head.flatMap { length in infos[i].maxLength.map { length + $0 } } }
            // A stretch begins with a literal: its first item's strings begin with a literal's byte.
            guard let headLength = head, let first = infos[i].exact,
                  (0..<first.count).contains(where: { first.length($0) > 0 && index.firstBytes.contains(Literal.fold(first.bytes[first.start($0)])) })
            else { continue }
            // What comes before the stretch: its last byte when it cannot be empty.
            let before = heads[i]
            let beforeSet = before.map { $0.canBeEmpty ? Bytes.all : $0.bytes } ?? .all
            var exact: LiteralSet? = nil
            // The occurrence is a literal at the start of the stretch: it ends at most this far
            // from the match's start (not the stretch's end: windows from a literal reach no further).
            let reach = headLength + longestLiteral
            let preceding = widerChecks ? preceding(items, infos, before: i) : nil
            let precedingRate = preceding.map { $0.estimatedPassRate } ?? 1
            let behind = widerChecks ? fixedPositions(items[..<i].reversed()) : []
            for j in i..<min(items.count, i + maxStretch) {
                guard let part = infos[j].exact else { break }
                if let sofar = exact {
                    exact = LiteralSets.cross(sofar, part)
                } else {
                    exact = part
                }
                guard let exact, LiteralSets.isUseful(exact) else { break }
                let tail = tails[j + 1]
                let tailSet = tail.map { $0.canBeEmpty ? Bytes.all : $0.bytes } ?? .all
                guard let next = continuations(exact.literals, literals, index, tail: tailSet) else { continue }
                var check = NeighbourCheck(before: beforeSet, after: next.map(\.after), extensions: next.map(\.extension),
                                           reach: reach)
                if next.allSatisfy(\.endsStretch) {
                    check.run = run(Array(items[(j + 1)...]))
                    if widerChecks { check.ahead = fixedPositions(items[(j + 1)...]) }
                }
                check.preceding = preceding
                check.behind = behind
                // The first position of each is also tested by `before` and `after`.
                let rate = check.estimatedPassRate * precedingRate * passRate(Array(behind.dropFirst()))
                    * passRate(Array(check.ahead.dropFirst()))
                if rate < best?.rate ?? maxPassRate { best = (check, rate) }
            }
        }
        return best?.check
    }

    /// What follows one literal where it begins a string of a stretch: the bytes each of the next
    /// positions can hold in those strings (``maxExtension`` at most, and no further than the
    /// shortest string), and the bytes that can come after them.
    typealias Continuation = (extension: [Bytes], after: Bytes, endsStretch: Bool)

    /// For each literal of `literals`, what can follow it where it begins a string of `strings`
    /// (`tail` where it ends the string), or `nil` when some string begins with none of `literals`
    /// or some literal begins none of the strings.
    private static func continuations(_ strings: [Literal], _ literals: [Literal], _ index: LiteralIndex, tail: Bytes)
        -> [Continuation]?
    {
        // The rest of each string after each literal it begins with.
        var rests = [[(bytes: ArraySlice<UInt8>, caseless: Bool)]](repeating: [], count: literals.count)
        for string in strings {
            var covered = false
            let folded = string.bytes.map(Literal.fold)
            let matching = index.lengths.prefix { $0 <= folded.count }.flatMap { index.byFolded[Array(folded[..<$0])] ?? [] }
            for k in matching where begins(string, with: literals[k]) {
                covered = true
                rests[k].append((string.bytes[literals[k].bytes.count...], string.caseless))
            }
            if !covered { return nil }
        }
        // A literal that begins none of the strings never marks the stretch: any of its hits may
        // be the occurrence another part of the pattern requires. Such plans are not checked.
        if rests.contains(where: \.isEmpty) { return nil }
        return rests.map { rests in
            // Position by position, the bytes some string has there, up to the shortest string's end
            // (strings spelled with a long s or a Kelvin sign are longer: their positions differ,
            // and the union of all holds every one).
            let shortest = min(maxExtension, rests.map(\.bytes.count).min()!)
            var extensionSets: [Bytes] = []
            for i in 0..<shortest {
                var set = Bytes.none
                for rest in rests { set = set.union(spellings(rest.bytes[rest.bytes.startIndex + i], caseless: rest.caseless)) }
                extensionSets.append(set)
            }
            var after = Bytes.none
            for rest in rests {
                if rest.bytes.count == shortest {
                    after = after.union(tail)
                } else {
                    after = after.union(spellings(rest.bytes[rest.bytes.startIndex + shortest], caseless: rest.caseless))
                }
            }
            return (extensionSets, after, rests.allSatisfy { $0.bytes.count == shortest })
        }
    }

    /// Whether every text that matches `string` begins with bytes the prefilter reports as
    /// `literal`.
    private static func begins(_ string: Literal, with literal: Literal) -> Bool {
        guard string.bytes.count >= literal.bytes.count else { return false }
        // A case-sensitive literal with letters is reported only as spelled: a caseless string may
        // be spelled otherwise.
        if string.caseless, !literal.caseless, literal.hasLetters { return false }
        for k in literal.bytes.indices {
            let s = string.bytes[k], l = literal.bytes[k]
            if literal.caseless || string.caseless {
                if Literal.fold(s) != Literal.fold(l) { return false }
            } else if s != l {
                return false
            }
        }
        return true
    }

    /// The bytes a (folded, when caseless) byte of a literal can be in the text.
    private static func spellings(_ byte: UInt8, caseless: Bool) -> Bytes {
        var set = Bytes()
        set.insert(byte)
        if caseless, Literal.fold(byte) &- 0x61 < 26 {
            set.insert(Literal.fold(byte))
            set.insert(Literal.fold(byte) & ~0x20)
        }
        return set
    }

    /// The estimated chance that a hit in ordinary text passes: the before test, times the average
    /// after test of the literals.
    var estimatedPassRate: Double {
        var afterRate = 0.0
        for (k, set) in after.enumerated() {
            afterRate += extensions[k].reduce(set.estimatedProbability) { $0 * $1.estimatedProbability }
        }
        return before.estimatedProbability * afterRate / Double(max(after.count, 1))
    }

    /// The plan's literals by their folded bytes, so that each string of a stretch looks up its
    /// prefixes of each length (comparing every string with every literal cost 40 ms for 300 rules;
    /// building this per stretch, about 5 % of compiling them).
    private struct LiteralIndex {
        var byFolded: [[UInt8]: [Int]] = [:]
        let lengths: [Int]
        let firstBytes: Set<UInt8>

        init(_ literals: [Literal]) {
            for (k, literal) in literals.enumerated() { byFolded[literal.bytes.map(Literal.fold), default: []].append(k) }
            lengths = Set(literals.map(\.bytes.count)).sorted()
            firstBytes = Set(literals.map { Literal.fold($0.bytes[0]) })
        }
    }

    /// The run `items` begin with (zero-width items passed over): `C{m,n}` with `m >= 1` and `C` a
    /// character or class of known bytes, followed by something that cannot be empty and whose first
    /// bytes are not in `C`.
    private static func run(_ items: [RegexNode]) -> Run? {
        var rest = joiningCopies(items)[...]
        func skipZeroWidth() {
            while let item = rest.first {
                switch item {
                case .empty, .lookaround: rest = rest.dropFirst()
                default: return
                }
            }
        }
        skipZeroWidth()
        guard case .repetition(let body, let minimum, let maximum?)? = rest.first, minimum >= 1, maximum >= minimum,
              let bytes = characterBytes(body), !bytes.isAll else { return nil }
        rest = rest.dropFirst()
        skipZeroWidth()
        guard let end = firstBytes(.concat(Array(rest))), !end.canBeEmpty, !end.bytes.intersects(bytes) else { return nil }
        // Repetitions count characters: one of up to four bytes when the class holds non-ASCII bytes.
        let wide = bytes.array[2] | bytes.array[3] != 0
        return Run(bytes: bytes, minimum: minimum, maximum: wide ? 4 * maximum : maximum, end: end.bytes)
    }

    /// `node` as a flat top-level sequence (nested sequences spliced in), with the first and last
    /// copies of a repetition of a character or small class split off (`[0-9]{3}`: `[0-9]`,
    /// `[0-9]`, `[0-9]`): where products grow too big the analyzer cuts a repetition's strings next
    /// to a literal (``LiteralSets/crossCuttingSuffixes(_:_:)``), so a plan literal may begin at its
    /// last copy (`7a@@qz` of `[0-9]{3}[a-c]@@qz`) or end at its first one (`53D` of
    /// `5[1-5][0-9]{2}`), and a stretch must be able to begin or end there too.
    private static func flatten(_ node: RegexNode) -> [RegexNode] {
        switch node {
        case .concat(let items):
            return items.flatMap(flatten)
        case .repetition(let body, let minimum, let maximum) where minimum >= 1:
            guard LiteralAnalyzer.analyze(body).exact != nil else { return [node] }
            if minimum == 1 { return [body, .repetition(body, min: 0, max: maximum.map { $0 - 1 })] }
            let middle = RegexNode.repetition(body, min: minimum - 2, max: maximum.map { $0 - 2 })
            return maximum == 2 ? [body, body] : [body, middle, body]
        default:
            return [node]
        }
    }

    /// `items` with copies of one character or class next to each other joined into one repetition
    /// again (undoing ``flatten(_:)``'s split, for ``run(_:)``).
    static func joiningCopies(_ items: some Sequence<RegexNode>) -> [RegexNode] {
        func parts(_ node: RegexNode) -> (body: RegexNode, minimum: Int, maximum: Int?) {
            if case .repetition(let body, let minimum, let maximum) = node { return (body, minimum, maximum) }
            return (node, 1, 1)
        }
        func isCharacter(_ node: RegexNode) -> Bool {
            switch node {
            case .char, .charClass: return true
            default: return false
            }
        }
        var out: [RegexNode] = []
        for item in items {
            let (body, c, d) = parts(item)
            if let last = out.last, isCharacter(body), parts(last).body == body {
                let (_, a, b) = parts(last)
                out[out.count - 1] = .repetition(body, min: a + c, max: b.flatMap { b in d.map { b + $0 } })
            } else {
                out.append(item)
            }
        }
        return out
    }

    /// The bytes one character of `node`'s text can begin (`first`) or end with, or `nil` when
    /// unknown.
    static func characterBytes(_ node: RegexNode) -> Bytes? {
        switch node {
        case .char(let scalar, let caseless):
            return classBytes(ranges: [scalar.value...scalar.value], negated: false, caseless: caseless)
        case .charClass(let cc):
            guard let ranges = cc.ranges else { return nil }
            return classBytes(ranges: ranges, negated: cc.negated, caseless: cc.caseless)
        default:
            return nil
        }
    }

    /// A superset of the bytes that begin or end a character of a class (one character: its own).
    private static func classBytes(ranges: [ClosedRange<UInt32>], negated: Bool, caseless: Bool) -> Bytes? {
        var ascii = Bytes()
        var hasHigh = false
        for range in ranges {
            if range.upperBound >= 0x80 { hasHigh = true }
            guard range.lowerBound < 0x80 else { continue }
            for value in range.lowerBound...min(range.upperBound, 0x7F) {
                let byte = UInt8(value)
                ascii.insert(byte)
                if caseless, Literal.fold(byte) &- 0x61 < 26 {
                    ascii.insert(Literal.fold(byte))
                    ascii.insert(Literal.fold(byte) & ~0x20)
                }
            }
        }
        if negated {
            // Everything but the excluded ASCII bytes (a negated class may exclude more: a superset).
            var allowed = Bytes.high
            for byte in UInt8(0)..<0x80 where !ascii.contains(byte) { allowed.insert(byte) }
            return allowed
        }
        // Caseless non-ASCII members can match ASCII letters (U+212A matches `k`): unknown.
        if hasHigh, caseless { return nil }
        var set = hasHigh ? ascii.union(.high) : ascii
        // Caseless `k` and `s` also match U+212A and U+017F.
        if caseless, set.contains(UInt8(ascii: "k")) || set.contains(UInt8(ascii: "s")) { set = set.union(.high) }
        return set
    }

    /// The bytes the text of `node` can begin with, and whether it can be empty; `nil` when unknown.
    private static func firstBytes(_ node: RegexNode) -> (bytes: Bytes, canBeEmpty: Bool)? {
        edgeBytes(node, fromEnd: false)
    }

    /// The bytes the text of `node` can end with, and whether it can be empty; `nil` when unknown.
    private static func lastBytes(_ node: RegexNode) -> (bytes: Bytes, canBeEmpty: Bool)? {
        edgeBytes(node, fromEnd: true)
    }

    private static func edgeBytes(_ node: RegexNode, fromEnd: Bool) -> (bytes: Bytes, canBeEmpty: Bool)? {
        switch node {
        case .empty, .lookaround:
            return (.none, true)
        case .char, .charClass:
            return characterBytes(node).map { ($0, false) }
        case .concat(let items):
            var set = Bytes.none
            for item in fromEnd ? Array(items.reversed()) : items {
                guard let part = edgeBytes(item, fromEnd: fromEnd) else { return nil }
                set = set.union(part.bytes)
                if !part.canBeEmpty { return (set, false) }
            }
            return (set, true)
        case .alternation(let branches):
            var set = Bytes.none
            var canBeEmpty = false
            for branch in branches {
                guard let part = edgeBytes(branch, fromEnd: fromEnd) else { return nil }
                set = set.union(part.bytes)
                canBeEmpty = canBeEmpty || part.canBeEmpty
            }
            return (set, canBeEmpty)
        case .repetition(let body, let minimum, let maximum):
            if maximum == 0 { return (.none, true) }
            guard let part = edgeBytes(body, fromEnd: fromEnd) else { return nil }
            return (part.bytes, part.canBeEmpty || minimum == 0)
        case .backReference, .unsupported:
            return nil
        }
    }
}

extension NeighbourCheck {
    /// The check of one literal of one rule as scans test it: plain values, read per prefilter hit.
    struct Test: Sendable {
        let before: Bytes
        let after: Bytes
        let checksBefore: Bool
        let checksAfter: Bool
        /// The extension's sets are `extensions[extensionStart ..< extensionStart + extensionLength]`
        /// of the table the scan passes (``CompiledRuleSet/Storage/neighbourExtensions``).
        let extensionStart: Int
        let extensionLength: Int

        /// The check's ``NeighbourCheck/run`` (`runMaximum` < 0: none).
        let runBytes: Bytes
        let runEnd: Bytes
        let runMinimum: Int
        let runMaximum: Int
        /// The check's ``NeighbourCheck/preceding`` (``Preceding/Test/none``: none).
        let preceding: Preceding.Test
        /// The sets of ``NeighbourCheck/behind`` and ``NeighbourCheck/ahead`` are
        /// `extensions[behindStart ..< behindStart + behindLength]` and those of `ahead` alike.
        let behindStart: Int
        let behindLength: Int
        let aheadStart: Int
        let aheadLength: Int

        init(before: Bytes, after: Bytes, extensionStart: Int = 0, extensionLength: Int = 0, run: Run? = nil,
             preceding: Preceding.Test = .none, behind: Range<Int> = 0..<0, ahead: Range<Int> = 0..<0) {
            self.preceding = preceding
            behindStart = behind.lowerBound
            behindLength = behind.count
            aheadStart = ahead.lowerBound
            aheadLength = ahead.count
            self.before = before
            self.after = after
            runBytes = run?.bytes ?? .none
            runEnd = run?.end ?? .none
            runMinimum = run?.minimum ?? 0
            runMaximum = run?.maximum ?? -1
            checksBefore = !before.isAll
            checksAfter = !after.isAll
            self.extensionStart = extensionStart
            self.extensionLength = extensionLength
        }

        /// Whether the occurrence `text[start..<end]` may be the one the check `test` is about.
        ///
        /// Static, reading each field through the pointer: a method called on a test read from its
        /// table copied all ~300 bytes of it for every prefilter hit (2 % of a scan's profile).
        @inline(__always)
        static func admits(_ test: UnsafePointer<Test>, _ text: UnsafeRawBufferPointer, start: Int, end: Int,
                           extensions: UnsafeBufferPointer<Bytes>, literals: UnsafeBufferPointer<Literal>) -> Bool {
            // SAFETY: `test` points into the storage's tests, which outlive the scan.
            if test.pointee.checksBefore {
                guard start > 0, test.pointee.before.contains(text[start - 1]) else { return false }
            }
            var next = end
            let extensionLength = test.pointee.extensionLength
            if extensionLength > 0 {
                let first = test.pointee.extensionStart
                guard end + extensionLength <= text.count else { return false }
                for i in 0..<extensionLength where !extensions[first + i].contains(text[end + i]) { return false }
                next = end + extensionLength
            }
            if test.pointee.checksAfter {
                guard next < text.count, test.pointee.after.contains(text[next]) else { return false }
            }
            let behindLength = test.pointee.behindLength
            if behindLength > 0 {
                let first = test.pointee.behindStart
                guard start >= behindLength else { return false }
                for i in 0..<behindLength where !extensions[first + i].contains(text[start - 1 - i]) { return false }
            }
            let aheadLength = test.pointee.aheadLength
            if aheadLength > 0 {
                let first = test.pointee.aheadStart
                guard next + aheadLength <= text.count else { return false }
                for i in 0..<aheadLength where !extensions[first + i].contains(text[next + i]) { return false }
            }
            let runMaximum = test.pointee.runMaximum
            if runMaximum >= 0 {
                let runBytes = test.pointee.runBytes
                var end = next
                let limit = min(text.count, next + runMaximum + 1)
                while end < limit, runBytes.contains(text[end]) { end += 1 }
                guard end - next >= test.pointee.runMinimum, end - next <= runMaximum, end < text.count,
                    test.pointee.runEnd.contains(text[end])
                else { return false }
            }
            if test.pointee.preceding.literalCount > 0 {
                return test.pointee.preceding.admits(text, start: start, literals: literals)
            }
            return true
        }
    }
}
