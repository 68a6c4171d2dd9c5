/// One value of an exported field: what CSV writes as text and JSON as its own type.
enum FieldValue: Hashable, Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null

    init(_ value: String?) { self = value.map(FieldValue.string) ?? .null }
    init(_ value: Int?) { self = value.map(FieldValue.int) ?? .null }

    /// The CSV cell: text as is, numbers in decimal, `true`/`false`, nothing for null.
    var csvText: String? {
        switch self {
        case .string(let text): text
        case .int(let number): String(number)
        case .double(let number): JSONValue.number(number)
        case .bool(let flag): String(flag)
        case .null: nil
        }
    }

    /// Appends the JSON of the value, without a string made on the way.
    func writeJSON(into out: inout [UInt8]) { json.write(into: &out) }

    var json: JSONValue {
        switch self {
        case .string(let text): .string(text)
        case .int(let number): .int(number)
        case .double(let number): .double(number)
        case .bool(let flag): .bool(flag)
        case .null: .null
        }
    }
}
