#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads a whole file into an array with `open`, `fstat` and `read`: one copy, straight into the
/// array. `Data(contentsOf:)` followed by `[UInt8](data)` copied every byte twice (5.9 % of the
/// samples of a scan of the Python standard library).
enum FileBytes {
    /// Why a file could not be read: the path and the system's message.
    struct ReadError: Error, CustomStringConvertible {
        var path: String
        var code: Int32
        var description: String { "\(path): \(String(cString: strerror(code)))" }
    }

    /// The bytes of the file at `path`, however its size changes while it is read; with `limit`, at
    /// most that many of its first bytes.
    static func contents(atPath path: String, upTo limit: Int = .max) throws(ReadError) -> [UInt8] {
        try contents(atPath: path, upTo: limit, checkpoints: []) { _ in false }.bytes
    }

    /// The bytes of the file at `path` (at most `limit`), read in order and stopped early when
    /// `enough` says so: it is shown the bytes read so far each time they reach one of
    /// `checkpoints` (ascending) short of the file's end. `decided` is `true` when it stopped the
    /// reading, and `bytes` then holds only what it saw. `stamp` is the file's metadata once the
    /// bytes are read (`nil` if `fstat` failed then): equal to a stamp taken before the file was
    /// opened, it says that no write came in between or during the read.
    ///
    /// One descriptor and one buffer for the whole file: a file that turns out to be whole after
    /// all costs one more `read` per checkpoint, not a second open or copy. With `expectedSize`
    /// (a listing's), the buffer is sized by it without an `fstat` first: a file grown since is
    /// read on to its end, a shorter one ends early, and a directory fails its first `read`.
    static func contents(
        atPath path: String, upTo limit: Int, checkpoints: [Int], expectedSize: Int? = nil, enough: ([UInt8]) -> Bool
    ) throws(ReadError) -> (bytes: [UInt8], decided: Bool, stamp: FileStamp?) {
        let fd = LongPath.openFile(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ReadError(path: path, code: errno) }
        defer { close(fd) }
        let fileSize: Int
        if let expectedSize {
            fileSize = expectedSize
        } else {
            var info = stat()
            guard fstat(fd, &info) == 0 else { throw ReadError(path: path, code: errno) }
            guard info.st_mode & S_IFMT != S_IFDIR else { throw ReadError(path: path, code: EISDIR) }
            fileSize = Int(info.st_size)
        }
        let size = min(max(fileSize, 0), limit)
        var failure: Int32 = 0
        var decided = false
        var stops = checkpoints.filter { $0 > 0 && $0 < size }[...]
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            while initialized < size {
                let end = stops.first ?? size
                // SAFETY: `read` writes at most `end - initialized` bytes from offset `initialized`,
                // inside the buffer's `size` bytes (`end <= size`).
                let n = read(fd, buffer.baseAddress! + initialized, end - initialized)
                if n < 0, errno == EINTR { continue }
                if n < 0 { failure = errno }
                if n <= 0 { return }
                initialized += n
                if initialized == end, !stops.isEmpty {
                    stops.removeFirst()
                    if enough(Array(buffer[0..<initialized])) {
                        decided = true
                        return
                    }
                }
            }
        }
        if decided { return (bytes, true, stamp(of: fd)) }
        if failure != 0 { throw ReadError(path: path, code: failure) }
        // The file may have grown since fstat (a log being written): read on to its end.
        var chunk = [UInt8](repeating: 0, count: bytes.count == size && size < limit ? 1 : 0)
        while !chunk.isEmpty {
            // SAFETY: `read` writes at most `chunk.count` bytes into the chunk.
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n < 0 { throw ReadError(path: path, code: errno) }
            if n == 0 { break }
            bytes += chunk[0..<min(n, limit - bytes.count)]
            if bytes.count >= limit { break }
            if chunk.count < 64 * 1024 { chunk = [UInt8](repeating: 0, count: 64 * 1024) }
        }
        return (bytes, false, stamp(of: fd))
    }

    private static func stamp(of fd: Int32) -> FileStamp? {
        var info = stat()
        return fstat(fd, &info) == 0 ? FileStamp(info) : nil
    }
}
