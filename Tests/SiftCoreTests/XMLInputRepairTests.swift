import SiftCore
import Testing

/// ``XMLInputRepair`` checks eight ASCII bytes at a time; a control character or a non-ASCII byte
/// anywhere in a word must still be found, whatever its alignment.
@Suite struct XMLInputRepairTests {
    /// The repair one byte at a time, as it was written first: the reference.
    static func reference(_ input: [UInt8]) -> [UInt8] {
        var out = input
        var i = 0
        while i < out.count {
            let lead = out[i]
            if lead < 0x80 {
                if lead < 0x20, lead != 0x09, lead != 0x0A, lead != 0x0D { out[i] = 0x20 }
                i += 1
                continue
            }
            // Multi-byte sequences: let the library decide, one sequence at a time.
            var length = 1
            while i + length < out.count, length < 4, out[i + length] & 0xC0 == 0x80 { length += 1 }
            var piece = Array(out[i..<(i + length)])
            XMLInputRepair.repair(&piece)
            out.replaceSubrange(i..<(i + length), with: piece)
            i += length
        }
        return out
    }

    @Test func everyControlCharacterIsFoundAtEveryAlignment() {
        for control in UInt8(0)..<0x20 {
            for position in 0..<24 {
                var bytes = Array(repeating: UInt8(ascii: "a"), count: 24)
                bytes[position] = control
                var repaired = bytes
                XMLInputRepair.repair(&repaired)
                let kept = control == 0x09 || control == 0x0A || control == 0x0D
                #expect(repaired[position] == (kept ? control : 0x20), "byte \(control) at \(position)")
                #expect(repaired.enumerated().allSatisfy { $0.offset == position || $0.element == UInt8(ascii: "a") })
            }
        }
    }

    @Test func boundaryBytesAroundTheControlRange() {
        // 0x1F is repaired, 0x20 and 0x7F are not; 0x80 alone is not UTF-8.
        var bytes: [UInt8] = Array("abcdefgh".utf8) + [0x1F] + Array("ijklmnop".utf8) + [0x20, 0x7F] + Array("qrstuvwx".utf8) + [0x80]
        XMLInputRepair.repair(&bytes)
        #expect(bytes[8] == 0x20)
        #expect(bytes[17] == 0x20 && bytes[18] == 0x7F)
        #expect(bytes.last == UInt8(ascii: "?"))
    }

    @Test func mixedTextMatchesTheByteByByteRepair() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("abc <>&;=\"xyz012".utf8) + [0x00, 0x01, 0x08, 0x09, 0x0A, 0x0D, 0x1F, 0x7F]
            + Array("é€😀".utf8) + [0xC3, 0x80, 0xFF, 0xED, 0xA0, 0x80, 0xEF, 0xBF, 0xBE]
        for _ in 0..<300 {
            let count = Int.random(in: 0..<80, using: &generator)
            let input = (0..<count).map { _ in alphabet.randomElement(using: &generator)! }
            var repaired = input
            XMLInputRepair.repair(&repaired)
            #expect(repaired == Self.reference(input), "\(input)")
        }
    }

    @Test func aSequenceCutByTheChunkEndIsCarried() {
        var bytes: [UInt8] = Array("0123456789abcdef".utf8) + [0xE2, 0x82]
        let complete = bytes.withUnsafeMutableBufferPointer { XMLInputRepair.repair($0, atEnd: false) }
        #expect(complete == 16)
        let ended = bytes.withUnsafeMutableBufferPointer { XMLInputRepair.repair($0, atEnd: true) }
        #expect(ended == 18)
        #expect(Array(bytes[16...]) == [UInt8(ascii: "?"), UInt8(ascii: "?")])
    }
}
