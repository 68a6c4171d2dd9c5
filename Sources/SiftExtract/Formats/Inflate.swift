import Foundation
import ZIPFoundation

/// Raw DEFLATE decompression (zlib, through ZIPFoundation) with a hard bound on the output, for
/// zip entries and gzip members: headers can lie about sizes, so the bound is enforced while
/// inflating.
enum Inflate {
    /// More output than allowed: the decompression was stopped there.
    struct LimitExceeded: Error {
        var produced: Int
    }

    struct Corrupt: Error {}

    /// Inflates `input` (raw DEFLATE, no zlib or gzip header). Throws ``LimitExceeded`` as soon as
    /// more than `limit` bytes come out, ``Corrupt`` for a broken stream.
    static func raw(_ input: ArraySlice<UInt8>, limit: Int) throws -> [UInt8] {
        var output: [UInt8] = []
        let data = Data(input)
        do {
            _ = try Data.decompress(size: Int64(data.count), bufferSize: 64 * 1024, skipCRC32: true, provider: { position, size in
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
}
