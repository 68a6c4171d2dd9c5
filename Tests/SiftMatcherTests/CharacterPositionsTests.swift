import CSiftSIMD
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

    /// The bitmap's SIMD paths (AVX-512 and AVX2 here) and its portable byte loop (what a CPU
    /// without AVX2 runs) agree, and all set exactly the class's bytes, at every length around the
    /// 32- and 64-byte steps, for the gates' classes and random ones.
    @Test(arguments: [0, 1, 31, 32, 33, 63, 64, 65, 127, 128, 129, 1000])
    func theBitmapIsTheSameOnEveryPath(length: Int) {
        var random = RandomSource(seed: UInt64(length) + 7)
        let text = (0..<length).map { _ in UInt8(random.int(0...255)) }
        let words = (length + 63) / 64
        var classes = [CharacterGate.Characters.digits.byteClass, CharacterGate.Characters.uppercaseOrDigits.byteClass,
                       ByteClass(0..<128), ByteClass()]
        for _ in 0..<8 { classes.append(ByteClass((0..<128).filter { _ in random.chance(0.3) })) }
        for bytes in classes {
            var expected = [UInt64](repeating: 0, count: words)
            for (i, byte) in text.enumerated() where bytes.contains(byte) { expected[i / 64] |= 1 << UInt64(i % 64) }
            var table = bytes.nibbleTable
            for level in 0...2 {
                var bits = [UInt64](repeating: .max, count: words)
                text.withUnsafeBufferPointer { text in
                    withUnsafeBytes(of: &table) { table in
                        let table = table.baseAddress!.assumingMemoryBound(to: UInt8.self)
                        bits.withUnsafeMutableBufferPointer {
                            sift_class_bits_at_level(text.baseAddress, length, table, $0.baseAddress, Int32(level))
                        }
                    }
                }
                #expect(bits == expected, "class \(bytes.members), level \(level)")
            }
        }
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

    /// With a minimum and a span, every run of `minimum` consecutive occurrences less than `span`
    /// bytes apart is listed whole, and only occurrences are listed, in order.
    @Test(arguments: [(8, 19), (12, 39), (3, 64), (5, 65), (14, 130), (1, 1)])
    func blocksWithTooFewAreSkippedButNoRunIsLost(minimum: Int, span: Int) {
        var random = RandomSource(seed: UInt64(minimum * 1000 + span))
        var blocks: [UInt64] = []
        for round in 0..<40 {
            let density = [0.02, 0.1, 0.3, 0.6][round % 4]
            let length = random.int(0...2000)
            let text = (0..<length).map { _ in
                random.chance(density) ? UInt8(random.int(0x30...0x39)) : (random.chance(0.3) ? UInt8(random.int(0x41...0x5A)) : 0x61)
            }
            for characters in [CharacterGate.Characters.digits, .uppercaseOrDigits] {
                let all = text.indices.filter { characters.contains(text[$0]) }
                var listed: [Int] = [-1]
                text.withUnsafeBytes {
                    CharacterPositions.find(characters, in: $0, minimum: minimum, span: span, blocks: &blocks, into: &listed)
                }
                #expect(listed == listed.sorted() && Set(listed).isSubset(of: all))
                let listedSet = Set(listed)
                if all.count >= minimum {
                    for j in 0...(all.count - minimum) where all[j + minimum - 1] - all[j] < span {
                        #expect(all[j...(j + minimum - 1)].allSatisfy(listedSet.contains), "run at \(all[j])")
                    }
                }
            }
        }
    }

    /// Rules with a character gate on texts dense in capitals and digits, with matches planted at
    /// the edges of the 64-byte blocks that positions are listed by: the scan equals the oracle.
    @Test func characterGatedRulesOnDenseText() throws {
        let specs = [
            RuleSpec(name: "IBAN", pattern: #"\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){3,7}\b"#),
            RuleSpec(name: "CARD", pattern: #"\b4[0-9]{3}(?:[ -]?[0-9]{4}){3}\b"#),
            RuleSpec(name: "DIGITS", pattern: #"(?<![0-9])[0-9]{8,10}(?![0-9])"#),
        ]
        let set = try CompiledRuleSet(specs)
        #expect(set.rules[0].plan.characterGate != nil && set.rules[2].plan.characterGate != nil)
        let oracle = Oracle(specs)
        let scratch = set.makeScratch()
        var random = RandomSource(seed: 77)
        let planted = ["DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432", "4111 1111 1111 1111", "4111111111111111",
                       "123456789", "DE8 3704 0044 0532"]
        for round in 0..<30 {
            let text = Self.denseText(&random, length: random.int(50...5000), planting: planted,
                                      endingBlocks: round % 3 == 0 ? 60...63 : nil)
            let engine = set.matches(in: text, using: scratch)
                .sorted { ($0.rule, $0.range.lowerBound) < ($1.rule, $1.range.lowerBound) }
            #expect(engine == oracle.matches(in: text), "round \(round)")
        }
    }

    /// Text dense in capitals, digits, spaces and dashes, about `length` bytes, with one of
    /// `planted` at one position in twenty; with `endingBlocks`, each planted value starts at one
    /// of those offsets of a 64-byte block (the bitmaps' words), so that it crosses into the next.
    static func denseText(
        _ random: inout RandomSource, length: Int, planting planted: [String], endingBlocks: ClosedRange<Int>?
    ) -> [UInt8] {
        var text: [UInt8] = []
        while text.count < length {
            if random.chance(0.05) {
                if let endingBlocks { while text.count % 64 != random.int(endingBlocks) { text.append(0x61) } }
                text += Array(random.pick(planted).utf8)
            } else {
                text.append(random.pick(Array("ABCXYZ0123456789 -az".utf8)))
            }
        }
        return text
    }
}
