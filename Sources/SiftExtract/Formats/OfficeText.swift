import Foundation

/// Text of Office Open XML (docx, xlsx, pptx) and OpenDocument (odt, ods, odp) files, as sections:
/// each a piece of text and where it is (`header1`, `Sheet3!C7`, `slide 2 notes` …).
enum OfficeText {
    struct Section {
        var detail: String
        var text: String
    }

    /// Reads a part of the package; `nil` when it is absent.
    typealias Reader = (String) throws -> [UInt8]?

    // MARK: - Word

    static func docx(_ read: Reader, names: [String]) throws -> [Section] {
        var sections: [Section] = []
        let parts: [(String, String)] = [("word/document.xml", "body")]
            + names.filter { $0.hasPrefix("word/header") && $0.hasSuffix(".xml") }.sorted().map { ($0, stem($0)) }
            + names.filter { $0.hasPrefix("word/footer") && $0.hasSuffix(".xml") }.sorted().map { ($0, stem($0)) }
            + [("word/footnotes.xml", "footnotes"), ("word/endnotes.xml", "endnotes"), ("word/comments.xml", "comments")]
        for (name, detail) in parts {
            guard let bytes = try read(name) else { continue }
            let text = wordprocessingText(bytes)
            if !text.isEmpty { sections.append(Section(detail: detail, text: text)) }
        }
        // External link targets (URLs can carry credentials).
        for name in names where name.hasPrefix("word/_rels/") && name.hasSuffix(".rels") {
            if let bytes = try read(name) {
                let targets = externalTargets(bytes)
                if !targets.isEmpty { sections.append(Section(detail: "links", text: targets.joined(separator: "\n"))) }
            }
        }
        return sections
    }

    /// `w:t` (text), `w:delText` (deleted, still in the file), `w:instrText` (field codes); `w:p`
    /// ends a line; `w:tab` and `w:br` as a tab and a line break.
    static func wordprocessingText(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var inText = false
        let scanner = XMLTextScanner()
        scanner.onStart = { name, _, _ in
            switch name {
            case "t", "delText", "instrText": inText = true
            case "tab": out.append(0x09)
            case "br", "cr": out.append(0x0A)
            default: break
            }
        }
        scanner.onEnd = { name, _ in
            switch name {
            case "t", "delText", "instrText": inText = false
            case "p": out.append(0x0A)
            default: break
            }
        }
        scanner.onText = { text in if inText { out.append(contentsOf: text) } }
        scanner.parse(bytes)
        return String(decoding: out, as: UTF8.self).trimmingTrailingNewlines
    }

    // MARK: - Excel

    static func xlsx(_ read: Reader, names: [String]) throws -> [Section] {
        // Shared strings.
        var shared: [String] = []
        if let bytes = try read("xl/sharedStrings.xml") {
            var current: [UInt8] = []
            var inText = false
            var inRuby = false
            let scanner = XMLTextScanner()
            scanner.onStart = { name, _, _ in
                if name == "si" { current = [] }
                if name == "t", !inRuby { inText = true }
                if name == "rPh" { inRuby = true }  // phonetic guides repeat the text
            }
            scanner.onEnd = { name, _ in
                if name == "t" { inText = false }
                if name == "rPh" { inRuby = false }
                if name == "si" { shared.append(String(decoding: current, as: UTF8.self)) }
            }
            scanner.onText = { text in if inText { current.append(contentsOf: text) } }
            scanner.parse(bytes)
        }
        // Sheet names, in workbook order, and the part of each.
        var sheets: [(name: String, relation: String)] = []
        if let bytes = try read("xl/workbook.xml") {
            let scanner = XMLTextScanner()
            scanner.onStart = { name, _, attributes in
                if name == "sheet", let sheetName = attributes["name"] { sheets.append((sheetName, attributes["id"] ?? "")) }
            }
            scanner.parse(bytes)
        }
        var targets: [String: String] = [:]
        if let bytes = try read("xl/_rels/workbook.xml.rels") { targets = relationships(bytes) }
        var sections: [Section] = []
        var seen = Set<String>()
        for (index, sheet) in sheets.enumerated() {
            var part = targets[sheet.relation].map { $0.hasPrefix("/") ? String($0.dropFirst()) : "xl/" + $0 }
                ?? "xl/worksheets/sheet\(index + 1).xml"
            part = part.replacingOccurrences(of: "xl/./", with: "xl/")
            seen.insert(part)
            guard let bytes = try read(part) else { continue }
            sections += cells(bytes, sheet: sheet.name, shared: shared)
        }
        // Sheets the workbook does not list (damaged files) are read too.
        for name in names.sorted() where name.hasPrefix("xl/worksheets/") && name.hasSuffix(".xml") && !seen.contains(name) {
            if let bytes = try read(name) { sections += cells(bytes, sheet: stem(name), shared: shared) }
        }
        return sections
    }

    /// Every non-empty cell of a worksheet, as `Sheet!A1` sections: shared strings, inline strings,
    /// formula results and numbers, and the formulas themselves.
    static func cells(_ bytes: [UInt8], sheet: String, shared: [String]) -> [Section] {
        var sections: [Section] = []
        var reference = ""
        var type = ""
        var value: [UInt8] = []
        var formula: [UInt8] = []
        var capture = 0  // 1 value, 2 inline text, 3 formula
        let scanner = XMLTextScanner()
        scanner.onStart = { name, _, attributes in
            switch name {
            case "c":
                reference = attributes["r"] ?? reference
                type = attributes["t"] ?? ""
                value = []
                formula = []
            case "v": capture = 1
            case "t": if type == "inlineStr" { capture = 2 }
            case "f": capture = 3
            default: break
            }
        }
        scanner.onEnd = { name, _ in
            switch name {
            case "v", "t", "f": capture = 0
            case "c":
                var text = String(decoding: value, as: UTF8.self)
                if type == "s", let index = Int(text.trimmingWhitespace), index >= 0, index < shared.count {
                    text = shared[index]
                }
                if !formula.isEmpty {
                    let source = "=" + String(decoding: formula, as: UTF8.self)
                    text = text.isEmpty ? source : text + "\t" + source
                }
                if !text.isEmpty { sections.append(Section(detail: "\(sheet)!\(reference)", text: text)) }
            default: break
            }
        }
        scanner.onText = { text in
            switch capture {
            case 1, 2: value.append(contentsOf: text)
            case 3: formula.append(contentsOf: text)
            default: break
            }
        }
        scanner.parse(bytes)
        return sections
    }

    // MARK: - PowerPoint

    static func pptx(_ read: Reader, names: [String]) throws -> [Section] {
        var sections: [Section] = []
        let slides = names.filter { $0.hasPrefix("ppt/slides/slide") && $0.hasSuffix(".xml") }.sorted(by: numeric)
        var slideNumber: [String: Int] = [:]
        for name in slides {
            let number = Int(stem(name).dropFirst("slide".count)) ?? 0
            slideNumber["slide\(number).xml"] = number
            if let bytes = try read(name) {
                let text = drawingText(bytes)
                if !text.isEmpty { sections.append(Section(detail: "slide \(number)", text: text)) }
            }
        }
        for name in names.filter({ $0.hasPrefix("ppt/notesSlides/notesSlide") && $0.hasSuffix(".xml") }).sorted(by: numeric) {
            guard let bytes = try read(name) else { continue }
            // The notes' relationships name their slide; the file number is the fallback.
            var number = Int(stem(name).dropFirst("notesSlide".count)) ?? 0
            let rels = "ppt/notesSlides/_rels/" + name.split(separator: "/").last! + ".rels"
            if let relBytes = try read(rels) {
                for target in relationships(relBytes).values {
                    if let slide = target.split(separator: "/").last, let n = slideNumber[String(slide)] { number = n }
                }
            }
            let text = drawingText(bytes)
            if !text.isEmpty { sections.append(Section(detail: "slide \(number) notes", text: text)) }
        }
        return sections
    }

    /// DrawingML text: `a:t` runs, `a:p` paragraphs, `a:br` breaks.
    static func drawingText(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var inText = false
        let scanner = XMLTextScanner()
        scanner.onStart = { name, _, _ in
            if name == "t" { inText = true }
            if name == "br" { out.append(0x0A) }
        }
        scanner.onEnd = { name, _ in
            if name == "t" { inText = false }
            if name == "p" { out.append(0x0A) }
        }
        scanner.onText = { text in if inText { out.append(contentsOf: text) } }
        scanner.parse(bytes)
        return String(decoding: out, as: UTF8.self).trimmingTrailingNewlines
    }

    // MARK: - OpenDocument

    static func openDocument(_ read: Reader, kind: DetectedType) throws -> [Section] {
        var sections: [Section] = []
        if let bytes = try read("content.xml") {
            sections += kind == .ods ? spreadsheetCells(bytes) : openDocumentText(bytes, kind: kind)
        }
        if let bytes = try read("styles.xml") {
            // Headers and footers of text documents live in the styles.
            let text = openDocumentText(bytes, kind: .odt).map(\.text).joined(separator: "\n")
            if !text.isEmpty { sections.append(Section(detail: "headers and footers", text: text)) }
        }
        return sections
    }

    /// Paragraphs and headings; for presentations, one section per slide (`draw:page`).
    static func openDocumentText(_ bytes: [UInt8], kind: DetectedType) -> [Section] {
        var sections: [Section] = []
        var out: [UInt8] = []
        var depth = 0  // inside text:p / text:h
        var slide = 0
        let scanner = XMLTextScanner()
        scanner.onStart = { name, prefix, attributes in
            switch (prefix, name) {
            case ("text", "p"), ("text", "h"): depth += 1
            case ("text", "s"): out.append(contentsOf: Array(repeating: 0x20, count: Int(attributes["c"] ?? "1") ?? 1))
            case ("text", "tab"): out.append(0x09)
            case ("text", "line-break"): out.append(0x0A)
            case ("draw", "page"):
                if kind == .odp {
                    if !out.isEmpty { sections.append(Section(detail: slide == 0 ? "body" : "slide \(slide)", text: String(decoding: out, as: UTF8.self))) }
                    out = []
                    slide += 1
                }
            default: break
            }
        }
        scanner.onEnd = { name, prefix in
            if prefix == "text", name == "p" || name == "h" {
                depth -= 1
                out.append(0x0A)
            }
        }
        scanner.onText = { text in if depth > 0 { out.append(contentsOf: text) } }
        scanner.parse(bytes)
        let text = String(decoding: out, as: UTF8.self).trimmingTrailingNewlines
        if !text.isEmpty { sections.append(Section(detail: slide == 0 ? "body" : "slide \(slide)", text: text)) }
        return sections
    }

    /// OpenDocument spreadsheet cells as `Sheet!A1` sections (repeated rows and columns counted).
    static func spreadsheetCells(_ bytes: [UInt8]) -> [Section] {
        var sections: [Section] = []
        var table = ""
        var row = 0
        var column = 0
        var repeatColumns = 1
        var cell: [UInt8] = []
        var inCell = false
        var inParagraph = 0
        let scanner = XMLTextScanner()
        scanner.onStart = { name, prefix, attributes in
            switch (prefix, name) {
            case ("table", "table"):
                table = attributes["name"] ?? "Sheet"
                row = 0
            case ("table", "table-row"):
                row += 1
                column = 0
            case ("table", "table-cell"), ("table", "covered-table-cell"):
                inCell = true
                cell = []
                repeatColumns = Int(attributes["number-columns-repeated"] ?? "1") ?? 1
            case ("text", "p"):
                if inParagraph > 0 || !cell.isEmpty { cell.append(0x0A) }
                inParagraph += 1
            default: break
            }
        }
        scanner.onEnd = { name, prefix in
            switch (prefix, name) {
            case ("table", "table-cell"), ("table", "covered-table-cell"):
                if !cell.isEmpty {
                    sections.append(Section(detail: "\(table)!\(columnName(column))\(row)", text: String(decoding: cell, as: UTF8.self)))
                }
                column += max(1, min(repeatColumns, 16_384))
                inCell = false
            case ("text", "p"):
                inParagraph -= 1
            default: break
            }
        }
        scanner.onText = { text in if inCell, inParagraph > 0 { cell.append(contentsOf: text) } }
        scanner.parse(bytes)
        return sections
    }

    // MARK: - Helpers

    /// `Id → Target` of a relationships part.
    static func relationships(_ bytes: [UInt8]) -> [String: String] {
        var out: [String: String] = [:]
        let scanner = XMLTextScanner()
        scanner.onStart = { name, _, attributes in
            if name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] { out[id] = target }
        }
        scanner.parse(bytes)
        return out
    }

    /// Targets of external relationships (hyperlinks), which can hold credentials.
    static func externalTargets(_ bytes: [UInt8]) -> [String] {
        var out: [String] = []
        let scanner = XMLTextScanner()
        scanner.onStart = { name, _, attributes in
            if name == "Relationship", attributes["TargetMode"] == "External", let target = attributes["Target"] {
                out.append(target)
            }
        }
        scanner.parse(bytes)
        return out
    }

    /// `A`, `B` … `Z`, `AA` … for a 0-based column.
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var name = ""
        while n > 0 {
            let remainder = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// `word/header1.xml` → `header1`.
    static func stem(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return file.hasSuffix(".xml") ? String(file.dropLast(4)) : file
    }

    /// Orders `slide2.xml` before `slide10.xml`.
    static func numeric(_ a: String, _ b: String) -> Bool {
        let na = Int(stem(a).filter(\.isNumber)) ?? 0
        let nb = Int(stem(b).filter(\.isNumber)) ?? 0
        return na != nb ? na < nb : a < b
    }
}

extension String {
    var trimmingWhitespace: String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    var trimmingTrailingNewlines: String {
        var text = Substring(self)
        while text.last == "\n" { text.removeLast() }
        return String(text)
    }
}
