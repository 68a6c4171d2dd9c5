import CLibXML2
import SiftCore

extension StorageFormat {
    /// Walks a parsed storage-format tree and writes its text into a builder.
    struct Walker {
        var builder: ExtractedTextBuilder

        private static let blocks: Set<String> = [
            "p", "div", "pre", "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr", "dl", "dt", "dd",
            "section", "article", "header", "footer", "figure", "figcaption", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
            "layout", "layout-section", "layout-cell", "task-list", "task", "caption", "center",
        ]

        mutating func children(of node: xmlNodePtr, part: Part, depth: Int) {
            var child = node.pointee.children
            while let current = child {
                visit(current, part: part, depth: depth + 1)
                child = current.pointee.next
            }
        }

        private mutating func visit(_ node: xmlNodePtr, part: Part, depth: Int) {
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content { builder.append(Self.bytes(content), as: part) }
            case XML_ENTITY_REF_NODE:
                // Entities are substituted (NOENT); an unsubstituted reference contributes its children.
                children(of: node, part: part, depth: depth)
            case XML_ELEMENT_NODE:
                guard depth < StorageFormat.maxDepth else {
                    if let text = xmlNodeGetContent(node) {
                        builder.append(Self.bytes(text), as: part)
                        sift_xml_free(text)
                    }
                    return
                }
                element(node, part: part, depth: depth)
            default:
                break
            }
        }

        private mutating func element(_ node: xmlNodePtr, part: Part, depth: Int) {
            let name = Self.localName(node)
            let prefix = Self.prefix(node)
            switch (prefix, name) {
            case ("ac", "structured-macro"), ("ac", "macro"):
                macro(node, depth: depth)
            case ("ac", "parameter"), ("ac", "default-parameter"):
                // Outside a macro's own handling (rare): a parameter of unknown name.
                line(Self.text(of: node), as: Part(.macroParameter, Self.attribute(node, "ac", "name") ?? ""))
            case ("ac", "link"):
                link(node, part: part, depth: depth)
            case ("ac", "image"):
                for child in Self.elementChildren(node) { reference(child) }
                if let alt = Self.attribute(node, "ac", "alt") { line(alt, as: Part(.reference, "image-alt")) }
            case ("ri", _):
                reference(node)
            case ("ac", "adf-extension"):
                let kids = Self.elementChildren(node)
                let hasNode = kids.contains { Self.localName($0) == "adf-node" }
                for child in kids where !(hasNode && Self.localName(child) == "adf-fallback") {
                    visit(child, part: part, depth: depth + 1)
                }
            case ("ac", "adf-attribute"):
                // ADF node attributes (panel type, layout) are not text a reader sees.
                break
            case ("ac", "task-id"), ("ac", "task-status"), ("ac", "emoticon"), ("ac", "task-uuid"):
                break
            case ("at", "var"):
                break
            case (nil, "br"):
                builder.newline()
            case (nil, "a"):
                children(of: node, part: part, depth: depth)
                if let href = Self.attribute(node, nil, "href") { line(href, as: Part(.link, "href")) }
            case (nil, "img"):
                if let source = Self.attribute(node, nil, "src") { line(source, as: Part(.link, "src")) }
                if let alt = Self.attribute(node, nil, "alt") { line(alt, as: Part(.reference, "image-alt")) }
            case (nil, "td"), (nil, "th"):
                builder.space()
                children(of: node, part: Part(.tableCell), depth: depth)
                builder.append("\t", as: Part(.tableCell))
            case (nil, let heading) where heading.count == 2 && heading.hasPrefix("h") && heading.last!.isNumber:
                builder.newline()
                children(of: node, part: Part(.heading), depth: depth)
                builder.newline()
            case (nil, "li"):
                builder.newline()
                children(of: node, part: Part(.listItem), depth: depth)
                builder.newline()
            default:
                let block = Self.blocks.contains(name)
                if block { builder.newline() }
                children(of: node, part: part, depth: depth)
                if block { builder.newline() }
            }
        }

        /// A macro: its parameters (each its own part), its plain-text body (code, verbatim), its
        /// rich-text body (walked like the page).
        private mutating func macro(_ node: xmlNodePtr, depth: Int) {
            let macroName = Self.attribute(node, "ac", "name") ?? "macro"
            let kids = Self.elementChildren(node)
            var language: String?
            builder.newline()
            for child in kids where Self.localName(child) == "parameter" || Self.localName(child) == "default-parameter" {
                let parameter = Self.attribute(child, "ac", "name") ?? ""
                let value = Self.text(of: child)
                if parameter == "language" { language = value.trimmingWhitespace.lowercased() }
                line(value, as: Part(.macroParameter, parameter.isEmpty ? macroName : "\(macroName).\(parameter)"))
            }
            for child in kids {
                switch Self.localName(child) {
                case "parameter", "default-parameter":
                    continue
                case "plain-text-body":
                    let kind: Part
                    switch macroName {
                    case "code": kind = Part(.code, language ?? "")
                    case "noformat": kind = Part(.code, "noformat")
                    default: kind = Part(.code, macroName)
                    }
                    builder.newline()
                    builder.append(Self.text(of: child), as: kind)
                    builder.newline()
                case "rich-text-body":
                    children(of: child, part: Part(.paragraph), depth: depth + 1)
                    builder.newline()
                default:
                    visit(child, part: Part(.paragraph), depth: depth + 1)
                }
            }
            builder.newline()
        }

        /// `ac:link`: the resource it points to, then its body.
        private mutating func link(_ node: xmlNodePtr, part: Part, depth: Int) {
            for child in Self.elementChildren(node) {
                switch (Self.prefix(child), Self.localName(child)) {
                case ("ri", _):
                    reference(child)
                case (_, "link-body"), (_, "plain-text-link-body"):
                    children(of: child, part: part, depth: depth + 1)
                default:
                    visit(child, part: part, depth: depth + 1)
                }
            }
        }

        /// `ri:` resource identifiers: URLs, attachment file names, page titles, users.
        private mutating func reference(_ node: xmlNodePtr) {
            guard Self.prefix(node) == "ri" else { return }
            switch Self.localName(node) {
            case "url":
                if let value = Self.attribute(node, "ri", "value") { line(value, as: Part(.link, "ri:url")) }
            case "attachment":
                if let file = Self.attribute(node, "ri", "filename") { line(file, as: Part(.reference, "attachment")) }
            case "page", "blog-post":
                if let title = Self.attribute(node, "ri", "content-title") { line(title, as: Part(.reference, "page")) }
            case "user":
                let user = Self.attribute(node, "ri", "username") ?? Self.attribute(node, "ri", "userkey")
                    ?? Self.attribute(node, "ri", "account-id")
                if let user { line(user, as: Part(.reference, "user")) }
            default:
                break
            }
            for child in Self.elementChildren(node) { reference(child) }
        }

        /// Appends `text` as its own line.
        private mutating func line(_ text: String, as part: Part) {
            guard !text.isEmpty else { return }
            builder.newline()
            builder.append(text, as: part)
            builder.newline()
        }

        // MARK: - libxml2 helpers

        static func localName(_ node: xmlNodePtr) -> String {
            node.pointee.name.map { String(cString: $0) } ?? ""
        }

        static func prefix(_ node: xmlNodePtr) -> String? {
            node.pointee.ns?.pointee.prefix.map { String(cString: $0) }
        }

        static func elementChildren(_ node: xmlNodePtr) -> [xmlNodePtr] {
            var out: [xmlNodePtr] = []
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE { out.append(current) }
                child = current.pointee.next
            }
            return out
        }

        /// The attribute `prefix:name` (or unprefixed `name`), by namespace prefix.
        static func attribute(_ node: xmlNodePtr, _ prefix: String?, _ name: String) -> String? {
            var attribute = node.pointee.properties
            while let current = attribute {
                let local = current.pointee.name.map { String(cString: $0) } ?? ""
                let attributePrefix = current.pointee.ns?.pointee.prefix.map { String(cString: $0) }
                if local == name, attributePrefix == prefix {
                    guard let value = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1) else { return "" }
                    defer { sift_xml_free(value) }
                    return String(cString: value)
                }
                attribute = current.pointee.next
            }
            return nil
        }

        /// All text under `node`, CDATA included.
        static func text(of node: xmlNodePtr) -> String {
            guard let content = xmlNodeGetContent(node) else { return "" }
            defer { sift_xml_free(content) }
            return String(cString: content)
        }

        static func bytes(_ pointer: UnsafePointer<xmlChar>) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(start: pointer, count: Int(strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))))
        }
    }
}
