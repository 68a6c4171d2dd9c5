/// Tests on the eight bytes of a word at once (SWAR): each returns a word with the high bit of a
/// byte set exactly where that byte qualifies, and 0 elsewhere. Exact, not approximate: the sums
/// below never carry from one byte into the next (`(b & 0x7F) + k` stays under 0x100 for
/// `k <= 0x80`), so a byte's answer never depends on its neighbours. For scans that pass over
/// words where nothing qualifies (sniffing, character gates) and count the rest with popcount.
public enum ByteMask {
    /// The high bit of every byte.
    public static let high: UInt64 = 0x8080_8080_8080_8080

    /// `byte` in every byte of a word.
    @inlinable @inline(__always)
    public static func broadcast(_ byte: UInt8) -> UInt64 { UInt64(byte) &* 0x0101_0101_0101_0101 }

    /// The bytes of `word` that are zero.
    @inlinable @inline(__always)
    public static func zero(_ word: UInt64) -> UInt64 {
        ~(((word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | word) & high
    }

    /// The bytes of `word` equal to `byte`.
    @inlinable @inline(__always)
    public static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 { zero(word ^ broadcast(byte)) }

    /// The bytes of `word` in `lower...upper` (ASCII bounds, `upper < 0x80`): `(b & 0x7F) + (0x80 - x)`
    /// reaches 0x80 exactly from `x`, and bytes with the high bit set are never in range.
    @inlinable @inline(__always)
    public static func inRange(_ word: UInt64, _ lower: UInt8, _ upper: UInt8) -> UInt64 {
        let masked = word & 0x7F7F_7F7F_7F7F_7F7F
        let atLeastLower = masked &+ broadcast(0x80 &- lower)
        let aboveUpper = masked &+ broadcast(0x80 &- (upper &+ 1))
        return atLeastLower & ~aboveUpper & ~word & high
    }
}
