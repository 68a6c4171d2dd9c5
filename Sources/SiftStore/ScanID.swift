/// The identity of a scan in a workspace: a number that grows with every new scan.
public struct ScanID: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The number.
    public let rawValue: Int64

    /// The scan with this number.
    public init(_ rawValue: Int64) { self.rawValue = rawValue }

    /// Older scans have smaller ids.
    public static func < (lhs: ScanID, rhs: ScanID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The number, in decimal.
    public var description: String { String(rawValue) }
}
