/// Buffers an exporter's output and hands it to the sink in chunks, so a large export streams
/// with flat memory and few writes.
struct OutputBuffer<Sink: ByteSink> {
    var sink: Sink
    private var pending: [UInt8] = []
    private let chunkSize = 64 * 1024

    init(_ sink: Sink) {
        self.sink = sink
        pending.reserveCapacity(chunkSize)
    }

    mutating func append(_ text: String) throws {
        pending.append(contentsOf: text.utf8)
        if pending.count >= chunkSize { try flush() }
    }

    /// Lets `body` append bytes to the buffer itself: no string or array made on the way.
    mutating func append(_ body: (inout [UInt8]) -> Void) throws {
        body(&pending)
        if pending.count >= chunkSize { try flush() }
    }

    mutating func flush() throws {
        guard !pending.isEmpty else { return }
        try sink.write(pending)
        pending.removeAll(keepingCapacity: true)
    }
}
