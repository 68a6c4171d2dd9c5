/// Finds the ASCII digits of a text, eight bytes at a time: the first stage of rules gated on
/// digits (``LiteralPlan/minimumDigits``). Prose and code have few digits, so most words are
/// passed over with one test.
enum DigitPositions {
    /// Replaces `positions` with the offsets of the bytes `0`–`9` in `text`, ascending.
    static func find(in text: UnsafeRawBufferPointer, into positions: inout [Int]) {
        positions.removeAll(keepingCapacity: true)
        let count = text.count
        guard count > 0 else { return }
        let base = text.baseAddress!
        var i = 0
        while i + 8 <= count {
            // SAFETY: the eight bytes at `i` are inside the text (`i + 8 <= count`).
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            var mask = digitMask(word)
            while mask != 0 {
                positions.append(i + mask.trailingZeroBitCount >> 3)
                mask &= mask - 1
            }
            i += 8
        }
        while i < count {
            let byte = text[i]
            if byte &- 0x30 < 10 { positions.append(i) }
            i += 1
        }
    }

    /// The high bit of each byte of `word` that is an ASCII digit, exactly: `(b & 0x7F) + 0x50`
    /// reaches 0x80 from 0x30 and `(b & 0x7F) + 0x46` from 0x3A, and neither carries into the next
    /// byte; bytes with the high bit set are not digits.
    @inline(__always)
    static func digitMask(_ word: UInt64) -> UInt64 {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let atLeast30 = (word & low) &+ 0x5050_5050_5050_5050
        let atLeast3A = (word & low) &+ 0x4646_4646_4646_4646
        return atLeast30 & ~atLeast3A & ~word & 0x8080_8080_8080_8080
    }
}
