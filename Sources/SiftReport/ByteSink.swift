/// Where an exporter writes its bytes: a file, standard output, memory.
///
/// Exporters buffer their output and hand it to the sink in chunks of about 64 KiB, so a sink
/// need not buffer itself.
public protocol ByteSink {
    /// Writes `bytes` in order after what was written before.
    mutating func write(_ bytes: [UInt8]) throws
}
