/// Finds the bytes of a ``CharacterGate/Characters`` class in a text, eight bytes at a time: the
/// first stage of rules with a character gate. Prose and code have few digits and capitals, so
/// most words are passed over with one test.
enum CharacterPositions {
    /// Replaces `positions` with the offsets of the bytes of `characters` in `text`, ascending.
    static func find(_ characters: CharacterGate.Characters, in text: UnsafeRawBufferPointer, into positions: inout [Int]) {
        positions.removeAll(keepingCapacity: true)
        let count = text.count
        guard count > 0 else { return }
        let base = text.baseAddress!
        var i = 0
        while i + 8 <= count {
            // SAFETY: the eight bytes at `i` are inside the text (`i + 8 <= count`).
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            var mask = characters == .digits ? digitMask(word) : digitMask(word) | uppercaseMask(word)
            while mask != 0 {
                positions.append(i + mask.trailingZeroBitCount >> 3)
                mask &= mask - 1
            }
            i += 8
        }
        while i < count {
            if characters.contains(text[i]) { positions.append(i) }
            i += 1
        }
    }

    private static let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let high: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` that is an ASCII digit, exactly: `(b & 0x7F) + 0x50`
    /// reaches 0x80 from 0x30 and `(b & 0x7F) + 0x46` from 0x3A, and neither carries into the next
    /// byte; bytes with the high bit set are not digits.
    @inline(__always)
    static func digitMask(_ word: UInt64) -> UInt64 {
        let atLeast30 = (word & low) &+ 0x5050_5050_5050_5050
        let atLeast3A = (word & low) &+ 0x4646_4646_4646_4646
        return atLeast30 & ~atLeast3A & ~word & high
    }

    /// The same for `A`–`Z`: `+ 0x3F` reaches 0x80 from 0x41, `+ 0x25` from 0x5B.
    @inline(__always)
    static func uppercaseMask(_ word: UInt64) -> UInt64 {
        let atLeast41 = (word & low) &+ 0x3F3F_3F3F_3F3F_3F3F
        let atLeast5B = (word & low) &+ 0x2525_2525_2525_2525
        return atLeast41 & ~atLeast5B & ~word & high
    }
}
