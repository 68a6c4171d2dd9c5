/// Writes records as JSON Lines: one JSON object per line (`LF`), members named and ordered as
/// the schema's field names, every member present (`null` when there is no value).
public struct JSONLinesExporter<Sink: ByteSink, Record>: RecordExporter {
    private var output: OutputBuffer<Sink>
    private let schema: ExportSchema<Record>
    private let object: JSONObjectWriter

    /// Creates an exporter that writes the schema's fields to `sink`.
    public init(sink: Sink, schema: ExportSchema<Record>) {
        output = OutputBuffer(sink)
        self.schema = schema
        object = JSONObjectWriter(fieldNames: schema.fieldNames)
    }

    /// The sink (after ``finish()``, it holds everything).
    public var sink: Sink { output.sink }

    /// Writes one record as one line.
    public mutating func write(_ record: Record) throws {
        let values = schema.values(record)
        let object = object
        try output.append { out in
            object.write(values, into: &out)
            out.append(UInt8(ascii: "\n"))
        }
    }

    /// Flushes.
    public mutating func finish() throws {
        try output.flush()
    }
}
