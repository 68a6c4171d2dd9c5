import SiftCore

/// A problem in a pack: an error that keeps the pack from loading, or a warning from the linter.
/// It names the file, the line and column, and the rule when there is one.
public struct PackProblem: SiftError, Hashable {
    public enum Level: String, Sendable, Hashable {
        case error
        case warning
    }

    public var level: Level
    /// A stable code: `yaml-syntax`, `unknown-key`, `missing-key`, `wrong-type`, `invalid-value`,
    /// `invalid-id`, `duplicate-id`, `regex-invalid`, `missing-example`, `unknown-reference`,
    /// `expression-syntax`, `object-cycle`, and the linter's `unfiltered-rule`, `unbounded-rule`,
    /// `example-not-matched`, `negative-example-matched`.
    public var code: String
    public var message: String
    public var location: SourceLocation

    public init(_ level: Level = .error, code: String, _ message: String, at location: SourceLocation) {
        self.level = level
        self.code = code
        self.message = message
        self.location = location
    }

    /// `file:line:column: error: message [code]`, the form compilers and editors understand.
    public var description: String {
        let place = location.description
        return "\(place.isEmpty ? "" : place + ": ")\(level.rawValue): \(message) [\(code)]"
    }
}

/// A pack (or packs) that could not be loaded: every problem found, not just the first.
public struct PackLoadError: Error, Sendable, CustomStringConvertible {
    public var problems: [PackProblem]

    public init(problems: [PackProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
