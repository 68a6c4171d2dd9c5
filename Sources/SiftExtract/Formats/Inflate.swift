import Foundation
import ZIPFoundation
#if canImport(CZlib)
import CZlib  // zlib, through ZIPFoundation's system-library module (Linux and other non-Apple platforms)
#endif

/// Raw DEFLATE decompression with a hard bound on the output, for zip entries and gzip members:
/// headers can lie about sizes, so the bound is enforced while inflating.
enum Inflate {
    /// More output than allowed: the decompression was stopped there.
    struct LimitExceeded: Error {
        var produced: Int
    }

    struct Corrupt: Error {}

    static let bufferSize = 64 * 1024

    #if canImport(CZlib)
    /// Inflates `input` (raw DEFLATE, no zlib or gzip header). Throws ``LimitExceeded`` as soon as
    /// more than `limit` bytes come out, ``Corrupt`` for a broken or truncated stream.
    ///
    /// zlib directly, not ZIPFoundation's `Data.decompress`: its zlib loop (0.9.20) tells zlib that
    /// every input chunk holds `bufferSize` bytes, so a shorter last chunk made zlib read past its
    /// end, and when the input ends before the stream does it asks for more input forever — a
    /// 367-byte zip hung fuzz-attachment.
    static func raw(_ input: ArraySlice<UInt8>, limit: Int) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Corrupt()
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: bufferSize)
        try input.withUnsafeBufferPointer { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = UInt32(source.count)
            while true {
                let (result, produced) = buffer.withUnsafeMutableBufferPointer { out -> (Int32, Int) in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    let result = inflate(&stream, Z_NO_FLUSH)
                    return (result, out.count - Int(stream.avail_out))
                }
                guard output.count + produced <= limit else { throw LimitExceeded(produced: output.count + produced) }
                output.append(contentsOf: buffer[..<produced])
                switch result {
                case Z_STREAM_END: return
                case Z_OK: continue
                // Z_BUF_ERROR: no progress possible, the input ended before the stream did.
                default: throw Corrupt()
                }
            }
        }
        return output
    }
    #else
    /// Inflates `input` (raw DEFLATE, no zlib or gzip header). Throws ``LimitExceeded`` as soon as
    /// more than `limit` bytes come out, ``Corrupt`` for a broken stream. (Apple platforms:
    /// ZIPFoundation decompresses with the Compression framework.)
    static func raw(_ input: ArraySlice<UInt8>, limit: Int) throws -> [UInt8] {
        var output: [UInt8] = []
        let data = Data(input)
        do {
            _ = try Data.decompress(size: Int64(data.count), bufferSize: bufferSize, skipCRC32: true, provider: { position, size in
                let start = Int(position)
                guard start < data.count else { return Data() }
                return data.subdata(in: start..<min(data.count, start + size))
            }, consumer: { chunk in
                guard output.count + chunk.count <= limit else { throw LimitExceeded(produced: output.count + chunk.count) }
                output.append(contentsOf: chunk)
            })
        } catch let error as LimitExceeded {
            throw error
        } catch {
            throw Corrupt()
        }
        return output
    }
    #endif
}
