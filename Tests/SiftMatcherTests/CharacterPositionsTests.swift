@testable import SiftMatcher
import Testing

@Suite struct CharacterPositionsTests {
    @Test func theWordMaskIsExactForEveryByteInEveryLane() {
        for lane in 0..<8 {
            for value in 0...255 {
                var bytes = [UInt8](repeating: 0x39, count: 8)
                bytes[lane] = UInt8(value)
                let word = UInt64(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
                let expected = bytes.enumerated().reduce(UInt64(0)) { mask, item in
                    item.element &- 0x30 < 10 ? mask | (0x80 << (8 * UInt64(item.offset))) : mask
                }
                #expect(CharacterPositions.digitMask(word) == expected, "lane \(lane) value \(value)")
            }
        }
    }

    @Test(arguments: [0, 1, 7, 8, 9, 63, 200])
    func positionsAreEveryDigitInOrder(length: Int) {
        var random = RandomSource(seed: UInt64(length) + 1)
        let text = (0..<length).map { _ in UInt8(random.int(0x20...0x7E)) }
        var positions: [Int] = [1, 2, 3]
        text.withUnsafeBytes { CharacterPositions.find(.digits, in: $0, into: &positions) }
        #expect(positions == text.indices.filter { text[$0] &- 0x30 < 10 })
    }

    @Test func capitalsAndDigitsToo() {
        for value in 0...255 {
            var bytes = [UInt8](repeating: 0x61, count: 8)
            bytes[3] = UInt8(value)
            let word = UInt64(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
            let mask = CharacterPositions.digitMask(word) | CharacterPositions.uppercaseMask(word)
            let expected: UInt64 = (UInt8(value) &- 0x30 < 10 || UInt8(value) &- 0x41 < 26) ? 0x80 << 24 : 0
            #expect(mask == expected, "value \(value)")
        }
        let text = Array("IBAN DE89 3704 0044 x".utf8)
        var positions: [Int] = []
        text.withUnsafeBytes { CharacterPositions.find(.uppercaseOrDigits, in: $0, into: &positions) }
        #expect(positions == text.indices.filter { CharacterGate.Characters.uppercaseOrDigits.contains(text[$0]) })
    }
}
