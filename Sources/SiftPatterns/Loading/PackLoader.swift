import Foundation
import SiftCore
import SiftMatcher
import Yams

/// Loads pattern packs from YAML (the format of docs/pattern-packs.md), reporting every problem
/// of a file at once, each with its file, line, column and rule.
public enum PackLoader {
    static let packKeys = ["pack", "version", "description", "allow", "patterns", "objects"]
    static let patternKeys = [
        "id", "name", "description", "category", "severity", "regex", "regexes", "secretGroup", "caseSensitive",
        "keywords", "ignoreWordBoundaries", "exclude", "validators", "confirmedBy", "context", "allow",
        "useAllowList", "report", "references", "examples", "negativeExamples",
    ]
    static let objectKeys = ["id", "name", "description", "severity", "expression", "report", "examples",
                             "negativeExamples"]
    static let contextKeys = ["within", "require", "raise", "lower"]

    /// Loads one pack file; with `cache`, a file it holds (same path, same bytes) is not parsed again.
    public static func load(contentsOf url: URL, cache: PackCache? = nil) throws(PackLoadError) -> Pack {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw PackLoadError(problems: [PackProblem(code: "unreadable", "cannot read the pack file",
                                                       at: SourceLocation(file: url.path))])
        }
        let parse = { () throws(PackLoadError) -> Pack in
            try load(yaml: String(decoding: data, as: UTF8.self), file: url.path)
        }
        guard let cache else { return try parse() }
        return try cache.pack(file: url.path, yaml: Array(data), load: parse)
    }

    /// Loads a pack from YAML text; `file` names it in problems.
    public static func load(yaml: String, file: String) throws(PackLoadError) -> Pack {
        let (pack, problems) = read(yaml: yaml, file: file)
        let errors = problems.filter { $0.level == .error }
        guard let pack, errors.isEmpty else { throw PackLoadError(problems: errors) }
        return pack
    }

    /// Loads several packs and checks them together: ids unique across packs, every id an object
    /// refers to defined somewhere, no cycle between objects.
    public static func load(contentsOf urls: [URL], cache: PackCache? = nil) throws(PackLoadError) -> [Pack] {
        var packs: [Pack] = []
        var problems: [PackProblem] = []
        for url in urls {
            do {
                packs.append(try load(contentsOf: url, cache: cache))
            } catch {
                problems += error.problems
            }
        }
        problems += crossCheck(packs)
        guard problems.isEmpty else { throw PackLoadError(problems: problems) }
        return packs
    }

    /// Problems that only show across packs: duplicate ids, unknown references, object cycles.
    public static func crossCheck(_ packs: [Pack]) -> [PackProblem] {
        var problems: [PackProblem] = []
        var seen: [String: SourceLocation] = [:]
        for pack in packs {
            for (id, location) in pack.patterns.map({ ($0.id, $0.location) }) + pack.objects.map({ ($0.id, $0.location) }) {
                if let first = seen[id] {
                    problems.append(PackProblem(code: "duplicate-id", "'\(id)' is already defined at \(first)", at: location))
                } else {
                    seen[id] = location
                }
            }
        }
        let objects = packs.flatMap(\.objects)
        let objectIDs = Set(objects.map(\.id))
        for object in objects {
            for reference in object.expression.references.sorted() where seen[reference] == nil {
                let suggestion = YAMLReader.closest(reference, Array(seen.keys)).map { "; did you mean '\($0)'?" } ?? ""
                problems.append(PackProblem(code: "unknown-reference",
                                            "object \(object.id) refers to '\(reference)', which no pack defines\(suggestion)",
                                            at: object.location))
            }
        }
        // Cycles: depth-first search over object → object references.
        let byID = Dictionary(objects.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        func visit(_ id: String, _ path: [String]) {
            if state[id] == 2 { return }
            if state[id] == 1 {
                let cycle = path.drop(while: { $0 != id }) + [id]
                problems.append(PackProblem(code: "object-cycle", "objects refer to each other in a cycle: "
                    + cycle.joined(separator: " → "), at: byID[id]?.location ?? SourceLocation(rule: id)))
                return
            }
            state[id] = 1
            for reference in (byID[id]?.expression.references ?? []).sorted() where objectIDs.contains(reference) {
                visit(reference, path + [id])
            }
            state[id] = 2
        }
        for object in objects { visit(object.id, []) }
        return problems
    }

    /// Reads a pack and returns it (when its structure allows) with every problem found.
    static func read(yaml: String, file: String) -> (Pack?, [PackProblem]) {
        var reader = YAMLReader(file: file)
        let root: Node
        if let nodes = YAMLAliasGuard.expandedNodeCount(yaml), nodes > YAMLAliasGuard.maxNodes {
            reader.problem("yaml-too-large",
                           "the YAML expands to more than \(YAMLAliasGuard.maxNodes) nodes through its aliases (*name)", at: nil)
            return (nil, reader.problems)
        }
        do {
            // No implicit tag resolution: the reader converts scalars itself (`Node.int`, `.bool` parse
            // the text whatever the tag), and the default resolver's regular expressions were a third
            // of loading the built-in packs (Yams hashes every mapping key, resolving its tag, to find
            // duplicates; equal keys have equal text either way).
            guard let node = try Yams.compose(yaml: yaml, .basic) else {
                reader.problem("yaml-syntax", "the file is empty", at: nil)
                return (nil, reader.problems)
            }
            root = node
        } catch let error as YamlError {
            return (nil, [yamlProblem(error, file: file)])
        } catch {
            return (nil, [PackProblem(code: "yaml-syntax", "\(error)", at: SourceLocation(file: file))])
        }
        guard let top = reader.mapping(root, allowed: packKeys, what: "a pack") else { return (nil, reader.problems) }
        let packID = reader.requiredString(top, "pack", in: root) ?? ""
        var pack = Pack(id: packID, version: reader.int(top["version"], key: "version") ?? 1,
                        description: reader.string(top["description"], key: "description") ?? "", file: file)
        for (regex, node) in reader.strings(top["allow"], key: "allow") ?? [] {
            checkRegex(regex, caseless: false, node: node, reader: &reader)
            pack.allow.append(regex)
        }
        var ids: [String: SourceLocation] = [:]
        for node in reader.sequence(top["patterns"], key: "patterns") ?? [] {
            guard let pattern = readPattern(node, reader: &reader) else { continue }
            if let first = ids[pattern.id] {
                reader.problem("duplicate-id", "'\(pattern.id)' is already defined at line \(first.line ?? 0)", at: node)
            }
            ids[pattern.id] = pattern.location
            pack.patterns.append(pattern)
        }
        for node in reader.sequence(top["objects"], key: "objects") ?? [] {
            guard let object = readObject(node, reader: &reader) else { continue }
            if let first = ids[object.id] {
                reader.problem("duplicate-id", "'\(object.id)' is already defined at line \(first.line ?? 0)", at: node)
            }
            ids[object.id] = object.location
            pack.objects.append(object)
        }
        return (pack, reader.problems)
    }

    private static func yamlProblem(_ error: YamlError, file: String) -> PackProblem {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return PackProblem(code: "yaml-syntax", problem, at: SourceLocation(file: file, line: mark.line, column: mark.column))
        default:
            return PackProblem(code: "yaml-syntax", "\(error)", at: SourceLocation(file: file))
        }
    }

    // MARK: - Patterns

    static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("A"..."Z").contains(first) else { return false }
        return id.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    private static func readPattern(_ node: Node, reader: inout YAMLReader) -> DataPattern? {
        reader.rule = nil
        guard let map = reader.mapping(node, allowed: patternKeys, what: "a pattern") else { return nil }
        guard let id = reader.requiredString(map, "id", in: node) else { return nil }
        reader.rule = id
        if !isValidID(id) {
            reader.problem("invalid-id", "pattern ids are SCREAMING_SNAKE_CASE (A-Z, 0-9, _), like AWS_CLIENT_ID", at: map["id"])
        }
        let location = reader.location(node)
        let caseSensitive = reader.bool(map["caseSensitive"], key: "caseSensitive") ?? true
        var regexes: [(String, Node)] = []
        if let one = map["regex"] { regexes += reader.strings(one, key: "regex") ?? [] }
        if let many = map["regexes"] { regexes += reader.strings(many, key: "regexes") ?? [] }
        if regexes.isEmpty { reader.problem("missing-key", "a pattern needs 'regex' or 'regexes'", at: node) }
        var maxGroups = 0
        for (regex, regexNode) in regexes {
            if let groups = checkRegex(regex, caseless: !caseSensitive, node: regexNode, reader: &reader) {
                maxGroups = max(maxGroups, groups)
            }
        }
        let exclude = reader.strings(map["exclude"], key: "exclude") ?? []
        for (regex, regexNode) in exclude { checkRegex(regex, caseless: !caseSensitive, node: regexNode, reader: &reader) }
        let allow = reader.strings(map["allow"], key: "allow") ?? []
        for (regex, regexNode) in allow { checkRegex(regex, caseless: false, node: regexNode, reader: &reader) }

        let secretGroup = reader.int(map["secretGroup"], key: "secretGroup")
        if let secretGroup, secretGroup < 1 || secretGroup > maxGroups, !regexes.isEmpty {
            reader.problem("invalid-value", "secretGroup \(secretGroup) does not exist: the regexes have \(maxGroups) capture group(s)",
                           at: map["secretGroup"])
        }
        let severity = readSeverity(map["severity"], reader: &reader) ?? .medium
        let report = reader.bool(map["report"], key: "report") ?? true
        let examples = (reader.strings(map["examples"], key: "examples") ?? []).map(\.0)
        if examples.isEmpty {
            reader.problem("missing-example", "every pattern needs at least one example (a text it must match)", at: node)
        }
        let keywords = reader.strings(map["keywords"], key: "keywords")?.map(\.0)
        if let keywords, keywords.isEmpty || keywords.contains(where: \.isEmpty) {
            reader.problem("invalid-value", "keywords must be non-empty strings", at: map["keywords"])
        }
        return DataPattern(
            id: id, name: reader.string(map["name"], key: "name") ?? id,
            description: reader.string(map["description"], key: "description") ?? "",
            category: reader.string(map["category"], key: "category") ?? "uncategorized", severity: severity,
            regexes: regexes.map(\.0), secretGroup: secretGroup, caseSensitive: caseSensitive, keywords: keywords,
            ignoreWordBoundaries: reader.bool(map["ignoreWordBoundaries"], key: "ignoreWordBoundaries") ?? false,
            exclude: exclude.map(\.0), validators: readValidators(map["validators"], key: "validators", reader: &reader),
            confirmedBy: readValidators(map["confirmedBy"], key: "confirmedBy", reader: &reader),
            context: readContext(map["context"], reader: &reader), allow: allow.map(\.0),
            useAllowList: reader.bool(map["useAllowList"], key: "useAllowList") ?? true, report: report,
            references: (reader.strings(map["references"], key: "references") ?? []).map(\.0), examples: examples,
            negativeExamples: (reader.strings(map["negativeExamples"], key: "negativeExamples") ?? []).map(\.0),
            location: location,
            regexLocations: (regexes + exclude).map { reader.location($0.1) })
    }

    /// Compiles `regex` with PCRE2; on failure records PCRE2's message at the column where it
    /// stopped. Returns the number of capture groups.
    @discardableResult
    private static func checkRegex(_ regex: String, caseless: Bool, node: Node, reader: inout YAMLReader) -> Int? {
        let spec = RuleSpec(name: reader.rule ?? "allow", pattern: regex, caseless: caseless)
        switch CompiledRuleSet.validate(spec) {
        case .success(let captureCount):
            return captureCount
        case .failure(let error):
            var location = reader.location(node)
            if let offset = error.patternOffset, let column = reader.column(ofByte: offset, in: node) {
                location.column = column
            }
            location.offset = error.patternOffset
            reader.append([PackProblem(code: "regex-invalid", "PCRE2 rejects the regex: \(error.message)", at: location)])
            return nil
        }
    }

    private static func readSeverity(_ node: Node?, reader: inout YAMLReader) -> Severity? {
        guard let text = reader.string(node, key: "severity") else { return nil }
        guard let severity = Severity(rawValue: text.lowercased()) else {
            reader.problem("invalid-value", "severity must be one of info, low, medium, high, critical", at: node)
            return nil
        }
        return severity
    }

    private static func readContext(_ node: Node?, reader: inout YAMLReader) -> ContextWords? {
        guard let node, let map = reader.mapping(node, allowed: contextKeys, what: "context") else { return nil }
        var context = ContextWords(within: reader.int(map["within"], key: "within") ?? 80)
        context.require = (reader.strings(map["require"], key: "require") ?? []).map(\.0)
        context.raise = (reader.strings(map["raise"], key: "raise") ?? []).map(\.0)
        context.lower = (reader.strings(map["lower"], key: "lower") ?? []).map(\.0)
        if context.within <= 0 { reader.problem("invalid-value", "context.within must be positive", at: map["within"]) }
        return context
    }

    private static func readValidators(_ node: Node?, key: String, reader: inout YAMLReader) -> [Validator] {
        var validators: [Validator] = []
        for item in reader.sequence(node, key: key) ?? [] {
            let name: String
            var parameter: Node?
            switch item {
            case .scalar(let scalar):
                name = scalar.string
            case .mapping(let mapping) where mapping.count == 1:
                name = mapping.first!.key.string ?? ""
                parameter = mapping.first!.value
            default:
                reader.problem("wrong-type", "a validator is a name or `name: parameter`", at: item)
                continue
            }
            if let validator = validator(name, parameter, at: item, reader: &reader) { validators.append(validator) }
        }
        return validators
    }

    private static func validator(_ name: String, _ parameter: Node?, at node: Node, reader: inout YAMLReader) -> Validator? {
        func options(_ allowed: [String]) -> [String: Node] {
            guard let parameter else { return [:] }
            return reader.mapping(parameter, allowed: allowed, what: "validator \(name)") ?? [:]
        }
        switch name {
        case "luhn": return .luhn
        case "iban": return .iban
        case "ssn-us": return .ssnUS
        case "github-checksum": return .githubChecksum
        case "jwt": return .jwt
        case "pem": return .pem
        case "hex": return .hex
        case "not-all-same": return .notAllSame
        case "not-sequential": return .notSequential
        case "has-digit": return .hasDigit
        case "entropy":
            guard let bits = reader.double(parameter, key: "entropy"), bits > 0, bits <= 8 else {
                reader.problem("invalid-value", "entropy needs bits per character, e.g. `entropy: 3.5`", at: node)
                return nil
            }
            return .entropy(bits)
        case "charset":
            let map = options(["min-classes"])
            guard let classes = reader.int(map["min-classes"], key: "min-classes"), (1...4).contains(classes) else {
                reader.problem("invalid-value", "charset needs `{min-classes: 1…4}`", at: node)
                return nil
            }
            return .charset(minClasses: classes)
        case "length":
            let map = options(["min", "max"])
            let min = reader.int(map["min"], key: "min"), max = reader.int(map["max"], key: "max")
            guard min != nil || max != nil else {
                reader.problem("invalid-value", "length needs `{min: N}`, `{max: M}` or both", at: node)
                return nil
            }
            return .length(min: min, max: max)
        case "base64":
            let map = options(["min-bytes"])
            return .base64(minBytes: reader.int(map["min-bytes"], key: "min-bytes") ?? 1)
        default:
            let suggestion = YAMLReader.closest(name, Validator.names).map { "; did you mean '\($0)'?" } ?? ""
            reader.problem("invalid-value", "unknown validator '\(name)'\(suggestion)", at: node)
            return nil
        }
    }

    // MARK: - Objects

    private static func readObject(_ node: Node, reader: inout YAMLReader) -> DataObject? {
        reader.rule = nil
        guard let map = reader.mapping(node, allowed: objectKeys, what: "an object") else { return nil }
        guard let id = reader.requiredString(map, "id", in: node) else { return nil }
        reader.rule = id
        if !isValidID(id) {
            reader.problem("invalid-id", "object ids are SCREAMING_SNAKE_CASE (A-Z, 0-9, _)", at: map["id"])
        }
        guard let source = reader.requiredString(map, "expression", in: node) else { return nil }
        let expression: ObjectExpression
        do {
            expression = try ObjectExpressionParser.parse(source)
        } catch {
            var location = reader.location(map["expression"])
            if let expressionNode = map["expression"], let column = reader.column(ofByte: error.offset, in: expressionNode) {
                location.column = column
            }
            reader.append([PackProblem(code: "expression-syntax", error.message, at: location)])
            return nil
        }
        let examples = (reader.strings(map["examples"], key: "examples") ?? []).map(\.0)
        if examples.isEmpty {
            reader.problem("missing-example", "every object needs at least one example (a text it must match)", at: node)
        }
        return DataObject(
            id: id, name: reader.string(map["name"], key: "name") ?? id,
            description: reader.string(map["description"], key: "description") ?? "",
            severity: readSeverity(map["severity"], reader: &reader) ?? .high, expressionSource: source,
            expression: expression, report: reader.bool(map["report"], key: "report") ?? true, examples: examples,
            negativeExamples: (reader.strings(map["negativeExamples"], key: "negativeExamples") ?? []).map(\.0),
            location: reader.location(node))
    }
}
