import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file with `read(2)`.
final class FileByteSource: ByteSource {
    private let descriptor: Int32
    let totalBytes: Int?
    private(set) var failure: (any Error)?

    init?(path: String) {
        descriptor = LongPath.openFile(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        totalBytes = fstat(descriptor, &info) == 0 ? Int(info.st_size) : nil
    }

    deinit { close(descriptor) }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0, errno == EINTR { continue }
            if count < 0 { failure = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            return count
        }
    }
}
