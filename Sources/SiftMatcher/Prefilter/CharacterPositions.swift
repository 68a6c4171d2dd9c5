import CSiftSIMD
import SiftCore

/// Finds the bytes of a ``CharacterGate/Characters`` class in a text: the first stage of rules with
/// a character gate. A bitmap of the class (SIMD, `sift_class_bits`) is counted 64 bytes at a
/// time, and occurrences are listed only where enough of them lie close enough together.
enum CharacterPositions {
    /// Replaces `positions` with the offsets of the bytes of `characters` in `text`, ascending.
    static func find(_ characters: CharacterGate.Characters, in text: UnsafeRawBufferPointer, into positions: inout [Int]) {
        var blocks: [UInt64] = []
        find(characters, in: text, minimum: 1, span: 1, blocks: &blocks, into: &positions)
    }

    /// Replaces `positions` with the offsets, ascending, of the bytes of `characters` that lie in
    /// 64-byte blocks where `minimum` of them may fall within `span` bytes: every run of `minimum`
    /// consecutive occurrences whose first and last are less than `span` bytes apart is listed
    /// whole. (A stretch of `span` bytes touches at most `1 + (span + 62) / 64` consecutive blocks;
    /// where those blocks together hold fewer than `minimum`, none of their occurrences is listed.
    /// Listed occurrences that are not consecutive in the text are at least 64 bytes apart.)
    ///
    /// `blocks` is scratch space: one bitmap word per 64 bytes of text.
    static func find(
        _ characters: CharacterGate.Characters, in text: UnsafeRawBufferPointer, minimum: Int, span: Int,
        blocks: inout [UInt64], into positions: inout [Int]
    ) {
        positions.removeAll(keepingCapacity: true)
        guard text.count > 0 else { return }
        let blockCount = bitmap(characters.byteClass, of: text, into: &blocks)
        // 2. The occurrences in blocks whose group of `width` blocks holds enough.
        let width = 1 + (max(span, 1) + 62) / 64
        var sum = 0
        var listedUpTo = 0  // blocks below this index are listed already
        for b in 0..<blockCount {
            // The group of `width` blocks ending at `b`.
            sum += blocks[b].nonzeroBitCount
            if b >= width { sum -= blocks[b - width].nonzeroBitCount }
            guard sum >= minimum, sum > 0 else { continue }
            for listed in max(listedUpTo, b + 1 - width, 0)...b {
                var bits = blocks[listed]
                while bits != 0 {
                    positions.append(64 * listed + bits.trailingZeroBitCount)
                    bits &= bits - 1
                }
            }
            listedUpTo = b + 1
        }
    }

    /// Sets bit `i % 64` of `blocks[i / 64]` exactly when byte `i` of `text` is in `bytes` (SIMD,
    /// `sift_class_bits`), growing `blocks` as needed; returns the number of words written,
    /// `(text.count + 63) / 64`.
    static func bitmap(_ bytes: ByteClass, of text: UnsafeRawBufferPointer, into blocks: inout [UInt64]) -> Int {
        let count = text.count
        let blockCount = (count + 63) / 64
        guard count > 0 else { return 0 }
        if blocks.count < blockCount { blocks = [UInt64](repeating: 0, count: blockCount) }
        var table = bytes.nibbleTable
        blocks.withUnsafeMutableBufferPointer { out in
            withUnsafeBytes(of: &table) { table in
                // SAFETY: `out` has at least `(count + 63) / 64` words, which is what the C function
                // writes; it reads `count` bytes from the text's base address and the 16 bytes of
                // the table.
                sift_class_bits(text.baseAddress!.assumingMemoryBound(to: UInt8.self), count,
                                table.baseAddress!.assumingMemoryBound(to: UInt8.self), out.baseAddress!)
            }
        }
        return blockCount
    }

    /// The high bit of each byte of `word` that is an ASCII digit (``ByteMask``).
    @inline(__always)
    static func digitMask(_ word: UInt64) -> UInt64 { ByteMask.inRange(word, 0x30, 0x39) }

    /// The same for `A`–`Z`.
    @inline(__always)
    static func uppercaseMask(_ word: UInt64) -> UInt64 { ByteMask.inRange(word, 0x41, 0x5A) }
}
