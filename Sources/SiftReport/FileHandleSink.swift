import Foundation

/// A sink that writes to a `FileHandle`: a file, standard output, a pipe.
public struct FileHandleSink: ByteSink {
    /// The handle written to.
    public let handle: FileHandle

    /// A sink writing to `handle` (which the caller closes).
    public init(_ handle: FileHandle) { self.handle = handle }

    /// Writes `bytes` to the handle.
    public mutating func write(_ bytes: [UInt8]) throws {
        try handle.write(contentsOf: bytes)
    }
}
