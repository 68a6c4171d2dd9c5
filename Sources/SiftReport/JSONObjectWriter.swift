/// Writes a schema's records as compact JSON objects straight into an output buffer: member names
/// escaped once, values appended as bytes. Building a ``JSONValue`` tree per record and a string
/// of it was half the cost of listing a scan's findings.
struct JSONObjectWriter {
    /// `"name":` for each field, in the schema's order.
    private let keys: [[UInt8]]

    init(fieldNames: [String]) {
        keys = fieldNames.map { name in
            var key: [UInt8] = []
            JSONValue.escape(name, into: &key)
            key.append(UInt8(ascii: ":"))
            return key
        }
    }

    /// Appends `{"name":value,…}` for `values` (one per field name).
    func write(_ values: [FieldValue], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (index, (key, value)) in zip(keys, values).enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += key
            value.writeJSON(into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }
}
