/// Where inside a content version a piece of text sits: its title, a paragraph, a code macro, a
/// macro parameter, a link, a table cell, a cell of a spreadsheet attachment …
///
/// A part has a ``kind`` and an optional ``detail`` (the code macro's language, the parameter's
/// name, the sheet and cell). Its ``description`` is the stable string written to outputs:
/// `kind` or `kind:detail`, for example `code:python`, `macro-parameter:url`, `cell:Sheet3!C7`.
public struct Part: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The kind of part. Well-known kinds are static members of ``PartKind``.
    public var kind: PartKind
    /// A refinement of the kind, such as a language, a parameter name or a page number.
    public var detail: String?

    public init(_ kind: PartKind, _ detail: String? = nil) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String {
        guard let detail, !detail.isEmpty else { return kind.rawValue }
        return "\(kind.rawValue):\(detail)"
    }

    /// Parses the ``description`` form back into a part.
    public init(parsing text: String) {
        if let colon = text.firstIndex(of: ":") {
            self.init(PartKind(rawValue: String(text[..<colon])), String(text[text.index(after: colon)...]))
        } else {
            self.init(PartKind(rawValue: text))
        }
    }
}

/// The kind of a ``Part``. Extensible: readers may introduce kinds of their own.
public struct PartKind: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let title = PartKind(rawValue: "title")
    public static let paragraph = PartKind(rawValue: "paragraph")
    public static let heading = PartKind(rawValue: "heading")
    public static let listItem = PartKind(rawValue: "list-item")
    public static let tableCell = PartKind(rawValue: "table-cell")
    /// The body of a code or noformat macro; the detail is the language when known.
    public static let code = PartKind(rawValue: "code")
    /// A macro parameter; the detail is the parameter's name.
    public static let macroParameter = PartKind(rawValue: "macro-parameter")
    /// A link target (`href`, `ri:url`); the detail is the attribute.
    public static let link = PartKind(rawValue: "link")
    /// A reference to an attachment, page or image by name.
    public static let reference = PartKind(rawValue: "reference")
    /// Text that is not storage format: wiki markup, raw bodies, JSON, mail.
    public static let body = PartKind(rawValue: "body")
    /// A property of an export object (a Bandana value, a user's credential, a content property).
    public static let property = PartKind(rawValue: "property")
    /// Text extracted from an attachment; the detail says where (page, sheet!cell, slide, path).
    public static let attachmentBody = PartKind(rawValue: "attachment")
    /// A label on a content.
    public static let label = PartKind(rawValue: "label")

    public var description: String { rawValue }
}
