/// Finds the runs of bytes of one class in a text that are long enough to hold a match: the first
/// stage of rules with a ``RunGate``. A bitmap of the class (``CharacterPositions/bitmap(_:of:into:)``)
/// is read 64 bytes at a time, without branches, for where a long run starts; only there are runs
/// measured.
enum CharacterRuns {
    /// Replaces `runs` with the maximal runs of bytes of `bytes` in `text`, each from its first
    /// byte of `first` (a subset of `bytes`) on, that are at least `minimum` bytes long, ascending,
    /// as pairs of offsets `start, end` (`runs[2k] ..< runs[2k + 1]`).
    ///
    /// `blocks`, `firstBlocks` and `flags` are scratch space: one bitmap word per 64 bytes of text.
    static func find(
        _ bytes: ByteClass, first: ByteClass, in text: UnsafeRawBufferPointer, minimum: Int, blocks: inout [UInt64],
        firstBlocks: inout [UInt64], flags: inout [UInt64], into runs: inout [Int]
    ) {
        precondition(minimum >= 1, "runs are at least one byte long")
        runs.removeAll(keepingCapacity: true)
        let blockCount = CharacterPositions.bitmap(bytes, of: text, into: &blocks)
        let trims = first != bytes
        if trims { _ = CharacterPositions.bitmap(first, of: text, into: &firstBlocks) }
        // Bit `i` of a word is flagged when bits `i ..< i + width` of the bitmap (read on into the
        // next word) are all set, for `width` = `min(minimum, 64)`: widths double, 1 + 1, 2 + 2 …,
        // the last step only as far as needed (at most six passes, of 1 to 32 bits). Each pass runs
        // over the words in ascending order, reading the next word before the pass changes it; the
        // passes are plain loops over an array, which the compiler vectorizes.
        if flags.count < blockCount + 1 { flags = [UInt64](repeating: 0, count: blockCount + 1) }
        let width = min(minimum, 64)
        flags.withUnsafeMutableBufferPointer { flags in
            blocks.withUnsafeBufferPointer { blocks in
                for b in 0..<blockCount { flags[b] = blocks[b] }
            }
            flags[blockCount] = 0
            var flaggedWidth = 1
            while flaggedWidth < width {
                let shift = UInt64(min(flaggedWidth, width - flaggedWidth))
                for b in 0..<blockCount { flags[b] &= flags[b] &>> shift | flags[b + 1] &<< (64 &- shift) }
                flaggedWidth += Int(shift)
            }
        }
        blocks.withUnsafeBufferPointer { blocks in
          firstBlocks.withUnsafeBufferPointer { firstBlocks in
            flags.withUnsafeBufferPointer { flags in
                var measuredTo = 0  // runs that start before this offset are found already
                for b in 0..<blockCount {
                    let low = flags[b]
                    // Only where a match can begin: from its first such byte, a run is long enough.
                    var starts = trims ? low & firstBlocks[b] : low
                    guard starts != 0 else { continue }
                    let base = 64 * b
                    if measuredTo > base { starts &= measuredTo - base >= 64 ? 0 : ~0 << UInt64(measuredTo - base) }
                    while starts != 0 {
                        // The first flagged bit starts a run (from its first byte that can begin a
                        // match): such a byte before it in this word would be flagged too, and one in
                        // an earlier word was measured with its run.
                        let start = base + starts.trailingZeroBitCount
                        var end = start
                        while true {
                            let word = end >> 6, bit = end & 63
                            let ones = (~(blocks[word] >> UInt64(bit))).trailingZeroBitCount
                            end += ones
                            if ones < 64 - bit || word + 1 == blockCount { break }
                        }
                        if end - start >= minimum {
                            runs.append(start)
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
