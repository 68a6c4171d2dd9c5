/// Writes records as one JSON array of objects (members named and ordered as the schema's field
/// names, every member present), for tools that want a single JSON document. Streams: the array is
/// opened before the first record and closed by ``finish()``.
public struct JSONArrayExporter<Sink: ByteSink, Record>: RecordExporter {
    private var output: OutputBuffer<Sink>
    private let schema: ExportSchema<Record>
    private let object: JSONObjectWriter
    private var count = 0

    /// Creates an exporter that writes the schema's fields to `sink`.
    public init(sink: Sink, schema: ExportSchema<Record>) {
        output = OutputBuffer(sink)
        self.schema = schema
        object = JSONObjectWriter(fieldNames: schema.fieldNames)
    }

    /// The sink (after ``finish()``, it holds everything).
    public var sink: Sink { output.sink }

    /// Writes one record as one element.
    public mutating func write(_ record: Record) throws {
        let values = schema.values(record)
        let (object, first) = (object, count == 0)
        try output.append { out in
            out += (first ? "[\n" : ",\n").utf8
            object.write(values, into: &out)
        }
        count += 1
    }

    /// Closes the array and flushes.
    public mutating func finish() throws {
        try output.append(count == 0 ? "[]\n" : "\n]\n")
        try output.flush()
    }
}
