import Foundation

/// Deterministic wiki-like text: technical prose, runbooks, code in several languages, config
/// files, logs and tables, with fake secrets and PII planted at a controlled density.
///
/// Every planted value is recorded in ``Planted`` (the ground truth), so a benchmark can measure
/// recall as well as speed. All secrets are fake: random bodies with real prefixes and formats.
public struct TextCorpus {
    /// One planted value: its kind (a stable name such as `aws-access-key-id`), the value, and where
    /// it sits in the document that holds it.
    public struct Planted: Sendable, Hashable {
        public var kind: String
        public var value: String
        public var document: Int
        public var offset: Int
    }

    public private(set) var planted: [Planted] = []
    private var random: SplitMix64
    /// Expected planted values per MiB of text.
    public var secretsPerMiB: Double

    public init(seed: UInt64 = 42, secretsPerMiB: Double = 40) {
        random = SplitMix64(seed: seed)
        self.secretsPerMiB = secretsPerMiB
    }

    /// Documents of 1–64 KiB until `totalBytes` is reached.
    public mutating func documents(totalBytes: Int) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var total = 0
        while total < totalBytes {
            let size = min(random.chance(0.7) ? random.int(1024...12_288) : random.int(12_288...65_536), totalBytes - total + 64)
            let document = self.document(index: out.count, size: size)
            total += document.count
            out.append(document)
        }
        return out
    }

    /// One document of about `size` bytes.
    public mutating func document(index: Int, size: Int) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(size + 512)
        let plantChance = secretsPerMiB / 1_048_576 * 400  // per ~400-byte block
        while text.count < size {
            switch random.int(0...9) {
            case 0...3: prose(&text)
            case 4, 5: code(&text)
            case 6: config(&text)
            case 7: logs(&text)
            case 8: table(&text)
            default: runbook(&text)
            }
            if random.chance(plantChance) { plant(&text, document: index) }
            text.append(0x0A)
        }
        return text
    }

    // MARK: - Prose and structure

    private static let words: [String] = """
        the of and to in is for that on with as this are be by it from or at an service deploy cluster \
        database backup restore config team page release version update install run server client request \
        response error timeout retry queue worker job schedule monitor alert metric dashboard latency \
        throughput incident postmortem owner review approve merge branch build pipeline artifact registry \
        image container pod node region zone network firewall proxy gateway endpoint token session user \
        account role permission policy access key secret vault rotate expire certificate tls domain dns \
        cache index search storage bucket object file upload download archive log trace span event stream \
        topic consumer producer partition replica leader follower migrate schema table column query \
        transaction commit rollback lock latency capacity quota limit budget cost plan sprint ticket \
        customer partner vendor contract invoice payment billing report export import sync integration \
        webhook callback api sdk library module package dependency upgrade patch fix bug feature flag \
        experiment rollout canary staging production development test environment variable default \
        option setting parameter argument value field record entry item list map set array string number
        """.split(separator: " ").map(String.init)

    private mutating func sentence(_ text: inout [UInt8]) {
        let count = random.int(6...18)
        for i in 0..<count {
            var word = random.pick(Self.words)
            if i == 0 { word = word.prefix(1).uppercased() + word.dropFirst() }
            text += Array(word.utf8)
            if random.chance(0.04) { text += Array(" \(random.int(1...2048))".utf8) }
            text.append(i == count - 1 ? UInt8(ascii: ".") : (random.chance(0.08) ? UInt8(ascii: ",") : 0x20))
            if i < count - 1, text.last == UInt8(ascii: ",") { text.append(0x20) }
        }
        text.append(0x20)
    }

    private mutating func prose(_ text: inout [UInt8]) {
        for _ in 0..<random.int(2...6) { sentence(&text) }
        text.append(0x0A)
    }

    /// A page title of two to five capitalised words.
    public mutating func title() -> String {
        (0..<random.int(2...5)).map { _ in
            let word = random.pick(Self.words)
            return word.prefix(1).uppercased() + word.dropFirst()
        }.joined(separator: " ")
    }

    /// A snake_case identifier.
    public mutating func identifier() -> String {
        random.pick(Self.words) + (random.chance(0.5) ? "_" + random.pick(Self.words) : "")
    }

    private mutating func code(_ text: inout [UInt8]) {
        let lines: [String]
        switch random.int(0...4) {
        case 0:
            let name = identifier()
            lines = [
                "def \(name)(\(identifier()), \(identifier())=None):", "    \"\"\"Return the \(identifier()).\"\"\"",
                "    result = \(identifier())(\(identifier()), timeout=\(random.int(1...120)))",
                "    if result is None:", "        raise ValueError(\"\(random.pick(Self.words)) failed\")",
                "    return result",
            ]
        case 1:
            lines = [
                "public final class \(identifier().capitalized.replacingOccurrences(of: "_", with: "")) {",
                "    private static final int LIMIT = \(random.int(10...10_000));",
                "    public String \(identifier())(String input) {", "        return input.trim().toLowerCase();",
                "    }", "}",
            ]
        case 2:
            lines = [
                "#!/bin/bash", "set -euo pipefail", "export \(identifier().uppercased())=\(random.pick(Self.words))",
                "kubectl -n \(random.pick(Self.words)) rollout restart deployment/\(random.pick(Self.words))",
                "curl -fsS https://\(random.pick(Self.words)).example.com/api/v\(random.int(1...3))/health",
            ]
        case 3:
            lines = [
                "SELECT id, \(identifier()), created_at FROM \(identifier()) WHERE status = 'active'",
                "  AND updated_at > NOW() - INTERVAL '\(random.int(1...30)) days' ORDER BY id LIMIT \(random.int(10...500));",
            ]
        default:
            lines = [
                "{", "  \"\(identifier())\": \"\(random.pick(Self.words))\",", "  \"replicas\": \(random.int(1...9)),",
                "  \"enabled\": \(random.chance(0.5)),", "  \"tags\": [\"\(random.pick(Self.words))\", \"\(random.pick(Self.words))\"]", "}",
            ]
        }
        for line in lines { text += Array(line.utf8) + [0x0A] }
    }

    private mutating func config(_ text: inout [UInt8]) {
        for _ in 0..<random.int(3...8) {
            let key = identifier()
            let value: String
            switch random.int(0...4) {
            case 0: value = "\(random.int(1...65_535))"
            case 1: value = random.pick(Self.words)
            case 2: value = "https://\(random.pick(Self.words)).internal.example.com:\(random.int(1000...9999))"
            case 3: value = random.chance(0.5) ? "true" : "false"
            default: value = "${\(key.uppercased())}"
            }
            text += Array((random.chance(0.5) ? "\(key): \(value)" : "\(key)=\(value)").utf8) + [0x0A]
        }
    }

    private mutating func logs(_ text: inout [UInt8]) {
        for _ in 0..<random.int(3...10) {
            let line = "2024-\(pad(random.int(1...12)))-\(pad(random.int(1...28)))T\(pad(random.int(0...23))):\(pad(random.int(0...59))):\(pad(random.int(0...59))).\(random.int(100...999))Z "
                + random.pick(["INFO", "WARN", "ERROR", "DEBUG"]) + " [\(random.pick(Self.words))-\(random.int(1...64))] "
                + "request_id=\(random.string(Alphabet.hex, count: 8))-\(random.string(Alphabet.hex, count: 4)) "
                + "\(random.pick(Self.words)) \(random.pick(Self.words)) in \(random.int(1...5000))ms from 10.\(random.int(0...255)).\(random.int(0...255)).\(random.int(1...254))"
            text += Array(line.utf8) + [0x0A]
        }
    }

    private func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    private mutating func table(_ text: inout [UInt8]) {
        for _ in 0..<random.int(2...6) {
            text += Array("| \(random.pick(Self.words)) | \(random.int(0...9999)) | \(random.pick(Self.words)) \(random.pick(Self.words)) | \(random.chance(0.5) ? "yes" : "no") |".utf8) + [0x0A]
        }
    }

    private mutating func runbook(_ text: inout [UInt8]) {
        for step in 1...random.int(2...5) {
            text += Array("\(step). \(random.pick(Self.words).capitalized) the \(random.pick(Self.words)) \(random.pick(Self.words)) on \(random.pick(Self.words))-\(random.int(1...20)).".utf8) + [0x0A]
        }
    }

    // MARK: - Planted secrets

    private mutating func plant(_ text: inout [UInt8], document: Int) {
        let (kind, value, line) = secret()
        let offset = text.count
        text += Array(line.utf8) + [0x0A]
        if let range = line.range(of: value) {
            planted.append(Planted(kind: kind, value: value, document: document,
                                   offset: offset + line.utf8.distance(from: line.startIndex, to: range.lowerBound)))
        }
    }

    private mutating func luhnNumber(prefix: String, length: Int) -> String {
        var digits = Array(prefix).map { Int(String($0))! }
        while digits.count < length - 1 { digits.append(random.int(0...9)) }
        var sum = 0
        for (i, d) in digits.reversed().enumerated() {
            let v = i % 2 == 0 ? d * 2 : d
            sum += v > 9 ? v - 9 : v
        }
        digits.append((10 - sum % 10) % 10)
        return digits.map(String.init).joined()
    }

    /// A fake secret of a random kind: (kind, value, the line that carries it).
    public mutating func secret() -> (String, String, String) {
        switch random.int(0...15) {
        case 0:
            let v = "AKIA" + random.string(Alphabet.base32, count: 16)
            return ("aws-access-key-id", v, "aws_access_key_id = \(v)")
        case 1:
            let v = random.string(Alphabet.base64, count: 40)
            return ("aws-secret-access-key", v, "aws_secret_access_key = \(v)")
        case 2:
            let v = "ghp_" + random.string(Alphabet.alnum, count: 36)
            return ("github-pat", v, "GITHUB_TOKEN=\(v)")
        case 3:
            let v = "xoxb-\(random.int(100_000_000...999_999_999))-\(random.int(100_000_000...999_999_999))-" + random.string(Alphabet.alnum, count: 24)
            return ("slack-bot-token", v, "slack token: \(v)")
        case 4:
            let v = "sk_live_" + random.string(Alphabet.alnum, count: 24)
            return ("stripe-secret-key", v, "STRIPE_KEY=\"\(v)\"")
        case 5:
            let v = "glpat-" + random.string(Alphabet.base64url, count: 20)
            return ("gitlab-pat", v, "git clone https://oauth2:\(v)@gitlab.example.com/team/repo.git")
        case 6:
            let v = "AIza" + random.string(Alphabet.base64url, count: 35)
            return ("google-api-key", v, "maps_api_key: \(v)")
        case 7:
            let v = "postgres://app:" + random.string(Alphabet.alnum, count: 16) + "@db.internal.example.com:5432/app"
            return ("postgres-url", v, "DATABASE_URL=\(v)")
        case 8:
            let v = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI" + random.string(Alphabet.base64url, count: 30) + "." + random.string(Alphabet.base64url, count: 43)
            return ("jwt", v, "Authorization: Bearer \(v)")
        case 9:
            let body = (0..<6).map { _ in random.string(Alphabet.base64, count: 64) }.joined(separator: "\n")
            let v = "-----BEGIN RSA PRIVATE KEY-----\n\(body)\n-----END RSA PRIVATE KEY-----"
            return ("rsa-private-key", v, v)
        case 10:
            let v = random.string(Alphabet.alnum, count: 14) + "!" + "\(random.int(10...99))"
            return ("password-assignment", v, "db.password=\(v)")
        case 11:
            let v = "\(random.pick(Self.words)).\(random.pick(Self.words))@\(random.pick(Self.words))corp.com"
            return ("email", v, "Contact: \(v)")
        case 12:
            let prefix = random.pick(["4", "51", "37", "6011"])
            let v = luhnNumber(prefix: prefix, length: prefix == "37" ? 15 : 16)
            return ("card", v, "card number \(v) exp 12/27")
        case 13:
            let v = "\(random.int(100...665))-\(random.int(10...99))-\(random.int(1000...9999))"
            return ("ssn", v, "SSN: \(v)")
        case 14:
            let v = "SG." + random.string(Alphabet.base64url, count: 22) + "." + random.string(Alphabet.base64url, count: 43)
            return ("sendgrid-key", v, "SENDGRID_API_KEY=\(v)")
        default:
            let v = "npm_" + random.string(Alphabet.alnum, count: 36)
            return ("npm-token", v, "//registry.npmjs.org/:_authToken=\(v)")
        }
    }
}
