import SiftCore
import SiftExtract
import Testing

/// UTF-16 text files are transcoded by a loop of Sift's own (the standard library's generic path
/// ran at 20 MB/s); it must give what `String(decoding:as: UTF16.self)` gives, repairs included.
@Suite struct UTF16DecodingTests {
    func extractedText(_ bytes: [UInt8]) -> [UInt8] {
        let extraction = AttachmentExtractor().extract(
            AttachmentInput(bytes: bytes, fileName: "service.log", provenance: Provenance(contentType: .file, path: "service.log")))
        #expect(extraction.records.last?.detectedType == "text-utf16")
        return extraction.items.first?.text.bytes ?? []
    }

    /// Code units of every kind: ASCII, Latin, CJK, surrogate pairs (emoji), lone high and low
    /// surrogates, a high surrogate at the very end.
    static func units(seed: UInt64) -> [UInt16] {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var units = Array("2024-05-01 token=FAKE-UTF16-SECRET café\r\n".utf16)
        for _ in 0..<20_000 {
            switch next() % 10 {
            case 0: units += [0xD83D, 0xDE00 + UInt16(next() % 64)]  // a pair
            case 1: units.append(0xD800 + UInt16(next() % 0x400))  // a high surrogate, maybe paired by chance
            case 2: units.append(0xDC00 + UInt16(next() % 0x400))  // a lone low surrogate
            case 3: units.append(0x4E00 + UInt16(next() % 0x5000))  // CJK
            case 4: units.append(0x00A0 + UInt16(next() % 0x700))  // Latin, Greek, Cyrillic …
            case 5: units.append(0xFFFD + UInt16(next() % 3))  // U+FFFD … U+FFFF
            default: units.append(0x20 + UInt16(next() % 0x5F))  // ASCII
            }
        }
        return units + [0xD83D]
    }

    @Test(arguments: [false, true])
    func transcodesAsTheStandardLibraryDoes(bigEndian: Bool) {
        let units = Self.units(seed: bigEndian ? 2 : 1)
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in units {
            let (high, low) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
            bytes += bigEndian ? [high, low] : [low, high]
        }
        let expected = Array(String(decoding: units, as: UTF16.self).utf8)
        #expect(extractedText(bytes) == expected)
        // An odd last byte is dropped.
        #expect(extractedText(bytes + [0x41]) == expected)
    }
}
