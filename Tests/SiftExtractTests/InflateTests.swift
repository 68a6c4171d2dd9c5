import CLibDeflate
import Testing

@testable import SiftExtract

@Suite struct InflateTests {
    /// Raw DEFLATE of `bytes`, made with libdeflate's compressor.
    private func deflate(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        let compressor = libdeflate_alloc_compressor(level)!
        defer { libdeflate_free_compressor(compressor) }
        let bound = libdeflate_deflate_compress_bound(compressor, bytes.count)
        var out = [UInt8](repeating: 0, count: bound)
        let size = bytes.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                libdeflate_deflate_compress(compressor, input.baseAddress, input.count, output.baseAddress, output.count)
            }
        }
        return Array(out[..<size])
    }

    /// Text that compresses well, with some random bytes so that it is not only repeats.
    private func sample(_ count: Int) -> [UInt8] {
        let words = Array("password = fake-only-test-value\nline of prose about nothing\n".utf8)
        return (0..<count).map { $0 % 97 == 0 ? UInt8.random(in: 0...255) : words[$0 % words.count] }
    }

    @Test("every size comes out whole, whatever size the header claimed", arguments: [0, 1, 100, 4_095, 4_097, 70_000, 1_000_000])
    func roundTrips(size: Int) throws {
        let original = sample(size)
        let stream = deflate(original)
        for claimed in [nil, size, 0, size / 3, size * 2 + 10] {
            #expect(try Inflate.raw(stream[...], limit: 2_000_000, expectedSize: claimed) == original, "claimed \(String(describing: claimed))")
        }
    }

    @Test func theLimitIsInclusive() throws {
        let original = sample(50_000)
        let stream = deflate(original)
        #expect(try Inflate.raw(stream[...], limit: 50_000, expectedSize: 10) == original)
        #expect(throws: Inflate.LimitExceeded.self) { try Inflate.raw(stream[...], limit: 49_999, expectedSize: 10) }
        #expect(throws: Inflate.LimitExceeded.self) { try Inflate.raw(stream[...], limit: 0) }
        // A bomb: a megabyte of zeros in about a kilobyte, with a header that says 10 bytes.
        let bomb = deflate([UInt8](repeating: 0, count: 1_000_000), level: 12)
        #expect(throws: Inflate.LimitExceeded.self) { try Inflate.raw(bomb[...], limit: 64 * 1024, expectedSize: 10) }
    }

    @Test func brokenStreamsAreCorruptAndTrailingBytesAreIgnored() throws {
        let original = sample(20_000)
        let stream = deflate(original)
        #expect(throws: Inflate.Corrupt.self) { try Inflate.raw(stream.dropLast(stream.count / 2), limit: 100_000) }
        #expect(throws: Inflate.Corrupt.self) { try Inflate.raw([][...], limit: 100_000) }
        #expect(throws: Inflate.Corrupt.self) { try Inflate.raw([0xFF, 0xFF, 0xFF, 0xFF][...], limit: 100_000) }
        // A gzip member is followed by its CRC and size: the stream ends before them.
        #expect(try Inflate.raw((stream + [1, 2, 3, 4, 5, 6, 7, 8])[...], limit: 100_000) == original)
    }
}
