/// Finds the runs of bytes of one class in a text that are long enough to hold a match: the first
/// stage of rules with a ``RunGate``. A bitmap of the class (``CharacterPositions/bitmap(_:of:into:)``)
/// is read 64 bytes at a time, without branches, for where a long run starts; only there are runs
/// measured.
enum CharacterRuns {
    /// Replaces `runs` with the maximal runs of bytes of `bytes` in `text`, each from its first
    /// byte of `first` (a subset of `bytes`) on, that are at least `minimum` bytes long, ascending,
    /// as pairs of offsets `start, end` (`runs[2k] ..< runs[2k + 1]`).
    ///
    /// `blocks` and `firstBlocks` are scratch space: one bitmap word per 64 bytes of text.
    static func find(
        _ bytes: ByteClass, first: ByteClass, in text: UnsafeRawBufferPointer, minimum: Int, blocks: inout [UInt64],
        firstBlocks: inout [UInt64], into runs: inout [Int]
    ) {
        precondition(minimum >= 1, "runs are at least one byte long")
        runs.removeAll(keepingCapacity: true)
        let blockCount = CharacterPositions.bitmap(bytes, of: text, into: &blocks)
        let trims = first != bytes
        if trims { _ = CharacterPositions.bitmap(first, of: text, into: &firstBlocks) }
        // Bit `i` of a word is flagged when bits `i ..< i + width` of the bitmap (read on into the
        // next word) are all set, for `width` = `min(minimum, 64)`: widths double, 1 + 1, 2 + 2 …,
        // the last step only as far as needed (at most six steps, of 1 to 32 bits).
        let width = min(minimum, 64)
        var shifts: [UInt64] = []
        var flaggedWidth = 1
        while flaggedWidth < width {
            let shift = min(flaggedWidth, width - flaggedWidth)
            shifts.append(UInt64(shift))
            flaggedWidth += shift
        }
        blocks.withUnsafeBufferPointer { blocks in
          firstBlocks.withUnsafeBufferPointer { firstBlocks in
            shifts.withUnsafeBufferPointer { shifts in
                var measuredTo = 0  // runs that start before this offset are found already
                for b in 0..<blockCount {
                    var low = blocks[b]
                    var high = b + 1 < blockCount ? blocks[b + 1] : 0
                    for shift in shifts {
                        low &= low &>> shift | high &<< (64 &- shift)
                        high &= high &>> shift
                    }
                    guard low != 0 else { continue }
                    let base = 64 * b
                    var starts = low
                    if measuredTo > base { starts &= measuredTo - base >= 64 ? 0 : ~0 << UInt64(measuredTo - base) }
                    while starts != 0 {
                        // The first flagged bit starts a run: a set bit before it in this word would
                        // be flagged too, and one in an earlier word was measured with its run.
                        let start = base + starts.trailingZeroBitCount
                        var end = start
                        while true {
                            let word = end >> 6, bit = end & 63
                            let ones = (~(blocks[word] >> UInt64(bit))).trailingZeroBitCount
                            end += ones
                            if ones < 64 - bit || word + 1 == blockCount { break }
                        }
                        // From the run's first byte that can start a match.
                        var from = start
                        while trims, from < end {
                            let word = from >> 6, bit = from & 63
                            let bits = firstBlocks[word] >> UInt64(bit)
                            from = bits != 0 ? min(end, from + bits.trailingZeroBitCount) : from + 64 - bit
                            if bits != 0 { break }
                        }
                        if end - from >= minimum {
                            runs.append(from)
                            runs.append(end)
                        }
                        measuredTo = end
                        starts &= end - base >= 64 ? 0 : ~0 << UInt64(end - base)
                    }
                }
            }
          }
        }
    }
}
