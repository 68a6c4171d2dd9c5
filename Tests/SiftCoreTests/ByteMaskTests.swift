import SiftCore
import Testing

@Suite struct ByteMaskTests {
    /// Every byte value in every lane, beside neighbours that could disturb a sum: each mask marks
    /// exactly the bytes a byte-by-byte test marks.
    @Test(arguments: [(UInt8(0x00), UInt8(0x1F)), (0x30, 0x39), (0x41, 0x5A), (0x00, 0x7F), (0x20, 0x20)])
    func masksAreExact(lower: UInt8, upper: UInt8) {
        for lane in 0..<8 {
            for value in 0...255 {
                for filler: UInt8 in [0x00, 0x1F, 0x39, 0x7F, 0x80, 0xFF] {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[lane] = UInt8(value)
                    let word = UInt64(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
                    func expected(_ test: (UInt8) -> Bool) -> UInt64 {
                        bytes.enumerated().reduce(0) { $0 | (test($1.element) ? 0x80 << (8 * UInt64($1.offset)) : 0) }
                    }
                    #expect(ByteMask.inRange(word, lower, upper) == expected { $0 >= lower && $0 <= upper })
                    #expect(ByteMask.zero(word) == expected { $0 == 0 })
                    #expect(ByteMask.equal(word, 0x0A) == expected { $0 == 0x0A })
                }
            }
        }
    }
}
