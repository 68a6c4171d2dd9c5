import SiftCore

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

    /// The high bit of each byte of `word` that is an ASCII digit (``ByteMask``).
    @inline(__always)
    static func digitMask(_ word: UInt64) -> UInt64 { ByteMask.inRange(word, 0x30, 0x39) }

    /// The same for `A`–`Z`.
    @inline(__always)
    static func uppercaseMask(_ word: UInt64) -> UInt64 { ByteMask.inRange(word, 0x41, 0x5A) }
}
