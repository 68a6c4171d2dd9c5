/// Where a problem is: a file, a line and column in it, an export object, a rule.
///
/// Every field is optional; a location names what is known. Its ``description`` is the
/// conventional `file:line:column` form followed by the object or rule, for messages.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    /// A path: a pack file, an export, an attachment, a plain file.
    public var file: String?
    /// 1-based line.
    public var line: Int?
    /// 1-based column.
    public var column: Int?
    /// An export object id (content id, attachment id) or a content's title.
    public var object: String?
    /// A rule (pattern or object) id.
    public var rule: String?
    /// A byte offset, in a pattern or a text.
    public var offset: Int?

    public init(
        file: String? = nil, line: Int? = nil, column: Int? = nil, object: String? = nil, rule: String? = nil,
        offset: Int? = nil
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.object = object
        self.rule = rule
        self.offset = offset
    }

    public var description: String {
        var pieces: [String] = []
        if let file {
            var head = file
            if let line {
                head += ":\(line)"
                if let column { head += ":\(column)" }
            }
            pieces.append(head)
        }
        if let object { pieces.append("object \(object)") }
        if let rule { pieces.append("rule \(rule)") }
        if let offset { pieces.append("offset \(offset)") }
        return pieces.joined(separator: ", ")
    }
}
