import CSiftSIMD

/// A trie of literals over byte classes, without failure links: from one start position it finds
/// every literal that starts there. The second stage of ``LiteralAutomaton``'s filtered search,
/// run only at the positions ``GramFilter`` lets through; the walks run in C (`CSiftSIMD`), which
/// keeps the loop's state in registers.
struct StartTrie: Sendable {
    /// Byte → class (256 entries).
    private let classes: [UInt8]
    /// The most literals that can start at one position: outputs summed along a root path.
    let maxHitsPerStart: Int
    /// `transitions[row + class]` = the next row (premultiplied by `stride`), 0 = no literal goes on.
    /// The root is row 0 and is never a target, so 0 can mean "stop".
    private let transitions: [Int32]
    private let strideShift: Int
    /// For state `s`, the literals that end there are `outputIDs[outputStart[s] ..< outputStart[s + 1]]`.
    private let outputStart: [Int32]
    private let outputIDs: [Int32]

    /// `classes` maps folded and unfolded bytes alike to the class of the folded byte (0 for bytes
    /// that occur in no literal); `stride` is a power of two above every class.
    init(_ literals: [Literal], classes: [UInt8], stride: Int) {
        var table = [Int32](repeating: 0, count: stride)
        var ends: [[Int32]] = [[]]
        for (id, literal) in literals.enumerated() {
            var row = 0
            for byte in literal.bytes {
                let slot = row + Int(classes[Int(byte)])
                if table[slot] == 0 {
                    table[slot] = Int32(table.count)
                    ends.append([])
                    table.append(contentsOf: repeatElement(0, count: stride))
                }
                row = Int(table[slot])
            }
            ends[row / stride].append(Int32(id))
        }
        // States are numbered in creation order, so a parent comes before its children.
        var onPath = [Int](repeating: 0, count: ends.count)
        for row in Swift.stride(from: 0, to: table.count, by: stride) {
            let state = row / stride
            onPath[state] += ends[state].count
            for c in 0..<stride where table[row + c] != 0 {
                onPath[Int(table[row + c]) / stride] = onPath[state]
            }
        }
        maxHitsPerStart = onPath.max() ?? 0
        self.classes = classes
        var outputStart: [Int32] = []
        var outputIDs: [Int32] = []
        for ids in ends {
            outputStart.append(Int32(outputIDs.count))
            outputIDs += ids
        }
        outputStart.append(Int32(outputIDs.count))
        transitions = table
        strideShift = stride.trailingZeroBitCount
        self.outputStart = outputStart
        self.outputIDs = outputIDs
    }

    /// Bytes of memory the tables take.
    var memoryFootprint: Int { (transitions.count + outputStart.count + outputIDs.count) * 4 }

    /// Walks from each of the `count` start positions `base + positions[i]` and writes one record
    /// `end << 24 | id` to `hits` per literal whose folded bytes equal the folded text there (`end` is
    /// one past its last byte). Stops early rather than overflow `capacity` (at least
    /// ``maxHitsPerStart``); returns how many starts it walked and how many records it wrote.
    /// Case-sensitive literals still need checking by the caller.
    func walk(
        _ text: UnsafeRawBufferPointer, starts positions: UnsafePointer<UInt32>, count: Int, base: Int,
        hits: UnsafeMutablePointer<UInt64>, capacity: Int
    ) -> (walked: Int, hits: Int) {
        precondition(capacity >= maxHitsPerStart)
        guard let bytes = text.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return (count, 0) }
        return transitions.withUnsafeBufferPointer { table in
            outputStart.withUnsafeBufferPointer { outputStart in
                outputIDs.withUnsafeBufferPointer { outputIDs in
                    classes.withUnsafeBufferPointer { classes in
                        var trie = sift_start_trie(
                            transitions: table.baseAddress, stride_shift: UInt32(strideShift),
                            output_start: outputStart.baseAddress, output_ids: outputIDs.baseAddress,
                            classes: classes.baseAddress, max_hits_per_start: maxHitsPerStart)
                        var written = 0
                        // SAFETY: the C code reads the text below `text.count`, the tables within their
                        // sizes (rows are premultiplied, classes below the stride, every state has an
                        // `outputStart` entry and a successor), `count` positions that the filter
                        // produced inside the text, and writes at most `capacity` records to `hits`.
                        let walked = sift_start_trie_walk(
                            &trie, bytes, text.count, positions, count, base, hits, capacity, &written)
                        return (walked, written)
                    }
                }
            }
        }
    }
}
