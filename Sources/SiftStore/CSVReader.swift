import SiftCore

/// A strict RFC 4180 reader that remembers where every field starts, so that a bad file can be
/// rejected with the line and column of the problem.
///
/// Accepts UTF-8 (a leading byte-order mark is skipped), `,` separators, `"` quoting with `""`
/// for a quote, and LF or CRLF line ends (also inside quoted fields). Lines and columns are
/// 1-based; columns count Unicode scalars.
struct CSVReader {
    struct Field: Hashable {
        var value: String
        var line: Int
        var column: Int
    }

    struct Record: Hashable {
        var fields: [Field]
        /// The line the record starts on.
        var line: Int
    }

    static func read(_ input: [UInt8], file: String?) throws(StoreError) -> [Record] {
        var bytes = input[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let text = try decode(bytes, file: file)
        var records: [Record] = []
        var fields: [Field] = []
        var value = String.UnicodeScalarView()
        var line = 1
        var column = 1
        var fieldLine = 1
        var fieldColumn = 1
        var recordLine = 1
        var quoted = false
        var inQuotes = false
        var afterClosingQuote = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func fail(_ message: String, _ line: Int, _ column: Int) -> StoreError {
            StoreError(code: "csv-invalid", message, at: SourceLocation(file: file, line: line, column: column))
        }

        func endField() {
            fields.append(Field(value: String(value), line: fieldLine, column: fieldColumn))
            value = String.UnicodeScalarView()
            quoted = false
            afterClosingQuote = false
        }

        while let scalar = pending ?? scalars.next() {
            pending = nil
            if inQuotes {
                if scalar == "\"" {
                    let next = scalars.next()
                    if next == "\"" {
                        value.append("\"")
                        column += 2
                        continue
                    }
                    inQuotes = false
                    afterClosingQuote = true
                    column += 1
                    pending = next
                    continue
                }
                value.append(scalar)
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                continue
            }
            switch scalar {
            case ",":
                endField()
                column += 1
                fieldLine = line
                fieldColumn = column
            case "\r":
                let next = scalars.next()
                guard next == "\n" else {
                    throw fail("a carriage return must be followed by a line feed", line, column)
                }
                fallthrough
            case "\n":
                endField()
                let isBlank = fields.count == 1 && fields[0].value.isEmpty && !quoted
                if !isBlank { records.append(Record(fields: fields, line: recordLine)) }
                fields = []
                line += 1
                column = 1
                fieldLine = line
                fieldColumn = 1
                recordLine = line
            case "\"":
                guard value.isEmpty, !quoted, !afterClosingQuote else {
                    throw fail("a quote inside an unquoted field (quote the whole field and double the quote)", line, column)
                }
                quoted = true
                inQuotes = true
                column += 1
            default:
                if afterClosingQuote {
                    throw fail("text after the closing quote of a field (expected a comma or the end of the line)", line, column)
                }
                value.append(scalar)
                column += 1
            }
        }
        if inQuotes {
            throw fail("a quoted field is not closed before the end of the file", fieldLine, fieldColumn)
        }
        if !value.isEmpty || !fields.isEmpty || quoted {
            endField()
            records.append(Record(fields: fields, line: recordLine))
        }
        return records
    }

    /// The text of `bytes`, or an error at the line and column of the first byte that is not UTF-8.
    private static func decode(_ bytes: ArraySlice<UInt8>, file: String?) throws(StoreError) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        let bad = firstInvalidByte(bytes) ?? bytes.startIndex
        var line = 1
        var column = 1
        for index in bytes.startIndex..<bad {
            if bytes[index] == 0x0A {
                line += 1
                column = 1
            } else if bytes[index] & 0xC0 != 0x80 {
                column += 1
            }
        }
        throw StoreError(
            code: "csv-invalid", "the file is not valid UTF-8", at: SourceLocation(file: file, line: line, column: column))
    }

    /// The index of the first byte of the first ill-formed UTF-8 sequence.
    private static func firstInvalidByte(_ bytes: ArraySlice<UInt8>) -> Int? {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return index
            }
            for offset in 1..<max(length, 1) {
                let position = index + offset
                guard position < bytes.endIndex else { return index }
                let byte = bytes[position]
                let (min, max) = offset == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
                guard byte >= min, byte <= max else { return index }
            }
            index += length
        }
        return nil
    }
}
