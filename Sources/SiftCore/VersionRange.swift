/// The versions of one content in which a deduplicated finding appears.
///
/// Deduplication, as the Confluence app does it: the same match text found by the same rule in
/// one content's history is one finding, shown with the first and last version it appears in.
public struct VersionRange: Hashable, Sendable, Codable {
    /// The lowest version number holding the match (`nil` when versions are not numbered, as for files).
    public var first: Int?
    /// The highest version number holding the match.
    public var last: Int?
    /// How many content versions hold the match.
    public var count: Int

    public init(first: Int?, last: Int?, count: Int) {
        self.first = first
        self.last = last
        self.count = count
    }
}
