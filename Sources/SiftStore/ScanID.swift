/// The identity of a scan in a workspace: a number that grows with every new scan.
public struct ScanID: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: Int64

    public init(_ rawValue: Int64) { self.rawValue = rawValue }

    public static func < (lhs: ScanID, rhs: ScanID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { String(rawValue) }
}
