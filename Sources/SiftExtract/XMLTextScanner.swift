import CLibXML2
import SiftCore

/// Streams the elements and text of an XML part held in memory (OOXML and OpenDocument parts)
/// with libxml2's SAX2 parser: no tree is built, text comes in pieces to the caller.
/// No network, no DTD loading, no entity substitution, so a hostile document cannot expand entities
/// or reach anything outside.
final class XMLTextScanner {
    /// Called at each start tag with the local name, the prefix and the attributes (by local name;
    /// valid during the call only).
    var onStart: (_ name: String, _ prefix: String?, _ attributes: SAXAttributes) -> Void = { _, _, _ in }
    var onEnd: (_ name: String, _ prefix: String?) -> Void = { _, _ in }
    var onText: (_ bytes: UnsafeBufferPointer<UInt8>) -> Void = { _ in }
    /// Whether the document was well formed.
    private(set) var wellFormed = true
    private(set) var firstError: String?

    /// Parses `bytes`; callbacks run during the call.
    func parse(_ bytes: [UInt8]) {
        var handler = xmlSAXHandler()
        handler.initialized = 0xDEED_BEAF  // XML_SAX2_MAGIC
        handler.startElementNs = { context, localName, prefix, _, _, _, count, _, attributes in
            guard let context, let localName else { return }
            let scanner = Unmanaged<XMLTextScanner>.fromOpaque(context).takeUnretainedValue()
            // Attributes are read when asked for: a dictionary per element was a third of reading a
            // spreadsheet (every cell is an element with attributes).
            scanner.onStart(String(cString: localName), prefix.map { String(cString: $0) },
                            SAXAttributes(pointers: attributes, count: Int(count)))
        }
        handler.endElementNs = { context, localName, prefix, _ in
            guard let context, let localName else { return }
            let scanner = Unmanaged<XMLTextScanner>.fromOpaque(context).takeUnretainedValue()
            scanner.onEnd(String(cString: localName), prefix.map { String(cString: $0) })
        }
        let text: charactersSAXFunc = { context, bytes, count in
            guard let context, let bytes else { return }
            Unmanaged<XMLTextScanner>.fromOpaque(context).takeUnretainedValue()
                .onText(UnsafeBufferPointer(start: bytes, count: Int(count)))
        }
        handler.characters = text
        handler.cdataBlock = text
        handler.serror = { context, error in
            guard let context, let error else { return }
            let scanner = Unmanaged<XMLTextScanner>.fromOpaque(context).takeUnretainedValue()
            if error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue {
                scanner.wellFormed = false
                if scanner.firstError == nil {
                    scanner.firstError = error.pointee.message.map { String(cString: $0) } ?? "XML error"
                }
            }
        }
        // SAFETY: `self` outlives the parser, which is freed before returning.
        let me = Unmanaged.passUnretained(self).toOpaque()
        guard let context = xmlCreatePushParserCtxt(&handler, me, nil, 0, nil) else {
            wellFormed = false
            return
        }
        defer {
            // In SAX mode libxml2 keeps the DTD's entity declarations in a document of its own
            // (`myDoc`, "SAX compat mode") that xmlFreeParserCtxt does not free: a part with a
            // DOCTYPE leaked it (found by fuzz-attachment).
            if let doc = context.pointee.myDoc {
                xmlFreeDoc(doc)
                context.pointee.myDoc = nil
            }
            xmlFreeParserCtxt(context)
        }
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue | XML_PARSE_NOERROR.rawValue
                                         | XML_PARSE_NOWARNING.rawValue | XML_PARSE_RECOVER.rawValue))
        // A control character or a byte that is not UTF-8 stopped libxml2 there, hiding the rest
        // of the part from the scan. (Parts in UTF-16, which the standards allow and nobody
        // writes, are left to libxml2.)
        var bytes = bytes
        let utf16 = bytes.count >= 2 && (bytes[0] == 0 || bytes[1] == 0 || (bytes[0] == 0xFF && bytes[1] == 0xFE)
                                          || (bytes[0] == 0xFE && bytes[1] == 0xFF))
        if !utf16 { XMLInputRepair.repair(&bytes) }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                var offset = 0
                while offset < chars.count, context.pointee.disableSAX == 0 {
                    let length = min(1 << 20, chars.count - offset)
                    _ = xmlParseChunk(context, chars.baseAddress! + offset, Int32(length), 0)
                    offset += length
                }
            }
            _ = xmlParseChunk(context, nil, 0, 1)
        }
        if context.pointee.wellFormed == 0 { wellFormed = false }
    }
}
