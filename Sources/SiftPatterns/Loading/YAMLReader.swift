import SiftCore
import Yams

/// Reads values out of a YAML node tree, recording a ``PackProblem`` (with file, line, column and
/// the rule being read) for every unknown key, missing key or value of the wrong type, and going on.
struct YAMLReader {
    let file: String
    /// The id of the rule being read, for locations.
    var rule: String?
    private(set) var problems: [PackProblem] = []

    init(file: String) { self.file = file }

    func location(_ node: Node?) -> SourceLocation {
        SourceLocation(file: file, line: node?.mark?.line, column: node?.mark?.column, rule: rule)
    }

    mutating func problem(_ code: String, _ message: String, at node: Node?, level: PackProblem.Level = .error) {
        problems.append(PackProblem(level, code: code, message, at: location(node)))
    }

    mutating func append(_ other: [PackProblem]) { problems += other }

    /// The key/value pairs of a mapping, checking that every key is one of `allowed`.
    mutating func mapping(_ node: Node, allowed: [String], what: String) -> [String: Node]? {
        guard case .mapping(let mapping) = node else {
            problem("wrong-type", "\(what) must be a mapping of keys to values", at: node)
            return nil
        }
        var out: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else {
                problem("wrong-type", "keys must be strings", at: keyNode)
                continue
            }
            guard allowed.contains(key) else {
                let suggestion = Self.closest(key, allowed).map { "; did you mean '\($0)'?" } ?? ""
                problem("unknown-key", "unknown key '\(key)' in \(what)\(suggestion)", at: keyNode)
                continue
            }
            if out[key] != nil { problem("duplicate-key", "key '\(key)' appears twice", at: keyNode) }
            out[key] = value
        }
        return out
    }

    mutating func string(_ node: Node?, key: String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node else {
            problem("wrong-type", "'\(key)' must be a string", at: node)
            return nil
        }
        return scalar.string
    }

    mutating func requiredString(_ map: [String: Node], _ key: String, in owner: Node) -> String? {
        guard let node = map[key] else {
            problem("missing-key", "missing '\(key)'", at: owner)
            return nil
        }
        return string(node, key: key)
    }

    mutating func int(_ node: Node?, key: String) -> Int? {
        guard let node else { return nil }
        guard let value = node.int else {
            problem("wrong-type", "'\(key)' must be a whole number", at: node)
            return nil
        }
        return value
    }

    mutating func double(_ node: Node?, key: String) -> Double? {
        guard let node else { return nil }
        guard let value = node.float ?? node.int.map(Double.init) else {
            problem("wrong-type", "'\(key)' must be a number", at: node)
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node?, key: String) -> Bool? {
        guard let node else { return nil }
        guard let value = node.bool else {
            problem("wrong-type", "'\(key)' must be true or false", at: node)
            return nil
        }
        return value
    }

    /// A list of strings; a single string is accepted as a list of one.
    mutating func strings(_ node: Node?, key: String) -> [(String, Node)]? {
        guard let node else { return nil }
        switch node {
        case .scalar(let scalar): return [(scalar.string, node)]
        case .sequence(let sequence):
            var out: [(String, Node)] = []
            for item in sequence {
                guard case .scalar(let scalar) = item else {
                    problem("wrong-type", "every item of '\(key)' must be a string", at: item)
                    continue
                }
                out.append((scalar.string, item))
            }
            return out
        default:
            problem("wrong-type", "'\(key)' must be a string or a list of strings", at: node)
            return nil
        }
    }

    mutating func sequence(_ node: Node?, key: String) -> [Node]? {
        guard let node else { return nil }
        guard case .sequence(let sequence) = node else {
            problem("wrong-type", "'\(key)' must be a list", at: node)
            return nil
        }
        return Array(sequence)
    }

    /// The column of byte `offset` of a scalar's value, for pointing into a regex.
    func column(ofByte offset: Int, in node: Node) -> Int? {
        guard case .scalar(let scalar) = node, let mark = node.mark else { return nil }
        let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
        let characters = String(decoding: scalar.string.utf8.prefix(offset), as: UTF8.self).unicodeScalars.count
        return mark.column + (quoted ? 1 : 0) + characters
    }

    static func closest(_ word: String, _ candidates: [String]) -> String? {
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            if distance <= max(2, word.count / 3), distance < best?.1 ?? .max { best = (candidate, distance) }
        }
        return best?.0
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
