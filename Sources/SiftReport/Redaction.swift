import SiftCore

/// How Sift hides secrets in its outputs when `includePlaintextInExports` is off.
///
/// - A sensitive string keeps a short prefix — 4 characters when it has 12 or more, 2 when it has
///   8 to 11, none when shorter — and every other character becomes `*` (at most 32 of them), so
///   `AKIAIOSFODNN7EXAMPLE` becomes `AKIA****************`. The prefix says what kind of token it
///   is (many tokens start with a fixed tag) without giving the token away; the finding's
///   fingerprint identifies it.
/// - The sensitive string of a finding is its secret capture, or its whole match when the rule
///   has no capture. In the match, only the secret is masked (`password=hu****` keeps `password=`).
/// - In the line (and the SARIF snippet), every occurrence of the finding's sensitive string, of
///   the evidence of an object finding and of the other findings of the same content version is
///   masked. A multi-line secret (a private key) is masked line by line; pieces shorter than 4
///   characters of a multi-line secret are left alone, so as not to mask every `a` of a line.
public enum Redaction {
    /// The redacted form of a sensitive string.
    public static func redact(_ text: String) -> String {
        let characters = Array(text)
        let count = characters.count
        guard count > 0 else { return "" }
        let keep = count >= 12 ? 4 : count >= 8 ? 2 : 0
        let prefix = String(characters[0..<keep]).map { $0.isNewline ? " " : $0 }
        return String(prefix) + String(repeating: "*", count: min(count - keep, 32))
    }

    /// `text` with every occurrence of every sensitive string masked (longest strings first;
    /// multi-line strings line by line).
    public static func mask(_ text: String, hiding sensitive: [String]) -> String {
        mask(text, hidingAll: [sensitive])
    }

    /// ``mask(_:hiding:)`` over several lists, without concatenating them (a finding's list can be
    /// every string of a file with thousands of findings, shared by all of them), and over an
    /// index of one more list.
    static func mask(_ text: String, hidingAll groups: [[String]], indexed: RedactionIndex? = nil) -> String {
        // Only the strings that occur in the text (byte for byte) are sorted and replaced: a line is
        // short, and most strings to hide are elsewhere in the file.
        var pieces = Set<String>()
        indexed?.occurring(in: text, into: &pieces)
        for group in groups {
            for string in group where !string.isEmpty {
                for piece in Self.pieces(of: string) where ByteSearch.contains(piece, in: text) {
                    pieces.insert(piece)
                }
            }
        }
        guard !pieces.isEmpty else { return text }
        var result = text
        // Byte for byte, like the search above: Foundation's and the standard library's
        // Character-wise `contains` and `replacing` were most of the time spent listing findings.
        for piece in pieces.sorted(by: { ($0.count, $0) > ($1.count, $1) }) {
            if let replaced = ByteSearch.replacing(piece, with: redact(piece), in: result) { result = replaced }
        }
        return result
    }

    /// What of a sensitive string is masked: the string, or, when it spans lines, each of its lines
    /// of four characters or more (shorter pieces of a private key would mask every `a` of a line).
    static func pieces(of string: String) -> [String] {
        // Most strings are one line: no splitting into characters.
        guard mayHoldNewline(string) else { return [string] }
        let lines = string.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).map(String.init)
        return lines.count <= 1 ? [string] : lines.filter { $0.count >= 4 }
    }

    /// Whether `string` has a byte of a line break (`\n`, `\r`, VT, FF) or the first byte of one
    /// (U+0085, U+2028, U+2029): `false` means it is certainly one line.
    private static func mayHoldNewline(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { bytes in
            for byte in bytes where byte &- 0x0A <= 3 || byte == 0xC2 || byte == 0xE2 { return true }
            return false
        }
    }

    /// The finding's output fields under the plaintext switch: match text, secret and line,
    /// redacted unless `plaintext` is true.
    public static func fields(of record: FindingRecord, plaintext: Bool) -> (matchText: String, secret: String?, line: String) {
        fields(of: record, plaintext: plaintext, cache: nil)
    }

    /// ``fields(of:plaintext:)`` for an exporter: with `cache`, a content version's list of strings
    /// to hide is indexed once for all its findings.
    static func fields(of record: FindingRecord, plaintext: Bool, cache: RedactionIndex.Cache?)
        -> (matchText: String, secret: String?, line: String)
    {
        let finding = record.finding
        guard !plaintext else { return (finding.matchText, finding.secret, finding.line) }
        let own = sensitiveString(of: finding)
        let evidence = finding.evidence.map(\.matchText)
        // Small lists are searched string by string; long ones through an index.
        let indexed = record.alsoRedact.count > 32
            ? (cache?.index(of: record.alsoRedact) ?? RedactionIndex(record.alsoRedact)) : nil
        let others = indexed == nil ? [evidence, record.alsoRedact] : [evidence]
        let match: String
        if let secret = finding.secret, !secret.isEmpty, secret != finding.matchText, ByteSearch.contains(secret, in: finding.matchText) {
            let masked = ByteSearch.replacing(secret, with: redact(secret), in: finding.matchText) ?? finding.matchText
            match = mask(masked, hidingAll: others, indexed: indexed)
        } else {
            match = redact(finding.matchText)
        }
        return (match, finding.secret.map(redact), mask(finding.line, hidingAll: [[own]] + others, indexed: indexed))
    }

    /// The string of a finding that must not leave in plaintext: the secret capture if the rule
    /// has one, else the whole match.
    public static func sensitiveString(of finding: Finding) -> String {
        if let secret = finding.secret, !secret.isEmpty { return secret }
        return finding.matchText
    }
}
