@testable import SiftMatcher
import Testing

@Suite struct DigitPositionsTests {
    @Test func theWordMaskIsExactForEveryByteInEveryLane() {
        for lane in 0..<8 {
            for value in 0...255 {
                var bytes = [UInt8](repeating: 0x39, count: 8)
                bytes[lane] = UInt8(value)
                let word = UInt64(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
                let expected = bytes.enumerated().reduce(UInt64(0)) { mask, item in
                    item.element &- 0x30 < 10 ? mask | (0x80 << (8 * UInt64(item.offset))) : mask
                }
                #expect(DigitPositions.digitMask(word) == expected, "lane \(lane) value \(value)")
            }
        }
    }

    @Test(arguments: [0, 1, 7, 8, 9, 63, 200])
    func positionsAreEveryDigitInOrder(length: Int) {
        var random = RandomSource(seed: UInt64(length) + 1)
        let text = (0..<length).map { _ in UInt8(random.int(0x20...0x7E)) }
        var positions: [Int] = [1, 2, 3]
        text.withUnsafeBytes { DigitPositions.find(in: $0, into: &positions) }
        #expect(positions == text.indices.filter { text[$0] &- 0x30 < 10 })
    }
}
