/// How sure the engine is that a match is real, after validators and context words.
///
/// Context words that raise confidence move a match up one level; words that lower it move it down.
public enum Confidence: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case low
    case medium
    case high

    private var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        }
    }

    public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.rank < rhs.rank }

    /// One level up, saturating at ``high``.
    public var raised: Confidence { self == .low ? .medium : .high }

    /// One level down, saturating at ``low``.
    public var lowered: Confidence { self == .high ? .medium : .low }

    public var description: String { rawValue }
}
