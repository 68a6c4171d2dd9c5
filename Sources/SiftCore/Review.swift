/// A review: a decision that an exact match text found by a rule is a false positive (or a
/// revoked credential, or accepted), which hides every finding with that exact match text and rule.
///
/// A review belongs to one space (``scope`` is ``Scope/space(_:)``) or to every space (a *global
/// reviewed false positive*, ``Scope/global``), as in the Confluence app. Reviews record who made
/// them and when.
public struct Review: Hashable, Sendable, Codable {
    /// Where a review applies.
    public enum Scope: Hashable, Sendable, Codable {
        /// Every space (global reviewed false positives, imported from CSV).
        case global
        /// One space, by its case-sensitive key. Plain files belong to the space with the empty key.
        case space(String)

        /// The space key, or `nil` for ``global``.
        public var spaceKey: String? {
            if case .space(let key) = self { return key }
            return nil
        }
    }

    /// The exact matched string the review hides.
    public var matchText: String
    /// The rule whose matches the review hides.
    public var ruleName: String
    /// Where the review applies: one space or every space.
    public var scope: Scope
    /// Who reviewed (a user name).
    public var reviewedBy: String?
    /// When, ISO 8601 with offset, e.g. `2024-05-01T09:30:00.000Z`.
    public var reviewedWhen: String?
    /// Why, in the reviewer's words.
    public var comment: String?

    /// Creates a review.
    public init(
        matchText: String, ruleName: String, scope: Scope, reviewedBy: String? = nil, reviewedWhen: String? = nil,
        comment: String? = nil
    ) {
        self.matchText = matchText
        self.ruleName = ruleName
        self.scope = scope
        self.reviewedBy = reviewedBy
        self.reviewedWhen = reviewedWhen
        self.comment = comment
    }
}
