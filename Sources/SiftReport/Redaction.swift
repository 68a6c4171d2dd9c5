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
        // Only the strings that occur in the text (byte for byte) are sorted and replaced: a line is
        // short, and the strings to hide can be every other finding of a file with hundreds.
        var pieces = Set<String>()
        for string in sensitive where !string.isEmpty {
            let lines = string.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).map(String.init)
            if lines.count <= 1 {
                if ByteSearch.contains(string, in: text) { pieces.insert(string) }
            } else {
                for line in lines where line.count >= 4 && ByteSearch.contains(line, in: text) { pieces.insert(line) }
            }
        }
        guard !pieces.isEmpty else { return text }
        var result = text
        for piece in pieces.sorted(by: { ($0.count, $0) > ($1.count, $1) }) where result.contains(piece) {
            result = result.replacing(piece, with: redact(piece))
        }
        return result
    }

    /// The finding's output fields under the plaintext switch: match text, secret and line,
    /// redacted unless `plaintext` is true.
    public static func fields(of record: FindingRecord, plaintext: Bool) -> (matchText: String, secret: String?, line: String) {
        let finding = record.finding
        guard !plaintext else { return (finding.matchText, finding.secret, finding.line) }
        let own = sensitiveString(of: finding)
        let others = finding.evidence.map(\.matchText) + record.alsoRedact
        let all = [own] + others
        let match: String
        if let secret = finding.secret, !secret.isEmpty, secret != finding.matchText, finding.matchText.contains(secret) {
            match = mask(finding.matchText.replacing(secret, with: redact(secret)), hiding: others)
        } else {
            match = redact(finding.matchText)
        }
        return (match, finding.secret.map(redact), mask(finding.line, hiding: all))
    }

    /// The string of a finding that must not leave in plaintext: the secret capture if the rule
    /// has one, else the whole match.
    public static func sensitiveString(of finding: Finding) -> String {
        if let secret = finding.secret, !secret.isEmpty { return secret }
        return finding.matchText
    }
}
