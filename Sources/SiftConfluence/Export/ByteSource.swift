/// Bytes read sequentially, as libxml2's reader pulls them: from a file, or from an entry of a
/// zip inflated on another thread.
protocol ByteSource: AnyObject {
    /// Fills `buffer` with up to `buffer.count` bytes; returns how many (0 at the end), or -1 on error.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int
    /// Total size when known, for progress.
    var totalBytes: Int? { get }
    /// An error that stopped reading, if any.
    var failure: (any Error)? { get }
}
