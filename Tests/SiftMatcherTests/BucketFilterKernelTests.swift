@testable import SiftMatcher
import Testing

/// The bucket filter's C loops (portable, AVX2, AVX-512) against a model of the filter written here
/// from its definition, position by position: the same positions pass at every level, for every
/// text length up to 130, every start and several ends, texts at every alignment in memory with
/// bytes after their end that would pass if a loop read them; no position where a literal occurs is
/// ever dropped.
struct BucketFilterKernelTests {
    /// The gram filter's kernel tests' texts: ASCII letters of both cases, the bytes around them,
    /// bytes of 0x80 and above.
    static func bytes(_ length: Int, _ random: inout RandomSource) -> [UInt8] {
        GramFilterKernelTests.bytes(length, &random)
    }

    /// 1 to 24 literals of 1-7 bytes, or (one round in three) up to 300, so that buckets mix.
    static func literals(_ random: inout RandomSource) -> [Literal] {
        random.chance(0.34)
            ? GramFilterKernelTests.literals(&random, count: 25...300, lengths: [1, 2, 3, 3, 4, 4, 5, 6, 9])
            : GramFilterKernelTests.literals(&random)
    }

    /// Whether position `p` of `text` passes, from the definition in `sift_bucket_filter` (bytes past
    /// the end read as 0).
    static func modelPasses(_ filter: BucketFilter, _ text: [UInt8], _ p: Int) -> Bool {
        let masks = (0..<BucketFilter.offsets).map { j -> UInt32 in
            let b0 = p + j < text.count ? Int(text[p + j]) : 0
            let b1 = p + j + 1 < text.count ? Int(text[p + j + 1]) : 0
            return filter.masks[(b0 | b1 << 8) & (filter.masks.count - 1)]
        }
        return (0..<BucketFilter.bucketCount).contains { k in
            masks.indices.allSatisfy { j in masks[j] >> UInt32(8 * j + k) & 1 == 0 }
        }
    }

    /// Every level's candidates for `text[start..<end]`, with the text placed `offset` bytes into a
    /// buffer followed by `tail`.
    static func candidates(
        _ filter: BucketFilter, _ text: [UInt8], offset: Int, start: Int, end: Int, tail: [UInt8]
    ) -> [[Int]] {
        GramFilterKernelTests.everyLevel(text, offset: offset, start: start, end: end, tail: tail) { raw, out, level in
            filter.candidates(raw, from: start, to: end, into: out, level: level)
        }
    }

    @Test func everyLevelMatchesTheModelAtEveryLengthAndStart() {
        var random = RandomSource(seed: 20261202)
        for round in 0..<12 {
            let literals = Self.literals(&random)
            let filter = BucketFilter(literals)
            // Bytes after the text that every literal set here lets through.
            let tail = Array(repeating: literals[0].bytes, count: 40).flatMap { $0 }
            for length in 0...130 {
                let text = Self.bytes(length, &random)
                GramFilterKernelTests.checkEveryLevel(
                    literals, text, starts: [0, 1, 2, 3, 5, 8, 15, 16, 17, 31, 33, 47, 48, 49, 64, length / 2],
                    model: { Self.modelPasses(filter, text, $0) }
                ) { start, end in
                    Self.candidates(filter, text, offset: (length + round) % 64, start: start, end: end, tail: tail)
                }
            }
        }
    }

    /// Every alignment of the text in memory, for a text long enough that the SIMD loops run several
    /// steps.
    @Test func everyAlignment() {
        var random = RandomSource(seed: 6)
        let literals = [
            Literal("a", caseless: true), Literal("@=", caseless: false), Literal("kS", caseless: true),
            Literal([0xC3, 0xA9, 0x41], caseless: false), Literal("sekZ", caseless: true), Literal("B0-z ab", caseless: false),
            Literal("12-", caseless: false), Literal("423", caseless: false), Literal([0xE1, 0x80], caseless: true),
        ]
        let filter = BucketFilter(literals)
        for offset in 0..<64 {
            let text = Self.bytes(197, &random)
            let want = (0..<text.count).filter { Self.modelPasses(filter, text, $0) }
            let found = Self.candidates(filter, text, offset: offset, start: 0, end: text.count, tail: Array("aaaa".utf8))
            for level in 0...2 { #expect(found[level] == want, "level \(level), offset \(offset)") }
        }
    }

    /// Letters of both cases and bytes with the high bit set pass only as the literals allow: `A`
    /// (0x41) and 0xC1 differ in bit 7 alone, `q` and `Q` in bit 5, 0xE1 is no letter.
    @Test func caseAndHighBytes() {
        let literals = [Literal("ab", caseless: true), Literal("Xyz", caseless: false), Literal([0xC1, 0x42], caseless: false)]
        let filter = BucketFilter(literals)
        let text = Array("AB ab aB Ab xyz Xyz XYZ".utf8) + [0xC1, 0x42, 0x20, 0x41, 0x42, 0xE1, 0xE2, 0x20, 0xC1, 0x62]
        let want = (0..<text.count).filter { Self.modelPasses(filter, text, $0) }
        for p in [0, 3, 6, 9, 16, 23, 26] { #expect(want.contains(p), "an occurrence at \(p) is dropped") }
        #expect(!want.contains(12), "xyz is not Xyz: the first byte's case bit is in the domain")
        for level in 0...2 {
            #expect(Self.candidates(filter, text, offset: 3, start: 0, end: text.count, tail: [])[level] == want)
        }
    }
}
