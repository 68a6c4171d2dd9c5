/// A trie of literals over byte classes, without failure links: from one start position it finds
/// every literal that starts there. The second stage of ``LiteralAutomaton``'s filtered search,
/// run only at the positions ``GramFilter`` lets through.
struct StartTrie: Sendable {
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

    /// For each of the `count` start positions `base + positions[i]`, calls `onHit(id, end)` for each
    /// literal id whose folded bytes equal the folded text there (`end` is one past its last byte).
    /// Case-sensitive literals still need checking by the caller.
    @inline(__always)
    func walk(
        _ text: UnsafeRawBufferPointer, starts positions: UnsafePointer<UInt32>, count: Int, base: Int,
        classes: [UInt8], _ onHit: (Int32, Int) -> Void
    ) {
        let length = text.count
        guard length > 0 else { return }
        classes.withUnsafeBufferPointer { classes in
            transitions.withUnsafeBufferPointer { table in
                outputStart.withUnsafeBufferPointer { outputStart in
                    outputIDs.withUnsafeBufferPointer { outputIDs in
                        // SAFETY: `p < length` before each text read; `classes` has 256 entries; rows are
                        // premultiplied and classes are below the stride, so `row + class` is inside the
                        // table; a row shifted right by `strideShift` is a state, which has an
                        // `outputStart` entry and a successor entry. Positions come from the filter,
                        // which only reports positions inside the text.
                        let bytes = text.baseAddress!.assumingMemoryBound(to: UInt8.self)
                        let classes = classes.baseAddress!
                        let table = table.baseAddress!
                        let starts = outputStart.baseAddress!
                        let ids = outputIDs.baseAddress!
                        let shift = strideShift
                        for i in 0..<count {
                            var row = 0
                            var p = base &+ Int(positions[i])
                            while p < length {
                                let next = Int(table[row &+ Int(classes[Int(bytes[p])])])
                                if next == 0 { break }
                                row = next
                                p &+= 1
                                let state = row >> shift
                                var k = Int(starts[state])
                                let upper = Int(starts[state &+ 1])
                                while k < upper {
                                    onHit(ids[k], p)
                                    k &+= 1
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
