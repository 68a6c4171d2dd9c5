@testable import SiftMatcher
import Testing

/// The sequence gate's C loops (portable, AVX2, AVX-512) against its definition, start by start:
/// the same starts pass at every level, for every text length up to 200, several starts and ends,
/// texts at every alignment in memory with bytes after their end that would pass if a loop read
/// them, classes that hold the byte 0 (which the SIMD tails pad with), gates that test a stretch of
/// their positions.
struct SequenceGateKernelTests {
    /// Classes of the shapes rules begin with.
    static let palette: [ByteClass] = [
        ByteClass(0x41...0x5A), ByteClass(0x61...0x7A), ByteClass(0x30...0x39), ByteClass([0x2D]),
        ByteClass(Array(0x30...0x39) + Array(0x41...0x5A) + Array(0x61...0x7A)), ByteClass([0x61, 0x62]),
        ByteClass([0x00, 0x41]), ByteClass([0x20, 0x0A]), ByteClass(0x00...0x7F), ByteClass([0x7F, 0x3D]),
    ]

    /// Bytes the palette's classes take, and others: letters, digits, `-`, space, 0, 0x7F, and
    /// bytes of 0x80 and above (whose low seven bits are letters: 0xC1 is 0x41 with the high bit).
    static func bytes(_ length: Int, _ random: inout RandomSource) -> [UInt8] {
        let alphabet: [UInt8] = Array("ABZaby09-= \n".utf8) + [0x00, 0x7F, 0xC1, 0xE1, 0x80, 0xFF, 0xAD, 0xB0]
        return (0..<length).map { _ in random.pick(alphabet) }
    }

    /// A gate of 2 to 8 positions that tests all of them, or (one in three) a stretch of them.
    static func gate(_ random: inout RandomSource) -> SequenceGate {
        let classes = (0..<random.int(2...SequenceGate.maxPositions)).map { _ in random.pick(palette) }
        guard random.chance(0.34) else { return SequenceGate(classes) }
        let lower = random.int(0...(classes.count - 2))
        return SequenceGate(classes, window: lower..<random.int((lower + 2)...classes.count))
    }

    /// Every level's starts in `text[start..<end]`, with the text placed `offset` bytes into a buffer
    /// followed by `tail`.
    static func starts(
        _ gate: SequenceGate, _ text: [UInt8], offset: Int, start: Int, end: Int, tail: [UInt8]
    ) -> [[Int]] {
        GramFilterKernelTests.everyLevel(text, offset: offset, start: start, end: end, tail: tail) { raw, out, level in
            gate.starts(in: raw, from: start, to: end, into: out, level: level)
        }
    }

    /// Bytes after the text that every position of `gate` accepts, where it accepts any.
    static func passingTail(_ gate: SequenceGate) -> [UInt8] {
        (0..<200).map { i in gate.classes[i % gate.span].members.first ?? 0 }
    }

    @Test func everyLevelMatchesTheDefinitionAtEveryLengthAndStart() {
        var random = RandomSource(seed: 20261203)
        for round in 0..<10 {
            let gate = Self.gate(&random)
            let tail = Self.passingTail(gate)
            for length in 0...200 {
                let text = Self.bytes(length, &random)
                let expected = (0..<length).map { gate.passes(text, at: $0) }
                for start in [0, 1, 2, 7, 31, 63, 64, 65, 100, length / 2] where start <= length {
                    for end in Set([length, max(start, length - 1), max(start, length - 7), start, min(length, start + 17),
                                    min(length, start + 64), min(length, start + 65), min(length, start + 128)]) {
                        let found = Self.starts(gate, text, offset: (length + round) % 64, start: start, end: end, tail: tail)
                        let want = (start..<end).filter { expected[$0] }
                        for level in 0...2 {
                            #expect(found[level] == want, "level \(level), length \(length), \(start)..<\(end), round \(round)")
                        }
                    }
                }
            }
        }
    }

    /// Every alignment of the text in memory, for texts long enough that the SIMD loops run several
    /// steps, dense with starts (every position of a run of one class passes a gate of that class).
    @Test func everyAlignmentAndDenseStarts() {
        var random = RandomSource(seed: 7)
        let dense = SequenceGate([ByteClass(0x41...0x5A), ByteClass(0x41...0x5A), ByteClass(0x41...0x5A)])
        for offset in 0..<64 {
            let gate = offset % 2 == 0 ? dense : Self.gate(&random)
            var text = Self.bytes(517, &random)
            for p in stride(from: offset, to: 400, by: 37) { text.replaceSubrange(p..<(p + 9), with: Array("ABZZBAZAB".utf8)) }
            let want = (0..<text.count).filter { gate.passes(text, at: $0) }
            let found = Self.starts(gate, text, offset: offset, start: 0, end: text.count, tail: Self.passingTail(gate))
            for level in 0...2 { #expect(found[level] == want, "level \(level), offset \(offset)") }
        }
    }

    /// A start whose bytes reach past the text's end never passes, even where the class holds the
    /// byte 0 and the bytes after the text would pass.
    @Test func startsNeedAllTheirBytes() {
        let gate = SequenceGate([ByteClass([0x00, 0x41]), ByteClass([0x00, 0x41])])
        for length in [1, 2, 63, 64, 65, 127, 128, 129, 191, 192, 193] {
            let text = [UInt8](repeating: 0x41, count: length)
            let found = Self.starts(gate, text, offset: 5, start: 0, end: length, tail: [0, 0, 0x41, 0x41])
            for level in 0...2 { #expect(found[level] == Array(0..<max(0, length - 1)), "level \(level), length \(length)") }
        }
    }
}
