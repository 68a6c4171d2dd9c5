import Foundation

/// A sink that writes to a `FileHandle`: a file, standard output, a pipe.
public struct FileHandleSink: ByteSink {
    public let handle: FileHandle

    public init(_ handle: FileHandle) { self.handle = handle }

    public mutating func write(_ bytes: [UInt8]) throws {
        try handle.write(contentsOf: bytes)
    }
}
