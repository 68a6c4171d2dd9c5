import Foundation

/// Structural checks of secrets: JSON Web Tokens, PEM blocks.
enum Structures {
    /// A JWT: `header.payload.signature`, base64url parts; header and payload decode to JSON objects
    /// and the header names an `alg`.
    static func jwt(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 || parts.count == 5 else { return false }  // JWS or JWE compact form
        guard let header = json(parts[0]), header["alg"] is String else { return false }
        if parts.count == 5 { return true }  // JWE: the payload is encrypted
        return json(parts[1]) != nil
    }

    private static func json(_ part: Substring) -> [String: Any]? {
        guard let bytes = Base64.decode(part), !bytes.isEmpty else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    }

    /// A PEM block: `-----BEGIN X-----`, optional RFC 1421 headers, a base64 body of at least 32
    /// characters, and `-----END X-----` with the same label.
    static func pem(_ text: String) -> Bool {
        // Keys pasted into JSON or code carry escaped line breaks (`\n`) and string concatenation
        // (`"…" +`); undo both before reading the block.
        // Foundation's replacingOccurrences and contains bridged every key to NSString (1 % of a
        // `sift bench` of the Python standard library, whose test keys reach this validator).
        let unescaped = text.utf8.contains(UInt8(ascii: "\\"))
            ? text.replacing("\\r", with: "\n").replacing("\\n", with: "\n") : text
        let lines = unescaped.split(whereSeparator: \.isNewline).map(stripCodeQuoting).filter { !$0.isEmpty }
        guard let first = lines.first, let last = lines.last,
            let begin = label(first, "BEGIN"), let end = label(last, "END"), begin == end
        else { return false }
        var body = ""
        for line in lines.dropFirst().dropLast() where !line.utf8.contains(UInt8(ascii: ":")) {
            body += line
        }
        return body.count >= 32 && Base64.decode(body) != nil
    }

    /// A line without surrounding whitespace, string quotes and a trailing concatenation `+`.
    ///
    /// Trimmed character by character, not with Foundation's `trimmingCharacters(in:)`, which
    /// bridges every line to NSString: 1.5 % of a scan of the Python standard library, whose test
    /// keys and certificates reach this validator. The lines hold no line break, so
    /// `Character.isWhitespace` is exactly the set `.whitespaces` was.
    private static func stripCodeQuoting(_ line: Substring) -> String {
        func trimmed(_ text: Substring, _ drop: (Character) -> Bool) -> Substring {
            var text = text
            while let c = text.first, drop(c) { text.removeFirst() }
            while let c = text.last, drop(c) { text.removeLast() }
            return text
        }
        let space: (Character) -> Bool = { $0.isWhitespace }
        var line = trimmed(line, space)
        if line.hasSuffix("+"), let before = trimmed(line.dropLast(), space).last, before == "\"" || before == "'" {
            line = trimmed(line.dropLast(), space)
        }
        return String(trimmed(trimmed(line) { $0 == "\"" || $0 == "'" || $0 == "," || $0 == " " }, space))
    }

    private static func label(_ line: String, _ word: String) -> String? {
        let prefix = "-----\(word) "
        guard line.hasPrefix(prefix), line.hasSuffix("-----"), line.count > prefix.count + 5 else { return nil }
        return String(line.dropFirst(prefix.count).dropLast(5))
    }
}
