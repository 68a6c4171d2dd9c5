/// A problem with one input that did not stop the scan: a malformed body, a missing attachment
/// file, a rule that hit its match limit, a skipped attachment.
///
/// Diagnostics are collected and reported at the end; any diagnostic of ``Level/error`` makes the
/// CLI exit with status 2. Library code never prints them.
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Level: String, Sendable, Hashable, Codable, Comparable {
        /// Something was read in a degraded way or skipped on purpose (a limit, an unsupported format).
        case warning
        /// Something could not be read or scanned at all.
        case error

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs == .warning && rhs == .error }
    }

    public var level: Level
    /// A stable, machine-readable code in kebab case, e.g. `xml-malformed`, `match-limit`.
    public var code: String
    public var message: String
    public var location: SourceLocation

    public init(_ level: Level, code: String, _ message: String, at location: SourceLocation = SourceLocation()) {
        self.level = level
        self.code = code
        self.message = message
        self.location = location
    }

    public var description: String {
        let place = location.description
        return place.isEmpty ? "\(level.rawValue)[\(code)]: \(message)" : "\(level.rawValue)[\(code)]: \(place): \(message)"
    }
}
