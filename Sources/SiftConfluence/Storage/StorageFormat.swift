import CLibXML2
import SiftCore

/// Turns Confluence storage format (the XHTML-based XML of page bodies) into scannable text with a
/// part map.
///
/// Parsing, as the format's traps require (see the export-format notes): the body is a fragment
/// with several roots, undeclared `ac:`/`ri:`/`at:` prefixes, HTML named entities and CDATA, so it
/// is wrapped in a root that declares the three namespaces, preceded by an internal DTD subset
/// that declares the HTML 4 entities the body references, and parsed as XML with
/// `XML_PARSE_NOENT | XML_PARSE_NONET` (the only entities are Sift's own; nothing is fetched). Not libxml2's HTML parser: it turns CDATA
/// into elements and loses text. If strict parsing fails, `XML_PARSE_RECOVER` is tried and the
/// result flagged as degraded; if that fails too, the raw body is scanned as text.
///
/// Text: block elements are separated by newlines; inline text is joined as a reader sees it; the
/// CDATA of code and noformat macros comes out verbatim as a `code` part (with the macro's language);
/// macro parameters, link targets (`href`, `ri:url`), attachment and page references are parts of
/// their own, each on its own line. Cloud's `ac:adf-fallback` repeats its `ac:adf-node`, so it is
/// skipped when a node is present.
public enum StorageFormat {
    /// The result of converting one body.
    public struct Conversion: Sendable {
        /// Strict parsing failed and libxml2's recovery mode (or the raw text) was used: text may be missing.
        public var degraded: Bool
        /// What went wrong, when something did (with the line and column inside the body).
        public var diagnostics: [Diagnostic]
    }

    static let namespaces = [
        "ac": "http://www.atlassian.com/schema/confluence/4/ac/",
        "ri": "http://www.atlassian.com/schema/confluence/4/ri/",
        "at": "http://www.atlassian.com/schema/confluence/4/at/",
    ]

    /// What precedes the internal subset, what follows it up to the body, and what follows the body.
    private static let documentStart = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE sift [".utf8)
    private static let rootStart = Array(("]><sift xmlns:ac=\"\(namespaces["ac"]!)\" xmlns:ri=\"\(namespaces["ri"]!)\""
                                          + " xmlns:at=\"\(namespaces["at"]!)\">").utf8)
    private static let documentEnd = Array("</sift>".utf8)

    /// Deepest element nesting that is walked; deeper content is still read as text.
    static let maxDepth = 400

    /// Converts `body` and appends its text to `builder`. `location` names the body in diagnostics.
    @discardableResult
    public static func append(
        _ body: String, to builder: inout ExtractedTextBuilder, location: SourceLocation = SourceLocation()
    ) -> Conversion {
        append(body, to: &builder, location: location, declaringEveryEntity: false)
    }

    /// Test hook: the conversion with all 248 HTML entities declared, as every body was converted
    /// before only the referenced ones were; the two must give the same text, parts and diagnostics.
    package static func appendDeclaringEveryEntity(
        _ body: String, to builder: inout ExtractedTextBuilder, location: SourceLocation = SourceLocation()
    ) -> Conversion {
        append(body, to: &builder, location: location, declaringEveryEntity: true)
    }

    private static func append(
        _ body: String, to builder: inout ExtractedTextBuilder, location: SourceLocation, declaringEveryEntity: Bool
    ) -> Conversion {
        var conversion = Conversion(degraded: false, diagnostics: [])
        guard body.contains("<") || body.contains("&") else {
            builder.append(body, as: Part(.paragraph))
            return conversion
        }
        // The document: XML declaration, an internal subset that declares the HTML entities the body
        // uses, a root that declares the prefixes, the body.
        var body = body
        let (document, prefixLength) = body.withUTF8 { bytes in
            let subset = declaringEveryEntity ? Array(HTMLEntities.declarations.utf8) : HTMLEntities.declarations(referencedIn: bytes)
            var document: [UInt8] = []
            document.reserveCapacity(Self.documentStart.count + subset.count + Self.rootStart.count + bytes.count
                                     + Self.documentEnd.count)
            document += Self.documentStart
            document += subset
            document += Self.rootStart
            let prefixLength = document.count
            document.append(contentsOf: bytes)
            document += Self.documentEnd
            return (document, prefixLength)
        }
        let strict = Int32(XML_PARSE_NOENT.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue
                           | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        var errors = ErrorCollector()
        var parsed = parse(document, options: strict, errors: &errors)
        if parsed == nil {
            conversion.degraded = true
            var recovered = ErrorCollector()
            parsed = parse(document, options: strict | Int32(XML_PARSE_RECOVER.rawValue), errors: &recovered)
            let first = errors.messages.first
            conversion.diagnostics.append(Diagnostic(
                .warning, code: "storage-format-recovered",
                "the body is not well-formed XML (\(first?.message ?? "parse error")); "
                    + (parsed == nil ? "its raw text was scanned instead" : "libxml2's recovery mode read what it could"),
                at: withBodyPosition(location, line: first?.line, column: first?.column, prefixLength: prefixLength)))
        }
        guard let doc = parsed else {
            builder.newline()
            builder.append(body, as: Part(.body, "raw"))
            builder.newline()
            return conversion
        }
        defer { xmlFreeDoc(doc) }
        var walker = Walker(builder: builder)
        if let root = xmlDocGetRootElement(doc) {
            walker.children(of: root, part: Part(.paragraph), depth: 0)
        }
        builder = walker.builder
        builder.newline()
        return conversion
    }

    /// Converts one body into its own text.
    public static func text(_ body: String) -> ExtractedText {
        var builder = ExtractedTextBuilder()
        append(body, to: &builder)
        return builder.build()
    }

    private static func parse(_ document: [UInt8], options: Int32, errors: inout ErrorCollector) -> xmlDocPtr? {
        let context = xmlNewParserCtxt()
        defer { xmlFreeParserCtxt(context) }
        guard let context else { return nil }
        // SAFETY: the collector outlives the parse; the handler only appends to it.
        return withUnsafeMutablePointer(to: &errors) { collector in
            xmlSetStructuredErrorFunc(collector, { userData, error in
                guard let userData, let error else { return }
                let collector = userData.assumingMemoryBound(to: ErrorCollector.self)
                collector.pointee.record(error.pointee)
            })
            defer { xmlSetStructuredErrorFunc(nil, nil) }
            let doc = document.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) {
                    xmlCtxtReadMemory(context, $0.baseAddress, Int32($0.count), "storage.xml", "UTF-8", options)
                }
            }
            if let doc, context.pointee.wellFormed == 0, options & Int32(XML_PARSE_RECOVER.rawValue) == 0 {
                xmlFreeDoc(doc)
                return nil
            }
            return doc
        }
    }

    private static func withBodyPosition(
        _ location: SourceLocation, line: Int?, column: Int?, prefixLength: Int
    ) -> SourceLocation {
        var location = location
        location.offset = nil
        if let line { location.line = line }
        if let column, line == 1 { location.column = max(1, column - prefixLength) } else if let column { location.column = column }
        return location
    }

    /// libxml2's errors during one parse.
    struct ErrorCollector {
        var messages: [(message: String, line: Int, column: Int)] = []

        mutating func record(_ error: xmlError) {
            guard messages.count < 20 else { return }
            let message = error.message.map { String(cString: $0).trimmingWhitespace } ?? "XML error \(error.code)"
            messages.append((message, Int(error.line), Int(error.int2)))
        }
    }
}
