/// The common shape of Sift's errors: a stable code, a message, and where.
///
/// Each module has its own error struct conforming to this protocol (`MatcherError`,
/// `PackError`, `ExportReadError` …), so callers can report any of them the same way.
public protocol SiftError: Error, CustomStringConvertible, Sendable {
    /// A stable, machine-readable code in kebab case.
    var code: String { get }
    var message: String { get }
    var location: SourceLocation { get }
}

extension SiftError {
    public var description: String {
        let place = location.description
        return place.isEmpty ? "\(message) [\(code)]" : "\(place): \(message) [\(code)]"
    }

    /// This error as a diagnostic, for per-input problems that let the scan go on.
    public var diagnostic: Diagnostic { Diagnostic(.error, code: code, message, at: location) }
}
