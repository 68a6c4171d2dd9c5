import SiftCore

/// A whole input that cannot be read: not a zip, no entities.xml, an unreadable directory.
/// Problems with single objects are diagnostics, and reading goes on.
public struct ExportReadError: SiftError, Hashable {
    public var code: String
    public var message: String
    public var location: SourceLocation

    public init(code: String, _ message: String, at location: SourceLocation) {
        self.code = code
        self.message = message
        self.location = location
    }
}
