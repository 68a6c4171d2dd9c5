/// Finds the runs of bytes of one class in a text that are long enough to hold a match: the first
/// stage of rules with a ``RunGate``. A bitmap of the class (``CharacterPositions/bitmap(_:of:into:)``)
/// is read 64 bytes at a time; a word is looked into only where a long run can be.
enum CharacterRuns {
    /// Replaces `runs` with the maximal runs of bytes of `bytes` in `text` that are at least
    /// `minimum` bytes long, ascending, as pairs of offsets `start, end` (`runs[2k] ..< runs[2k + 1]`).
    ///
    /// `blocks` is scratch space: one bitmap word per 64 bytes of text.
    static func find(
        _ bytes: ByteClass, in text: UnsafeRawBufferPointer, minimum: Int, blocks: inout [UInt64], into runs: inout [Int]
    ) {
        precondition(minimum >= 1, "runs are at least one byte long")
        runs.removeAll(keepingCapacity: true)
        let blockCount = CharacterPositions.bitmap(bytes, of: text, into: &blocks)
        // The start of the run that reaches the start of the current word, or -1.
        var open = -1
        for b in 0..<blockCount {
            let word = blocks[b]
            let base = 64 * b
            if word == .max {
                if open < 0 { open = base }
                continue
            }
            // Not all ones: the open run ends in this word, and the last run of the word starts in it.
            var bits = word
            if open >= 0 {
                let end = base + (~word).trailingZeroBitCount
                if end - open >= minimum { runs.append(open); runs.append(end) }
                open = -1
                bits &= ~UInt64(0) << UInt64(end - base)
            }
            let top = (~word).leadingZeroBitCount  // ones at the top: a run that goes on into the next word
            if top > 0 {
                open = base + 64 - top
                bits &= ~UInt64(0) >> UInt64(top)
            }
            // Runs inside the word: `long` keeps bit `i` when bits `i ..< i + minimum` are all set.
            guard minimum <= 64, bits != 0 else { continue }
            var long = bits
            var width = 1
            while width < minimum, long != 0 {
                let shift = min(width, minimum - width)
                long &= long >> UInt64(shift)
                width += shift
            }
            while long != 0 {
                let start = long.trailingZeroBitCount
                let end = start + (~(bits >> UInt64(start))).trailingZeroBitCount
                runs.append(base + start)
                runs.append(base + end)
                long &= end < 64 ? ~UInt64(0) << UInt64(end) : 0
            }
        }
        if open >= 0, text.count - open >= minimum {
            runs.append(open)
            runs.append(text.count)
        }
    }
}
