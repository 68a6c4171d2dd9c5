import CSiftSIMD
import Testing

@Suite struct TextStatisticsTests {
    /// Byte by byte, as the C pass is specified.
    private func reference(_ bytes: [UInt8]) -> sift_text_statistics {
        var s = sift_text_statistics()
        for (i, byte) in bytes.enumerated() {
            if byte >= 0x80 {
                s.non_ascii += 1
            } else if byte == 0 {
                if i & 1 == 0 { s.zeros_even += 1 } else { s.zeros_odd += 1 }
            } else if byte < 0x20, ![0x09, 0x0A, 0x0C, 0x0D, 0x1B].contains(byte) {
                s.controls += 1
            }
        }
        return s
    }

    private func statistics(_ bytes: [UInt8], limit: Int, scalar: Bool) -> sift_text_statistics {
        var s = sift_text_statistics()
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
            if scalar { sift_text_statistics_scalar(base, buffer.count, limit, &s) } else { sift_text_statistics_of(base, buffer.count, limit, &s) }
        }
        return s
    }

    private func binary(_ s: sift_text_statistics, limit: Int) -> Bool {
        s.zeros_even + s.zeros_odd > 0 && s.zeros_even >= limit && s.zeros_odd >= limit
    }

    /// Random texts of every length around the 32-byte blocks, mostly text with a few notable
    /// bytes in some: the SIMD and the portable pass count exactly what a byte loop counts.
    @Test func bothPassesCountEveryByte() {
        var random = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0, 0x09, 0x0A, 0x0C, 0x0D, 0x1B, 0x01, 0x1F, 0x20, 0x41, 0x7F, 0x80, 0xC3, 0xFF]
        for trial in 0..<4_000 {
            let length = trial < 200 ? trial : Int.random(in: 0..<2_000)
            let noisy = Int.random(in: 0..<4)
            let bytes = (0..<length).map { _ -> UInt8 in
                if noisy > 0, random.next() % UInt64(20 * noisy) == 0 { return alphabet.randomElement()! }
                return UInt8.random(in: 0x20...0x7E)
            }
            let expected = reference(bytes)
            for scalar in [false, true] {
                let s = statistics(bytes, limit: .max, scalar: scalar)
                #expect(s.zeros_even == expected.zeros_even && s.zeros_odd == expected.zeros_odd, "\(bytes)")
                #expect(s.controls == expected.controls && s.non_ascii == expected.non_ascii, "\(bytes)")
            }
        }
    }

    /// A pass that stops early gives the binary decision the whole text gives.
    @Test func stoppingEarlyKeepsTheDecision() {
        for trial in 0..<2_000 {
            let length = Int.random(in: 0..<600)
            let zeroShare = [0, 2, 5, 50, 90][trial % 5]
            let bytes = (0..<length).map { _ in Int.random(in: 0..<100) < zeroShare ? UInt8(0) : UInt8.random(in: 0...255) }
            let limit = Int.random(in: 0...(length / 20 + 1))
            let expected = binary(reference(bytes), limit: limit)
            #expect(binary(statistics(bytes, limit: limit, scalar: false), limit: limit) == expected, "\(bytes) \(limit)")
            #expect(binary(statistics(bytes, limit: limit, scalar: true), limit: limit) == expected, "\(bytes) \(limit)")
        }
    }
}
