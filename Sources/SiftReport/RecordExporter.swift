/// An exporter of records (findings, attachment scan records, reviews) to a ``ByteSink``.
///
/// Call ``write(_:)`` for each record in order, then ``finish()`` once: it writes what a format
/// needs at the end (SARIF's closing brackets and rules) and flushes. An exporter with no record
/// still writes a complete, valid document (a CSV header, an empty SARIF run).
public protocol RecordExporter<Record> {
    associatedtype Record
    mutating func write(_ record: Record) throws
    mutating func finish() throws
}
