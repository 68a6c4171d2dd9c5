@testable import SiftExtract
import Testing

@Suite struct ControlByteWordTests {
    /// The word test agrees with a byte-by-byte check on every byte value in every lane.
    @Test func theWordTestIsExact() {
        for lane in 0..<8 {
            for value in 0...255 {
                for filler: UInt8 in [0x20, 0x41, 0x0A, 0xFF] {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[lane] = UInt8(value)
                    let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                    let expected = bytes.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
                    #expect(TextDecoder.hasNotableControl(word) == expected, "lane \(lane) value \(value) filler \(filler)")
                }
            }
        }
    }

    /// The word counts agree with counting byte by byte.
    @Test func theWordCountsAreExact() {
        var random = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0, 0, 0x09, 0x0A, 0x0C, 0x0D, 0x1B, 0x01, 0x1F, 0x20, 0x41, 0x7F, 0x80, 0xFF]
        for _ in 0..<20_000 {
            let bytes = (0..<8).map { _ in random.next() % 3 == 0 ? UInt8.random(in: 0...255) : alphabet.randomElement()! }
            let word = UInt64(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
            let counts = TextDecoder.controlCounts(word)
            #expect(counts.zerosEven == bytes.indices.filter { $0 & 1 == 0 && bytes[$0] == 0 }.count)
            #expect(counts.zerosOdd == bytes.indices.filter { $0 & 1 == 1 && bytes[$0] == 0 }.count)
            #expect(counts.controls == bytes.filter { $0 > 0 && $0 < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D, 0x1B].contains($0) }.count,
                    "\(bytes)")
        }
    }
}
