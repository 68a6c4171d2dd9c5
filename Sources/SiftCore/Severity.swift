/// How serious a finding is.
///
/// The order is meaningful: `info < low < medium < high < critical`. Patterns declare a default
/// severity; a policy may override it per pattern.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case info
    case low
    case medium
    case high
    case critical

    package var rank: Int {
        switch self {
        case .info: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    public var description: String { rawValue }
}
