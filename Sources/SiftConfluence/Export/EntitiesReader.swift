import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SiftCore

/// One `<object>` of entities.xml: its class, id and the properties a reader asked for.
struct ExportObject {
    enum Value {
        /// A scalar (from CDATA, with Confluence's `]] ` escaping undone, or from a text node).
        case text(String)
        /// A reference to another object: its class and id.
        case reference(className: String, id: String)
    }

    var className: String
    var id: String
    /// Line of the `<object>` element in entities.xml.
    var line: Int
    var properties: [String: Value] = [:]
    /// Ids listed in collections, by collection name (only for the collections asked for).
    var collections: [String: [String]] = [:]
    /// Scalars inside `<component>` elements (user credentials), by property name.
    var components: [String: String] = [:]

    func text(_ name: String) -> String? {
        if case .text(let value) = properties[name] { return value }
        return nil
    }

    func reference(_ name: String) -> String? {
        if case .reference(_, let id) = properties[name] { return id }
        return nil
    }

    func int(_ name: String) -> Int? { text(name).flatMap { Int($0.trimmingWhitespace) } }
}

/// Streams the `<object>`s of an entities.xml with libxml2's SAX2 push parser: memory stays flat
/// however large the file (one object is held at a time; unwanted objects and properties are
/// never materialised).
///
/// Why SAX and not xmlTextReader: the reader concatenates a CDATA section that arrives in pieces
/// with `xmlTextConcat`, which is quadratic — a 12 MB body took 45 s; here text is appended to a
/// growing buffer.
///
/// The traps of real exports, handled here: raw C0 control characters (mapped to spaces on the way
/// in, which is safe for UTF-8) and bytes that are not UTF-8 (mapped to `?`, see ``XMLInputRepair``),
/// text nodes over 10 MB (`XML_PARSE_HUGE`), strings with or without
/// CDATA (DC 8 writes short ASCII strings raw), Confluence's `]]` → `]] ` escaping inside CDATA
/// (undone for values that came from CDATA), no XML declaration, malformed XML (libxml2's recovery
/// mode goes on; every error is a diagnostic with its line). No network, no DTD loading, no
/// entity substitution.
final class EntitiesReader {
    /// Which objects and properties to materialise.
    struct Selection {
        /// Classes to read; others are skipped whole.
        var classes: Set<String>
        /// Properties whose text is skipped (the body, in the index pass), by class.
        var skippedProperties: [String: Set<String>] = [:]
        /// Collections whose ids are kept, by class.
        var collections: [String: Set<String>] = [:]
    }

    private let source: ByteSource
    private let file: String
    /// Drops skipped CDATA values before libxml2 sees them (the index pass), when set.
    private var blanker: CDATABlanker?
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var bytesRead = 0

    // Parse state (see the element levels below).
    private var selection = Selection(classes: [])
    private var body: ((ExportObject) throws -> Void)?
    private var thrown: (any Error)?
    private var context: xmlParserCtxtPtr?
    private var level = 0
    private var object: ExportObject?
    /// What the level-3 element (a child of `<object>`) is.
    private var member = Member.none
    private var memberName = ""
    private var referenceClass = ""
    private var capturing = false
    private var buffer: [UInt8] = []
    private var sawCDATA = false

    private enum Member {
        case none, id, scalar, reference, collection, component, skipped
    }

    /// - Parameter blanking: properties whose CDATA values are dropped before libxml2 parses them
    ///   (keeping their line feeds), for a pass that skips them anyway; see ``CDATABlanker`` for
    ///   why its diagnostics' columns may then differ.
    ///   With `capturing`, the values are kept instead and put back when the reader captures the
    ///   property (the body pass): libxml2 parses a few bytes instead of each body.
    init(source: ByteSource, file: String, blanking: [String] = [], capturing: Bool = false) {
        self.source = source
        self.file = file
        blanker = blanking.isEmpty ? nil : CDATABlanker(properties: blanking, capturing: capturing)
    }

    /// Calls `body` for every selected object, in file order. Returns `false` if the XML was not
    /// well formed (diagnostics say where); objects up to and after recoverable errors are delivered.
    @discardableResult
    func forEachObject(_ selection: Selection, _ body: (ExportObject) throws -> Void) throws -> Bool {
        try withoutActuallyEscaping(body) { body in
            self.selection = selection
            self.body = body
            defer {
                self.body = nil
                self.selection = Selection(classes: [])
            }
            return try parse()
        }
    }

    private func parse() throws -> Bool {
        var handler = Self.handler()
        // SAFETY: `self` outlives the parser context, which is freed before this method returns;
        // the callbacks only use the pointers libxml2 passes for the duration of each call.
        let me = Unmanaged.passUnretained(self).toOpaque()
        guard let context = xmlCreatePushParserCtxt(&handler, me, nil, 0, file) else {
            throw ExportReadError(code: "xml-reader", "libxml2 could not create a parser", at: SourceLocation(file: file))
        }
        self.context = context
        defer {
            // In SAX mode libxml2 keeps the DTD's entity declarations in a document of its own
            // (`myDoc`) that xmlFreeParserCtxt does not free: a file with a DOCTYPE leaked it.
            if let doc = context.pointee.myDoc {
                xmlFreeDoc(doc)
                context.pointee.myDoc = nil
            }
            xmlFreeParserCtxt(context)
            self.context = nil
        }
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue | XML_PARSE_RECOVER.rawValue
                                         | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                                         | XML_PARSE_BIG_LINES.rawValue))
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        while thrown == nil {
            let count = chunk.withUnsafeMutableBytes { fill($0) }
            if count <= 0 {
                _ = xmlParseChunk(context, nil, 0, 1)
                break
            }
            chunk.withUnsafeBytes { bytes in
                _ = xmlParseChunk(context, bytes.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(count), 0)
            }
            if context.pointee.disableSAX != 0 && thrown == nil { break }
        }
        if let thrown { throw thrown }
        if let failure = source.failure {
            diagnostics.append(Diagnostic(.error, code: "export-unreadable", "reading stopped: \(failure)",
                                          at: SourceLocation(file: file)))
            return false
        }
        return context.pointee.wellFormed != 0
    }

    // MARK: - SAX events

    /// Element levels: 1 `<hibernate-generic>`, 2 `<object>`, 3 its members (`<id>`, `<property>`,
    /// `<collection>`, `<component>`), 4 a reference's `<id>`, a collection's `<element>` or a
    /// component's `<property>`, 5 an element's `<id>`.
    fileprivate func start(_ name: UnsafePointer<xmlChar>, attributes: SAXAttributes) {
        level += 1
        switch level {
        case 2:
            guard Self.equals(name, "object"), let className = attributes["class"], selection.classes.contains(className) else {
                object = nil
                return
            }
            object = ExportObject(className: className, id: "", line: Int(xmlSAX2GetLineNumber(context)))
        case 3:
            guard let object else { return }
            memberName = attributes["name"] ?? ""
            if Self.equals(name, "id") {
                member = .id
                beginCapture()
            } else if Self.equals(name, "property") {
                if selection.skippedProperties[object.className]?.contains(memberName) == true {
                    member = .skipped
                } else if let referenceClass = attributes["class"] {
                    member = .reference
                    self.referenceClass = referenceClass
                } else {
                    member = .scalar
                    beginCapture()
                }
            } else if Self.equals(name, "collection") {
                member = selection.collections[object.className]?.contains(memberName) == true ? .collection : .skipped
                if member == .collection { self.object?.collections[memberName] = [] }
            } else if Self.equals(name, "component") {
                member = .component
            } else {
                member = .skipped
            }
        case 4:
            guard object != nil else { return }
            if (member == .reference && Self.equals(name, "id")) || (member == .component && Self.equals(name, "property")) {
                if member == .component { referenceClass = attributes["name"] ?? "" }
                beginCapture()
            }
        case 5:
            if object != nil, member == .collection, Self.equals(name, "id") { beginCapture() }
        default:
            break
        }
    }

    /// Whether the NUL-terminated `name` is `literal`, without making a String of it.
    private static func equals(_ name: UnsafePointer<xmlChar>, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        // SAFETY: `name` is NUL-terminated, so comparing stops at its end; `literal` has `count` bytes.
        return memcmp(name, literal.utf8Start, count) == 0 && name[count] == 0
    }

    fileprivate func end() {
        defer { level -= 1 }
        guard object != nil else { return }
        switch level {
        case 2:
            if let finished = object, let body {
                do {
                    try body(finished)
                } catch {
                    thrown = error
                    xmlStopParser(context)
                }
            }
            object = nil
        case 3:
            switch member {
            case .id: object?.id = endCapture().trimmingWhitespace
            case .scalar: object?.properties[memberName] = .text(endCapture())
            default: break
            }
            member = .none
            capturing = false
        case 4:
            if member == .reference, capturing {
                object?.properties[memberName] = .reference(className: referenceClass, id: endCapture().trimmingWhitespace)
            } else if member == .component, capturing {
                object?.components[referenceClass] = endCapture()
            }
        case 5:
            if member == .collection, capturing {
                object?.collections[memberName, default: []].append(endCapture().trimmingWhitespace)
            }
        default:
            break
        }
    }

    fileprivate func text(_ bytes: UnsafePointer<xmlChar>, _ count: Int, cdata: Bool) {
        guard capturing else { return }
        buffer.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
        if cdata { sawCDATA = true }
    }

    private func beginCapture() {
        capturing = true
        buffer.removeAll(keepingCapacity: true)
        sawCDATA = false
    }

    private func endCapture() -> String {
        capturing = false
        if sawCDATA, blanker?.captures == true, let original = blanker!.takeCapture(replacing: buffer) {
            buffer = original
        }
        let bytes = sawCDATA ? Self.unescapeCDATA(buffer) : buffer
        if buffer.count > 1 << 20 { buffer = [] }  // do not keep a huge buffer around
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Confluence writes `]] ` for every `]]` inside CDATA (`GeneralUtil.escapeCDATA`); undo it.
    ///
    /// Leftmost, non-overlapping, as `String.replacingOccurrences(of: "]] ", with: "]]")`. Most values
    /// have no `]] `: they are returned as they are, without a copy.
    static func unescapeCDATA(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 3 else { return bytes }
        return bytes.withUnsafeBufferPointer { source in
            // SAFETY: every pointer stays inside `source` (memchr reads `count - from` bytes from `from`).
            let base = source.baseAddress!
            /// The offset of the next `]] ` at or after `from`.
            func next(from: Int) -> Int? {
                var from = from
                while source.count - from >= 3, let found = memchr(base + from, 0x5D, source.count - from - 2) {
                    let at = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
                    if source[at + 1] == 0x5D, source[at + 2] == 0x20 { return at }
                    from = at + 1
                }
                return nil
            }
            guard var hit = next(from: 0) else { return bytes }
            var out: [UInt8] = []
            out.reserveCapacity(source.count)
            var from = 0
            while true {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: source[from..<(hit + 2)]))
                from = hit + 3
                guard let following = next(from: from) else { break }
                hit = following
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: source[from...]))
            return out
        }
    }

    /// The start of a UTF-8 sequence that the previous chunk cut, or bytes the blanker could not
    /// decide on yet; it begins the next chunk.
    private var carry: [UInt8] = []

    /// Pulls from the source and repairs what XML 1.0 forbids and real exports contain, so that
    /// libxml2 reads on: C0 control characters (other than tab, line feed and carriage return)
    /// become spaces; bytes that are not UTF-8 (Latin-1 text, stray or truncated sequences,
    /// surrogates, U+FFFE/U+FFFF) become `?`, byte for byte. Without the second repair one bad byte
    /// stopped the read there ("Input is not proper UTF-8"): every object after it went unscanned.
    private func fill(_ buffer: UnsafeMutableRawBufferPointer) -> Int {
        let bytes = buffer.bindMemory(to: UInt8.self)
        var count = 0
        var ended = false
        // Loop: a chunk that is all carried-over sequence start must not read as the end.
        while count == 0, !ended {
            let carried = carry.count
            for (i, byte) in carry.enumerated() { bytes[i] = byte }
            carry.removeAll(keepingCapacity: true)
            let read = source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[carried...]))
            if read < 0, carried == 0 { return read }
            ended = read <= 0
            let total = carried + max(read, 0)
            if read > 0 { bytesRead += read }
            let complete = XMLInputRepair.repair(UnsafeMutableBufferPointer(rebasing: bytes[..<total]), atEnd: ended)
            var consumed = complete
            count = complete
            if blanker != nil {
                (count, consumed) = blanker!.filter(UnsafeMutableBufferPointer(rebasing: bytes[..<complete]), atEnd: ended)
            }
            carry.append(contentsOf: bytes[consumed..<total])
        }
        return count
    }

    fileprivate func record(_ error: xmlError) {
        guard diagnostics.count < 100 else { return }
        let message = error.message.map { String(cString: $0).trimmingWhitespace } ?? "XML error \(error.code)"
        let level: Diagnostic.Level = error.level.rawValue >= XML_ERR_ERROR.rawValue ? .error : .warning
        diagnostics.append(Diagnostic(level, code: level == .error ? "xml-malformed" : "xml-warning", message,
                                      at: SourceLocation(file: file, line: Int(error.line), column: Int(error.int2))))
    }

    // MARK: - libxml2 glue

    private static func handler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = 0xDEED_BEAF  // XML_SAX2_MAGIC
        handler.startElementNs = { context, localName, _, _, _, _, attributeCount, _, attributes in
            guard let context, let localName else { return }
            let reader = Unmanaged<EntitiesReader>.fromOpaque(context).takeUnretainedValue()
            reader.start(localName, attributes: SAXAttributes(pointers: attributes, count: Int(attributeCount)))
        }
        handler.endElementNs = { context, _, _, _ in
            guard let context else { return }
            Unmanaged<EntitiesReader>.fromOpaque(context).takeUnretainedValue().end()
        }
        handler.characters = { context, bytes, count in
            guard let context, let bytes else { return }
            Unmanaged<EntitiesReader>.fromOpaque(context).takeUnretainedValue().text(bytes, Int(count), cdata: false)
        }
        handler.cdataBlock = { context, bytes, count in
            guard let context, let bytes else { return }
            Unmanaged<EntitiesReader>.fromOpaque(context).takeUnretainedValue().text(bytes, Int(count), cdata: true)
        }
        handler.serror = { context, error in
            guard let context, let error else { return }
            Unmanaged<EntitiesReader>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
        }
        return handler
    }
}

extension String {
    var trimmingWhitespace: String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
