import Foundation

/// A check that a match must pass to be reported: a checksum, a structure, a property of the
/// secret's characters. Validators run on the secret (the pattern's `secretGroup`, else the whole
/// match), only for matches, so they cost nothing on text that does not match.
///
/// In a pack, a validator is a name, or a name with a parameter (see docs/pattern-packs.md):
/// `luhn`, `iban`, `ssn-us`, `entropy: 3.5`, `charset: {min-classes: 3}`, `length: {min: 8, max: 64}`,
/// `github-checksum`, `jwt`, `pem`, `base64` or `base64: {min-bytes: 16}`, `hex`, `not-all-same`,
/// `not-sequential`, `has-digit`.
public enum Validator: Sendable, Hashable, CustomStringConvertible {
    /// Luhn mod 10 over the digits (payment cards, Canadian SIN …); separators are ignored.
    case luhn
    /// An IBAN: a known country, that country's length, and mod 97 = 1.
    case iban
    /// A US Social Security number: area not 000, 666 or 9xx; group not 00; serial not 0000.
    case ssnUS
    /// Shannon entropy of the secret, in bits per character, at least this much.
    case entropy(Double)
    /// At least this many of the classes lowercase, uppercase, digit, other occur.
    case charset(minClasses: Int)
    /// The secret's length in characters is within these bounds.
    case length(min: Int?, max: Int?)
    /// The last six characters are the base62 CRC32 of the rest (GitHub and npm tokens).
    case githubChecksum
    /// A JSON Web Token: three base64url parts, header and payload JSON objects, `alg` in the header.
    case jwt
    /// A PEM block: BEGIN and END labels that match and a base64 body.
    case pem
    /// Decodes as base64 (standard or URL-safe, padding optional) to at least this many bytes.
    case base64(minBytes: Int)
    /// Only hexadecimal digits.
    case hex
    /// Not one character repeated (separators — space, `-`, `.`, `/` — aside).
    case notAllSame
    /// Not an ascending or descending run such as `123456789` or `abcdef`.
    case notSequential
    /// At least one ASCII digit and one ASCII letter: random keys almost always mix them, words and
    /// identifiers such as `Rails.application.credentials` do not.
    case hasDigit

    /// The validator's name in packs.
    public var name: String {
        switch self {
        case .luhn: "luhn"
        case .iban: "iban"
        case .ssnUS: "ssn-us"
        case .entropy: "entropy"
        case .charset: "charset"
        case .length: "length"
        case .githubChecksum: "github-checksum"
        case .jwt: "jwt"
        case .pem: "pem"
        case .base64: "base64"
        case .hex: "hex"
        case .notAllSame: "not-all-same"
        case .notSequential: "not-sequential"
        case .hasDigit: "has-digit"
        }
    }

    /// Every validator name, for messages.
    public static let names = [
        "luhn", "iban", "ssn-us", "entropy", "charset", "length", "github-checksum", "jwt", "pem", "base64", "hex",
        "not-all-same", "not-sequential", "has-digit",
    ]

    public var description: String {
        switch self {
        case .entropy(let bits): "entropy: \(bits)"
        case .charset(let classes): "charset: {min-classes: \(classes)}"
        case .length(let min, let max): "length: {min: \(min.map(String.init) ?? "-"), max: \(max.map(String.init) ?? "-")}"
        case .base64(let bytes): "base64: {min-bytes: \(bytes)}"
        default: name
        }
    }

    /// Whether `secret` passes.
    public func validate(_ secret: String) -> Bool {
        switch self {
        case .luhn: Checksums.luhn(secret)
        case .iban: Checksums.iban(secret)
        case .ssnUS: Checksums.ssnUS(secret)
        case .entropy(let bits): Self.shannonEntropy(secret) >= bits
        case .charset(let minClasses): Self.characterClasses(secret) >= minClasses
        case .length(let min, let max):
            secret.count >= (min ?? 0) && secret.count <= (max ?? .max)
        case .githubChecksum: Checksums.githubChecksum(secret)
        case .jwt: Structures.jwt(secret)
        case .pem: Structures.pem(secret)
        case .base64(let minBytes): (Base64.decode(secret)?.count ?? -1) >= minBytes
        case .hex: !secret.isEmpty && secret.unicodeScalars.allSatisfy { $0.properties.isASCIIHexDigit }
        case .notAllSame: Set(secret.filter { !" -./".contains($0) }).count > 1
        case .notSequential: !Self.isSequential(secret)
        case .hasDigit:
            secret.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }
                && secret.utf8.contains { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }
        }
    }

    /// Shannon entropy in bits per character.
    public static func shannonEntropy(_ text: String) -> Double {
        var counts: [Character: Int] = [:]
        var total = 0
        for character in text {
            counts[character, default: 0] += 1
            total += 1
        }
        guard total > 0 else { return 0 }
        var entropy = 0.0
        for count in counts.values {
            let p = Double(count) / Double(total)
            entropy -= p * log2(p)
        }
        return entropy
    }

    static func characterClasses(_ text: String) -> Int {
        var lower = false, upper = false, digit = false, other = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x61...0x7A: lower = true
            case 0x41...0x5A: upper = true
            case 0x30...0x39: digit = true
            default: other = true
            }
        }
        return [lower, upper, digit, other].filter { $0 }.count
    }

    static func isSequential(_ text: String) -> Bool {
        let values = text.unicodeScalars.map { Int($0.value) }
        guard values.count >= 3 else { return false }
        let steps = zip(values.dropFirst(), values).map { $0 - $1 }
        return steps.allSatisfy { $0 == 1 } || steps.allSatisfy { $0 == -1 }
    }
}
