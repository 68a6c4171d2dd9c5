/// A JSON value with ordered object members, serialised compactly (JSON Lines) or indented
/// (SARIF). Field order is part of Sift's output contract, which is why this is not `JSONEncoder`.
indirect enum JSONValue: Hashable, Sendable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.compact == rhs.compact }
    func hash(into hasher: inout Hasher) { hasher.combine(compact) }

    /// One line, no spaces.
    var compact: String {
        var out: [UInt8] = []
        write(into: &out, indent: nil, level: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// Indented by two spaces per level, starting at `level`.
    func pretty(level: Int = 0) -> String {
        var out: [UInt8] = []
        write(into: &out, indent: "  ", level: level)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the value's UTF-8: compact without `indent`, else one member or item per line.
    func write(into out: inout [UInt8], indent: StaticString? = nil, level: Int = 0) {
        switch self {
        case .string(let text): Self.escape(text, into: &out)
        case .int(let number): out += String(number).utf8
        case .double(let number): out += Self.number(number).utf8
        case .bool(let flag): out += (flag ? "true" : "false").utf8
        case .null: out += "null".utf8
        case .array(let items):
            guard !items.isEmpty else { out += "[]".utf8; return }
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(&out, indent, level + 1)
                item.write(into: &out, indent: indent, level: level + 1)
            }
            Self.newline(&out, indent, level)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { out += "{}".utf8; return }
            out.append(UInt8(ascii: "{"))
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(&out, indent, level + 1)
                Self.escape(key, into: &out)
                out += (indent == nil ? ":" : ": ").utf8
                value.write(into: &out, indent: indent, level: level + 1)
            }
            Self.newline(&out, indent, level)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ out: inout [UInt8], _ indent: StaticString?, _ level: Int) {
        guard let indent else { return }
        out.append(UInt8(ascii: "\n"))
        for _ in 0..<level { indent.withUTF8Buffer { out += $0 } }
    }

    /// A finite double in the shortest form that reads back the same; integral values without `.0`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    /// Appends `text` as a JSON string: quotes, backslashes and control characters escaped,
    /// everything else as UTF-8. Byte runs that need no escape are copied whole: appending scalar by
    /// scalar was most of the cost of writing findings, whose lines run to a kilobyte.
    static func escape(_ text: String, into out: inout [UInt8]) {
        var text = text
        out.append(UInt8(ascii: "\""))
        text.withUTF8 { bytes in
            var copied = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let replacement: StaticString?
                var length = 1
                switch byte {
                case 0x22: replacement = "\\\""
                case 0x5C: replacement = "\\\\"
                case 0x0A: replacement = "\\n"
                case 0x0D: replacement = "\\r"
                case 0x09: replacement = "\\t"
                case 0x08: replacement = "\\b"
                case 0x0C: replacement = "\\f"
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0xA8:
                    (replacement, length) = ("\\u2028", 3)
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0xA9:
                    (replacement, length) = ("\\u2029", 3)
                case 0x00..<0x20, 0x7F: replacement = nil
                default:
                    index += 1
                    continue
                }
                out += bytes[copied..<index]
                if let replacement {
                    replacement.withUTF8Buffer { out += $0 }
                } else {
                    let hex = Array("0123456789abcdef".utf8)
                    out += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]  // \u00XX
                }
                index += length
                copied = index
            }
            out += bytes[copied...]
        }
        out.append(UInt8(ascii: "\""))
    }
}
