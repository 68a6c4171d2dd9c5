/// A multi-literal searcher: one pass over a text reports every occurrence (overlapping ones too)
/// of every literal, compared exactly or ASCII-case-insensitively.
///
/// Two searches, one chosen per literal set (``PrefilterKind``, ``prefersFilter(_:)``):
///
/// **Filter + start table** (the usual choice). ``BucketFilter`` tests every position with one
/// table lookup (Hyperscan's FDR over its first four bytes), sixteen positions at a time with
/// AVX-512 (eight with AVX2, one in portable C elsewhere); with
/// ``CompiledRuleSet/Options/bucketFilter`` off, ``GramFilter`` does it with two bitmap lookups
/// (the first bytes of short literals, a hash of the first four folded bytes of long ones).
/// ``StartTable`` then compares the literals that could start at each position that passes with the
/// text there (or, with ``CompiledRuleSet/Options/startTable`` off, ``StartTrie`` walks the
/// literals' trie from it). With the 804 literals of BenchRules, 1.75 % of the positions of
/// generated text pass the bucket filter, 2.4 % the gram filter (1.3 % start an occurrence).
///
/// **Aho-Corasick DFA** over byte classes, kept for literal sets whose first bytes are so common
/// that too many positions would pass the filter:
/// - bytes are folded to ASCII lowercase and mapped to classes (one per distinct byte that occurs in
///   some literal, class 0 for all others), so a row of the table is small (`stride` entries);
/// - transition entries are premultiplied state offsets, and states that end a literal are numbered
///   last, so the inner loop is one table load and one compare per byte;
/// - the text is cut into up to ``streamCount`` stretches searched in one interleaved loop, which
///   hides the latency of the table loads (each byte's load depends on the previous state);
/// - the loops only record (end, state) pairs in a buffer; literals are looked up afterwards, so the
///   hot loops keep their state in registers.
///
/// The trie and the DFA compare folded bytes; case-sensitive literals with letters are verified
/// against the original bytes when found (the start table compares them exactly). Only the chosen
/// search's tables are built.
///
/// A class, not a struct: a scan starts by taking the rule set's automaton, and copying a struct of
/// some twenty arrays cost twenty retains and releases per scan (measured 2026-12-01, matcher-bench
/// `PROFILE=calls`: about 1.2 us of a 16-byte document's prefilter call went to them).
final class LiteralAutomaton: Sendable {
    let literals: [Literal]
    /// Each literal's length in bytes (read per hit without touching the literal's array).
    let lengths: [Int]
    /// Whether a literal's hits need checking against the original bytes: case-sensitive literals
    /// with ASCII letters (without letters, folded equality is equality).
    private let needsCaseCheck: [Bool]
    /// Byte → class.
    private let classes: [UInt8]
    /// Row width, a power of two ≥ number of classes.
    private let stride: Int
    private let strideShift: Int
    /// `transitions[state + class]` = next state, states premultiplied by `stride`.
    private let transitions: [UInt32]
    /// States at or above this offset end at least one literal.
    private let firstMatchState: UInt32
    /// For match state `s` (premultiplied), its literal ids are
    /// `outputIDs[outputStart[(s - firstMatchState) / stride] ..< outputStart[… + 1]]`.
    private let outputStart: [Int32]
    private let outputIDs: [Int32]
    /// The longest literal, in bytes.
    let maxLiteralLength: Int

    /// Interleaved stretches per scan: enough to hide a load's latency on today's cores.
    static let streamCount = 4
    /// Texts shorter than this are searched in a single stream.
    static let minimumBytesPerStream = 256
    /// Bytes each stream advances between two rounds of hit processing; bounds the hit buffer.
    static let blockSize = 16 * 1024
    /// Capacity the hit buffer needs: one hit per position at most.
    static let hitBufferCapacity = streamCount * blockSize
    /// Hit records per round of the filtered search (the rest of the hit buffer holds positions).
    static let recordCapacity = hitBufferCapacity * 3 / 4

    /// The filter (used when ``usesFilter``: the bucket filter's when ``usesBucketFilter``, else the
    /// gram filter's) and the check of its positions that follows it (the start table's when
    /// ``usesStartTable``, else the trie's); the ones not used are empty.
    private let filter: GramFilter
    private let buckets: BucketFilter
    private let trie: StartTrie
    private let table: StartTable
    let usesStartTable: Bool
    let usesBucketFilter: Bool
    /// Whether ``scan(_:hits:_:)`` runs a filter and the start table or trie instead of the DFA.
    let usesFilter: Bool

    init(_ literals: [Literal], kind: PrefilterKind = .automatic, startTable: Bool = true, bucketFilter: Bool = true) {
        precondition(!literals.contains { $0.bytes.isEmpty }, "the empty literal matches everywhere")
        precondition(literals.count < 1 << 24, "hit records keep literal ids in 24 bits")
        self.literals = literals
        lengths = literals.map(\.bytes.count)
        needsCaseCheck = literals.map { !$0.caseless && $0.hasLetters }
        maxLiteralLength = literals.map(\.bytes.count).max() ?? 0

        let (classOf, stride) = Self.byteClasses(literals)
        classes = classOf
        self.stride = stride
        strideShift = stride.trailingZeroBitCount
        let wantsFilter: Bool
        switch kind {
        case .automaton: wantsFilter = false
        case .gramFilter: wantsFilter = true
        case .automatic: wantsFilter = Self.prefersFilter(literals)
        }
        // Only the search that runs is built (the other gets empty tables): it saves compile time and
        // memory. The filtered search needs room for one start's hits in the record buffer.
        let wantsTable = startTable
        let startTable = StartTable(wantsFilter && wantsTable ? literals : [])
        let startTrie = StartTrie(wantsFilter && !wantsTable ? literals : [], classes: classOf, stride: stride)
        usesFilter = wantsFilter && !literals.isEmpty
            && max(startTrie.maxHitsPerStart, startTable.maxHitsPerStart) <= Self.recordCapacity
        usesStartTable = usesFilter && wantsTable
        usesBucketFilter = usesFilter && bucketFilter
        filter = GramFilter(usesFilter && !bucketFilter ? literals : [])
        buckets = BucketFilter(usesBucketFilter ? literals : [])
        trie = startTrie
        self.table = startTable
        if usesFilter {
            transitions = []
            firstMatchState = 0
            outputStart = []
            outputIDs = []
            return
        }

        // Trie over folded bytes; -1 = no edge yet.
        var trie = [Int32](repeating: -1, count: stride)
        var ends: [[Int32]] = [[]]
        for (id, literal) in literals.enumerated() {
            var state = 0
            for byte in literal.bytes {
                let slot = state * stride + Int(classOf[Int(byte)])
                if trie[slot] < 0 {
                    trie[slot] = Int32(ends.count)
                    ends.append([])
                    trie.append(contentsOf: repeatElement(-1, count: stride))
                }
                state = Int(trie[slot])
            }
            ends[state].append(Int32(id))
        }
        let stateCount = ends.count

        // Breadth-first: failure links, full DFA rows, inherited outputs.
        var fail = [Int](repeating: 0, count: stateCount)
        var order: [Int] = [0]
        order.reserveCapacity(stateCount)
        var head = 0
        for c in 0..<stride {
            let slot = c
            if trie[slot] < 0 {
                trie[slot] = 0
            } else {
                let child = Int(trie[slot])
                fail[child] = 0
                order.append(child)
            }
        }
        head = 1
        while head < order.count {
            let state = order[head]
            head += 1
            ends[state] += ends[fail[state]]
            for c in 0..<stride {
                let slot = state * stride + c
                let viaFail = Int(trie[fail[state] * stride + c])
                if trie[slot] < 0 {
                    trie[slot] = Int32(viaFail)
                } else {
                    let child = Int(trie[slot])
                    fail[child] = viaFail
                    order.append(child)
                }
            }
        }

        // Renumber: non-matching states first (root stays 0), matching states last.
        var newIndex = [Int](repeating: 0, count: stateCount)
        var next = 0
        for state in 0..<stateCount where ends[state].isEmpty {
            newIndex[state] = next
            next += 1
        }
        let firstMatch = next
        var outputStart: [Int32] = []
        var outputIDs: [Int32] = []
        for state in 0..<stateCount where !ends[state].isEmpty {
            newIndex[state] = next
            next += 1
            outputStart.append(Int32(outputIDs.count))
            outputIDs += ends[state].sorted()
        }
        outputStart.append(Int32(outputIDs.count))
        var table = [UInt32](repeating: 0, count: stateCount * stride)
        for state in 0..<stateCount {
            let row = newIndex[state] * stride
            for c in 0..<stride {
                table[row + c] = UInt32(newIndex[Int(trie[state * stride + c])] * stride)
            }
        }
        precondition(stateCount < 1 << 24, "hit records keep state rows in 24 bits")
        transitions = table
        firstMatchState = UInt32(firstMatch * stride)
        self.outputStart = outputStart
        self.outputIDs = outputIDs
    }

    /// Byte → class over folded bytes (one class per distinct folded byte that occurs in some
    /// literal, class 0 for all others), and the row width: a power of two above every class.
    static func byteClasses(_ literals: [Literal]) -> (classes: [UInt8], stride: Int) {
        var classOf = [UInt8](repeating: 0, count: 256)
        var used = [Bool](repeating: false, count: 256)
        for literal in literals {
            for byte in literal.bytes { used[Int(Literal.fold(byte))] = true }
        }
        var classCount = 1
        for byte in 0..<256 where used[byte] {
            classOf[byte] = UInt8(classCount)
            classCount += 1
        }
        for byte in 0..<256 {
            let folded = Int(Literal.fold(UInt8(byte)))
            classOf[byte] = classOf[folded]
        }
        var stride = 1
        while stride < classCount { stride <<= 1 }
        return (classOf, stride)
    }

    /// Whether the gram filter should replace the DFA for these literals (``PrefilterKind/automatic``).
    ///
    /// Measured with `matcher-bench` (BenchRules, 808 literals, generated text): the filter's SIMD
    /// loop takes about half the DFA's time, and every percent of positions that pass it costs
    /// roughly another tenth of the DFA's time in trie walks; the two break even near 5 % of
    /// positions passing. BenchRules pass 2.4 % of generated text and 1.5 % of Python sources. A set
    /// of common one-byte literals (`e`, `a`) would pass a quarter of all positions: it keeps the DFA.
    static func prefersFilter(_ literals: [Literal]) -> Bool {
        !literals.isEmpty && GramFilter.estimatedPassRate(literals) < 0.05
    }

    /// The number of DFA states.
    var stateCount: Int { transitions.count / max(stride, 1) }

    /// Bytes of memory the tables take.
    var memoryFootprint: Int {
        transitions.count * 4 + outputIDs.count * 4 + outputStart.count * 4 + 256
            + (usesFilter ? filter.memoryFootprint + buckets.memoryFootprint + trie.memoryFootprint + table.memoryFootprint : 0)
    }

    /// Calls `onHit(literalID, endOffset)` for every occurrence of every literal in `text`, where
    /// `endOffset` is one past the occurrence's last byte. The order is unspecified. `hits` is a
    /// reusable buffer (its contents are overwritten).
    func scan(_ text: UnsafeRawBufferPointer, hits: inout [UInt64], _ onHit: (Int, Int) -> Void) {
        guard !literals.isEmpty, !text.isEmpty else { return }
        if hits.count < Self.hitBufferCapacity {
            hits = [UInt64](repeating: 0, count: Self.hitBufferCapacity)
        }
        if usesFilter {
            scanFiltered(text, hits: &hits, onHit)
            return
        }
        let count = text.count
        let streams = count >= Self.minimumBytesPerStream * Self.streamCount ? Self.streamCount : 1
        // Stretch k covers ends in [k * size, (k + 1) * size) and starts `overlap` bytes early so that a
        // literal straddling a boundary is seen whole; occurrences ending in the warm-up belong to
        // the previous stretch and are not reported.
        let size = count / streams
        let overlap = max(maxLiteralLength - 1, 0)
        var position = [Int](repeating: 0, count: 4)
        var limit = [Int](repeating: 0, count: 4)
        var state = [UInt32](repeating: 0, count: 4)
        for k in 0..<streams {
            limit[k] = k == streams - 1 ? count : (k + 1) * size
            position[k] = k == 0 ? 0 : k * size
            let warmStart = max(position[k] - overlap, 0)
            state[k] = warm(text, from: warmStart, to: position[k])
        }
        hits.withUnsafeMutableBufferPointer { buffer in
            let out = buffer.baseAddress!
            while true {
                var found = 0
                var progressed = false
                if streams == 4, (0..<4).allSatisfy({ position[$0] < limit[$0] }) {
                    let steps = min(Self.blockSize, limit[0] - position[0], limit[1] - position[1],
                                    limit[2] - position[2], limit[3] - position[3])
                    found = run4(text, &position, &state, steps: steps, into: out)
                    progressed = true
                } else {
                    for k in 0..<streams where position[k] < limit[k] {
                        let steps = min(Self.blockSize, limit[k] - position[k])
                        found += run1(text, &position[k], &state[k], steps: steps, into: out + found)
                        progressed = true
                    }
                }
                for h in 0..<found { expand(out[h], text, onHit) }
                if !progressed { break }
            }
        }
    }

    /// The filtered search: block by block, the filter lists the positions that may start a
    /// literal, the start table (or the trie) checks each of them and records its hits, and the hits
    /// are reported.
    /// `hits` is split: its first quarter holds a block's positions (as UInt32), the rest hit records.
    private func scanFiltered(_ text: UnsafeRawBufferPointer, hits: inout [UInt64], _ onHit: (Int, Int) -> Void) {
        let split = Self.hitBufferCapacity - Self.recordCapacity
        let block = 2 * split  // positions per block
        hits.withUnsafeMutableBufferPointer { buffer in
            let records = buffer.baseAddress! + split
            let capacity = Self.recordCapacity
            // SAFETY: only the first `split` UInt64s are rebound, to `2 * split` UInt32s, and only inside
            // this closure (they are scratch, rewritten before they are read); the records use the rest.
            UnsafeMutableBufferPointer(rebasing: buffer[0..<split]).withMemoryRebound(to: UInt32.self) { positions in
                let positions = positions.baseAddress!
                var start = 0
                while start < text.count {
                    let end = min(start + block, text.count)
                    let found = if usesBucketFilter {
                        buckets.candidates(text, from: start, to: end, into: positions)
                    } else {
                        filter.candidates(text, from: start, to: end, into: positions)
                    }
                    var done = 0
                    while usesStartTable, done < found {
                        // Exact hits: nothing to check.
                        let (walked, written) = table.walk(
                            text, starts: positions + done, count: found - done, base: start, hits: records,
                            capacity: capacity)
                        for h in 0..<written {
                            let record = records[h]
                            onHit(Int(record & 0xFF_FFFF), Int(record >> 24))
                        }
                        done += walked
                    }
                    while done < found {
                        let (walked, written) = trie.walk(
                            text, starts: positions + done, count: found - done, base: start, hits: records,
                            capacity: capacity)
                        for h in 0..<written {
                            let record = records[h]
                            let id = Int(record & 0xFF_FFFF)
                            let end = Int(record >> 24)
                            if !needsCaseCheck[id] || literals[id].matches(text, at: end - lengths[id]) {
                                onHit(id, end)
                            }
                        }
                        done += walked
                    }
                    start = end
                }
            }
        }
    }

    /// Runs the DFA over `[from, to)` without reporting and returns the state reached.
    private func warm(_ text: UnsafeRawBufferPointer, from: Int, to: Int) -> UInt32 {
        var state: UInt32 = 0
        var position = from
        _ = run1(text, &position, &state, steps: to - from, into: nil)
        return state
    }

    /// One stream, `steps` bytes; hits (end << 24 | state row) go to `out` (or are dropped when nil).
    /// Returns the number of hits.
    @inline(never)
    private func run1(
        _ text: UnsafeRawBufferPointer, _ position: inout Int, _ state: inout UInt32, steps: Int,
        into out: UnsafeMutablePointer<UInt64>?
    ) -> Int {
        classes.withUnsafeBufferPointer { classes in
            transitions.withUnsafeBufferPointer { table in
                // SAFETY: `position + steps <= text.count` (callers clamp steps to the stretch); class
                // values are < stride and states are premultiplied rows, so every table index is in
                // bounds; `out` has room for one hit per step.
                let bytes = text.baseAddress!.assumingMemoryBound(to: UInt8.self)
                let classes = classes.baseAddress!
                let table = table.baseAddress!
                let firstMatch = firstMatchState
                let shift = UInt32(strideShift)
                var s = state
                var p = position
                let end = p + steps
                var found = 0
                while p < end {
                    s = table[Int(s) &+ Int(classes[Int(bytes[p])])]
                    p &+= 1
                    if s >= firstMatch, let out {
                        out[found] = UInt64(p) << 24 | UInt64((s - firstMatch) >> shift)
                        found &+= 1
                    }
                }
                state = s
                position = p
                return found
            }
        }
    }

    /// Four streams, `steps` bytes each, interleaved so their table loads overlap.
    @inline(never)
    private func run4(
        _ text: UnsafeRawBufferPointer, _ position: inout [Int], _ state: inout [UInt32], steps: Int,
        into out: UnsafeMutablePointer<UInt64>
    ) -> Int {
        classes.withUnsafeBufferPointer { classes in
            transitions.withUnsafeBufferPointer { table in
                // SAFETY: as in `run1`, for each of the four streams; `out` has room for 4 * steps hits.
                let bytes = text.baseAddress!.assumingMemoryBound(to: UInt8.self)
                let classes = classes.baseAddress!
                let table = table.baseAddress!
                let firstMatch = firstMatchState
                let shift = UInt32(strideShift)
                var s0 = state[0], s1 = state[1], s2 = state[2], s3 = state[3]
                var p0 = position[0], p1 = position[1], p2 = position[2], p3 = position[3]
                var found = 0
                for _ in 0..<steps {
                    s0 = table[Int(s0) &+ Int(classes[Int(bytes[p0])])]
                    s1 = table[Int(s1) &+ Int(classes[Int(bytes[p1])])]
                    s2 = table[Int(s2) &+ Int(classes[Int(bytes[p2])])]
                    s3 = table[Int(s3) &+ Int(classes[Int(bytes[p3])])]
                    p0 &+= 1; p1 &+= 1; p2 &+= 1; p3 &+= 1
                    if max(max(s0, s1), max(s2, s3)) >= firstMatch {
                        if s0 >= firstMatch { out[found] = UInt64(p0) << 24 | UInt64((s0 - firstMatch) >> shift); found &+= 1 }
                        if s1 >= firstMatch { out[found] = UInt64(p1) << 24 | UInt64((s1 - firstMatch) >> shift); found &+= 1 }
                        if s2 >= firstMatch { out[found] = UInt64(p2) << 24 | UInt64((s2 - firstMatch) >> shift); found &+= 1 }
                        if s3 >= firstMatch { out[found] = UInt64(p3) << 24 | UInt64((s3 - firstMatch) >> shift); found &+= 1 }
                    }
                }
                state = [s0, s1, s2, s3]
                position = [p0, p1, p2, p3]
                return found
            }
        }
    }

    /// Reports the literals of one hit record that really occur (case-sensitive ones verified).
    @inline(__always)
    private func expand(_ hit: UInt64, _ text: UnsafeRawBufferPointer, _ onHit: (Int, Int) -> Void) {
        let end = Int(hit >> 24)
        let index = Int(hit & 0xFF_FFFF)
        for k in Int(outputStart[index])..<Int(outputStart[index + 1]) {
            let id = Int(outputIDs[k])
            if !needsCaseCheck[id] || literals[id].matches(text, at: end - lengths[id]) {
                onHit(id, end)
            }
        }
    }
}
