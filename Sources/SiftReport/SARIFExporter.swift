import SiftCore

/// Writes findings as one SARIF 2.1.0 log with one run, streaming.
///
/// Each finding is a `result` with `ruleId`, `ruleIndex`, `level` (from the severity: critical and
/// high → `error`, medium → `warning`, low and info → `note`), a `message`, one location — the
/// content version's URI (see `docs/output-formats.md`), the region (`startLine`, `startColumn`,
/// the line as `snippet`, redacted unless plaintext) and a logical location with the content id,
/// title and version — and `partialFingerprints` (`secretFingerprint/v1`: the finding's
/// fingerprint; `contentFingerprint/v1`: the same secret in the same content, stable across
/// versions). Reviewed findings carry an external, accepted `suppression` with who and when.
///
/// The run's members come in the order `results`, `tool`, `columnKind`, `properties`: the rules
/// of `tool.driver.rules` are those the results used, in order of first use, which is known only
/// at the end. JSON objects are unordered, so the log is valid SARIF.
public struct SARIFExporter<Sink: ByteSink>: RecordExporter {
    /// The URI of the SARIF 2.1.0 schema written as `$schema`.
    public static var schemaURI: String {
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    }

    private var output: OutputBuffer<Sink>
    private let options: ExportOptions
    private let toolVersion: String
    private let ruleDescriptions: [String: String]
    private var rules: [(name: String, severity: Severity)] = []
    private var ruleIndex: [String: Int] = [:]
    private let redactionCache = RedactionIndex.Cache()
    private var results = 0

    /// - Parameters:
    ///   - toolVersion: Sift's version, for `tool.driver.version`.
    ///   - ruleDescriptions: a short description per rule name, for `shortDescription`.
    public init(sink: Sink, options: ExportOptions, toolVersion: String, ruleDescriptions: [String: String] = [:]) {
        output = OutputBuffer(sink)
        self.options = options
        self.toolVersion = toolVersion
        self.ruleDescriptions = ruleDescriptions
    }

    /// The sink (after ``finish()``, it holds everything).
    public var sink: Sink { output.sink }

    /// Writes one finding as one SARIF result.
    public mutating func write(_ record: FindingRecord) throws {
        if results == 0 {
            try output.append("{\n  \"$schema\": \"\(Self.schemaURI)\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"results\": [")
        }
        try output.append(results == 0 ? "\n        " : ",\n        ")
        let result = result(for: record)
        try output.append { result.write(into: &$0, indent: "  ", level: 4) }
        results += 1
    }

    /// Closes the results, writes the tool with the rules used, and flushes.
    public mutating func finish() throws {
        if results == 0 {
            try output.append("{\n  \"$schema\": \"\(Self.schemaURI)\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"results\": [")
            try output.append("],\n")
        } else {
            try output.append("\n      ],\n")
        }
        let driver: JSONValue = .object([
            ("name", .string("Sift")),
            ("version", .string(toolVersion)),
            ("rules", .array(rules.map(descriptor))),
        ])
        let tail: [(String, JSONValue)] = [
            ("tool", .object([("driver", driver)])),
            ("columnKind", .string("unicodeCodePoints")),
            ("properties", .object([("plaintext", .bool(options.plaintext)), ("deduplicated", .bool(options.deduplicated))])),
        ]
        for (index, (key, value)) in tail.enumerated() {
            try output.append("      \"\(key)\": " + value.pretty(level: 3) + (index == tail.count - 1 ? "\n" : ",\n"))
        }
        try output.append("    }\n  ]\n}\n")
        try output.flush()
    }

    private func descriptor(_ rule: (name: String, severity: Severity)) -> JSONValue {
        .object([
            ("id", .string(rule.name)),
            ("name", .string(rule.name)),
            ("shortDescription", .object([("text", .string(ruleDescriptions[rule.name] ?? "Sift rule \(rule.name)"))])),
            ("defaultConfiguration", .object([("level", .string(Self.level(rule.severity)))])),
            ("properties", .object([("severity", .string(rule.severity.rawValue))])),
        ])
    }

    private mutating func result(for record: FindingRecord) -> JSONValue {
        let finding = record.finding
        let p = finding.provenance
        let index: Int
        if let known = ruleIndex[finding.ruleName] {
            index = known
        } else {
            index = rules.count
            ruleIndex[finding.ruleName] = index
            rules.append((finding.ruleName, finding.severity))
        }
        let shown = Redaction.fields(of: record, plaintext: options.plaintext, cache: redactionCache)

        var region: [(String, JSONValue)] = [("startLine", .int(max(finding.lineNumber, 1)))]
        if let column = Self.column(of: finding) { region.append(("startColumn", .int(column))) }
        region.append(("snippet", .object([("text", .string(shown.line))])))

        var logical: [(String, JSONValue)] = [("name", .string(p.title ?? p.path ?? p.contentId ?? ""))]
        logical.append(("fullyQualifiedName", .string(Self.qualifiedName(p))))
        logical.append(("kind", .string("resource")))
        var logicalProperties: [(String, JSONValue)] = [("contentType", .string(p.contentType.rawValue))]
        logicalProperties += [
            ("spaceKey", FieldValue(p.spaceKey).json), ("contentId", FieldValue(p.contentId).json),
            ("versionContentId", FieldValue(p.versionContentId).json), ("title", FieldValue(p.title).json),
            ("version", FieldValue(p.version).json), ("createdWhen", FieldValue(p.createdWhen).json),
            ("attachmentName", FieldValue(p.attachmentName).json), ("part", FieldValue(finding.part?.description).json),
        ]
        logical.append(("properties", .object(logicalProperties)))

        let location: JSONValue = .object([
            ("physicalLocation", .object([
                ("artifactLocation", .object([("uri", .string(ArtifactURI.of(p)))])),
                ("region", .object(region)),
            ])),
            ("logicalLocations", .array([.object(logical)])),
        ])

        var where_ = Self.qualifiedName(p)
        if let title = p.title { where_ = "\(p.contentType.rawValue) \"\(title)\"" + (p.version.map { " version \($0)" } ?? "") }
        var members: [(String, JSONValue)] = [
            ("ruleId", .string(finding.ruleName)),
            ("ruleIndex", .int(index)),
            ("level", .string(Self.level(finding.severity))),
            ("message", .object([("text", .string("\(finding.ruleName): \(shown.matchText) in \(where_), line \(finding.lineNumber)"))])),
            ("locations", .array([location])),
            ("partialFingerprints", .object([
                ("secretFingerprint/v1", .string(finding.fingerprint)),
                ("contentFingerprint/v1", .string(Fingerprint.of(
                    ruleName: finding.ruleName, secret: (p.contentId ?? p.path ?? "") + "\u{0}" + finding.fingerprint))),
            ])),
        ]
        if let review = record.review {
            var suppression: [(String, JSONValue)] = [("kind", .string("external")), ("status", .string("accepted"))]
            if let comment = review.comment { suppression.append(("justification", .string(comment))) }
            suppression.append(("properties", .object([
                ("reviewedBy", FieldValue(review.reviewedBy).json), ("reviewedWhen", FieldValue(review.reviewedWhen).json),
                ("reviewScope", .string(review.scope.spaceKey.map { "space:\($0)" } ?? "global")),
            ])))
            members.append(("suppressions", .array([.object(suppression)])))
        }
        var properties: [(String, JSONValue)] = [
            ("severity", .string(finding.severity.rawValue)), ("confidence", .string(finding.confidence.rawValue)),
            ("matchText", .string(shown.matchText)), ("secret", FieldValue(shown.secret).json),
            ("startOffset", .int(finding.startOffset)), ("endOffset", .int(finding.endOffset)),
            ("historical", .bool(p.isHistorical)), ("reviewed", .bool(finding.reviewed)),
        ]
        if let versions = record.versions {
            properties += [
                ("firstVersion", FieldValue(versions.first).json), ("lastVersion", FieldValue(versions.last).json),
                ("versionCount", .int(versions.count)),
            ]
        }
        members.append(("properties", .object(properties)))
        return .object(members)
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    /// `SPACE/ID@version` for Confluence content, the path for files.
    static func qualifiedName(_ p: Provenance) -> String {
        if p.contentType == .file || p.contentId == nil { return p.path ?? p.title ?? "" }
        let version = p.version.map(String.init) ?? p.versionContentId ?? p.createdWhen ?? ""
        return "\(p.spaceKey ?? "")/\(p.contentId ?? "")@\(version)"
    }

    /// The 1-based column, in Unicode scalars, of the match's first line within the finding's line.
    static func column(of finding: Finding) -> Int? {
        let firstLine = finding.matchText.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first
            .map { String($0).trimmingSuffix("\r") } ?? ""
        guard !firstLine.isEmpty, let range = finding.line.firstRange(of: firstLine) else { return nil }
        return finding.line.unicodeScalars[..<range.lowerBound].count + 1
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
