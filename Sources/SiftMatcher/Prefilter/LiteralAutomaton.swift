/// A multi-literal searcher: one pass over a text reports every occurrence (overlapping ones too)
/// of every literal, compared exactly or ASCII-case-insensitively.
///
/// It is an Aho-Corasick automaton compiled to a dense DFA over byte classes:
/// - bytes are folded to ASCII lowercase and mapped to classes (one per distinct byte that occurs in
///   some literal, class 0 for all others), so a row of the table is small (`stride` entries);
/// - transition entries are premultiplied state offsets, and states that end a literal are numbered
///   last, so the inner loop is one table load and one compare per byte;
/// - the text is cut into up to ``streamCount`` stretches searched in one interleaved loop, which
///   hides the latency of the table loads (each byte's load depends on the previous state).
/// Case-sensitive literals are verified against the original bytes when the DFA reports them.
///
/// Why this and not a hashed or SIMD scan: measured on the rule sets Sift ships (hundreds of
/// literals, most of them caseless keywords and provider prefixes), see BENCHMARKS.md.
struct LiteralAutomaton: Sendable {
    let literals: [Literal]
    /// Byte → class.
    private let classes: [UInt8]
    /// Row width, a power of two ≥ number of classes.
    private let stride: Int
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
    static let minimumBytesPerStream = 4096

    init(_ literals: [Literal]) {
        precondition(!literals.contains { $0.bytes.isEmpty }, "the empty literal matches everywhere")
        self.literals = literals
        maxLiteralLength = literals.map(\.bytes.count).max() ?? 0

        // Byte classes over folded bytes.
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
        classes = classOf
        self.stride = stride

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
        transitions = table
        firstMatchState = UInt32(firstMatch * stride)
        self.outputStart = outputStart
        self.outputIDs = outputIDs
    }

    /// The number of DFA states.
    var stateCount: Int { transitions.count / max(stride, 1) }

    /// Bytes of memory the tables take.
    var memoryFootprint: Int { transitions.count * 4 + outputIDs.count * 4 + outputStart.count * 4 + 256 }

    /// Calls `onHit(literalID, endOffset)` for every occurrence of every literal in `text`, where
    /// `endOffset` is one past the occurrence's last byte. Occurrences come in ascending order of
    /// their end, and for equal ends in ascending literal id.
    func scan(_ text: UnsafeRawBufferPointer, _ onHit: (Int, Int) -> Void) {
        guard !literals.isEmpty, !text.isEmpty else { return }
        let count = text.count
        let streams = count >= Self.minimumBytesPerStream * Self.streamCount ? Self.streamCount : 1
        if streams == 1 {
            scanStretch(text, from: 0, to: count, onHit)
            return
        }
        // Four stretches, each searched from `overlap` bytes before its start so that a literal that
        // straddles a boundary is seen whole; a stretch reports only occurrences that END inside it,
        // so nothing is reported twice. Hits are buffered per stretch to keep the output sorted.
        let size = count / streams
        var bounds: [(Int, Int)] = []
        for k in 0..<streams {
            bounds.append((k * size, k == streams - 1 ? count : (k + 1) * size))
        }
        var hits: [[(Int, Int)]] = Array(repeating: [], count: streams)
        scanInterleaved(text, bounds) { stream, id, end in hits[stream].append((id, end)) }
        for stream in hits {
            for (id, end) in stream { onHit(id, end) }
        }
    }

    /// One stretch `[from, to)`, for short texts.
    private func scanStretch(_ text: UnsafeRawBufferPointer, from: Int, to: Int, _ onHit: (Int, Int) -> Void) {
        classes.withUnsafeBufferPointer { classes in
            transitions.withUnsafeBufferPointer { table in
                // SAFETY: every index is in bounds: `i < to <= text.count`; class values are < stride;
                // states are premultiplied row offsets of `table`, so state + class < table.count.
                let bytes = text.baseAddress!.assumingMemoryBound(to: UInt8.self)
                let classes = classes.baseAddress!
                let table = table.baseAddress!
                let firstMatch = firstMatchState
                var state: UInt32 = 0
                var i = from
                while i < to {
                    state = table[Int(state) &+ Int(classes[Int(bytes[i])])]
                    if state >= firstMatch { report(state, end: i + 1, text, onHit) }
                    i &+= 1
                }
            }
        }
    }

    /// Four stretches at once; `bounds[k]` is the range of ends that stretch `k` reports.
    private func scanInterleaved(
        _ text: UnsafeRawBufferPointer, _ bounds: [(Int, Int)], _ onHit: (Int, Int, Int) -> Void
    ) {
        precondition(bounds.count == 4)
        let overlap = max(maxLiteralLength - 1, 0)
        classes.withUnsafeBufferPointer { classes in
            transitions.withUnsafeBufferPointer { table in
                // SAFETY: as in `scanStretch`; each stretch's cursor stays within `[0, text.count)`.
                let bytes = text.baseAddress!.assumingMemoryBound(to: UInt8.self)
                let classes = classes.baseAddress!
                let table = table.baseAddress!
                let firstMatch = firstMatchState
                var s0: UInt32 = 0, s1: UInt32 = 0, s2: UInt32 = 0, s3: UInt32 = 0
                // Warm-up: run stretches 1...3 over their overlap without reporting (the occurrences
                // that end there belong to the previous stretch).
                var p1 = max(bounds[1].0 - overlap, 0)
                var p2 = max(bounds[2].0 - overlap, 0)
                var p3 = max(bounds[3].0 - overlap, 0)
                while p1 < bounds[1].0 { s1 = table[Int(s1) &+ Int(classes[Int(bytes[p1])])]; p1 &+= 1 }
                while p2 < bounds[2].0 { s2 = table[Int(s2) &+ Int(classes[Int(bytes[p2])])]; p2 &+= 1 }
                while p3 < bounds[3].0 { s3 = table[Int(s3) &+ Int(classes[Int(bytes[p3])])]; p3 &+= 1 }
                var p0 = bounds[0].0
                let steps = min(bounds[0].1 - p0, bounds[1].1 - p1, bounds[2].1 - p2, bounds[3].1 - p3)
                var step = 0
                while step < steps {
                    s0 = table[Int(s0) &+ Int(classes[Int(bytes[p0])])]
                    s1 = table[Int(s1) &+ Int(classes[Int(bytes[p1])])]
                    s2 = table[Int(s2) &+ Int(classes[Int(bytes[p2])])]
                    s3 = table[Int(s3) &+ Int(classes[Int(bytes[p3])])]
                    if (s0 >= firstMatch) || (s1 >= firstMatch) || (s2 >= firstMatch) || (s3 >= firstMatch) {
                        if s0 >= firstMatch { report(s0, end: p0 + 1, text) { onHit(0, $0, $1) } }
                        if s1 >= firstMatch { report(s1, end: p1 + 1, text) { onHit(1, $0, $1) } }
                        if s2 >= firstMatch { report(s2, end: p2 + 1, text) { onHit(2, $0, $1) } }
                        if s3 >= firstMatch { report(s3, end: p3 + 1, text) { onHit(3, $0, $1) } }
                    }
                    p0 &+= 1; p1 &+= 1; p2 &+= 1; p3 &+= 1
                    step &+= 1
                }
                // Tails of unequal length.
                func finish(_ stream: Int, _ state: inout UInt32, _ position: inout Int) {
                    while position < bounds[stream].1 {
                        state = table[Int(state) &+ Int(classes[Int(bytes[position])])]
                        if state >= firstMatch { report(state, end: position + 1, text) { onHit(stream, $0, $1) } }
                        position &+= 1
                    }
                }
                finish(0, &s0, &p0)
                finish(1, &s1, &p1)
                finish(2, &s2, &p2)
                finish(3, &s3, &p3)
            }
        }
    }

    /// Reports the literals of match state `state` that really occur (case-sensitive ones verified).
    @inline(__always)
    private func report(_ state: UInt32, end: Int, _ text: UnsafeRawBufferPointer, _ onHit: (Int, Int) -> Void) {
        let index = Int((state - firstMatchState)) / stride
        let lower = Int(outputStart[index])
        let upper = Int(outputStart[index + 1])
        for k in lower..<upper {
            let id = Int(outputIDs[k])
            let literal = literals[id]
            if literal.caseless || literal.matches(text, at: end - literal.bytes.count) {
                onHit(id, end)
            }
        }
    }
}
