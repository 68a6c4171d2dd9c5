import Foundation
import GRDB
import SiftCore

extension Workspace {
    /// Reviews a match in a space: every finding of `ruleName` whose match text is exactly
    /// `matchText` in that space is hidden, now and in future scans (`POST review/space/{key}/create`).
    /// Reviewing again updates who, when and the comment.
    ///
    /// - Parameter by: who reviews; `nil` for ``currentUserName(environment:)``.
    @discardableResult
    public func review(
        space: String, matchText: String, ruleName: String, by: String? = nil, comment: String? = nil,
        now: Date = Date()
    ) throws(StoreError) -> Review {
        guard !matchText.isEmpty, !ruleName.isEmpty else {
            throw StoreError(code: "invalid-argument", "a review needs a match text and a rule name")
        }
        let row = SpaceReviewRow(
            spaceKey: space, matchText: matchText, ruleName: ruleName, reviewedBy: by ?? Self.currentUserName(),
            reviewedWhen: Timestamp.string(now), comment: comment)
        try writing { db in try row.upsert(db) }
        return row.review
    }

    /// Un-reviews a match text in a space, for every rule (`POST review/space/{key}/delete`).
    /// Returns how many reviews were removed.
    @discardableResult
    public func unreview(space: String, matchText: String) throws(StoreError) -> Int {
        try writing { db in
            try db.execute(sql: "DELETE FROM spaceReview WHERE spaceKey = ? AND matchText = ?", arguments: [space, matchText])
            return db.changesCount
        }
    }

    /// Deletes every review of a space (`DELETE review/space/{key}?confirm=true`).
    ///
    /// - Throws: `confirmation-required` unless `confirm` is true.
    @discardableResult
    public func clearReviews(space: String, confirm: Bool) throws(StoreError) -> Int {
        guard confirm else {
            throw StoreError(code: "confirmation-required", "deleting every review of space \(space) needs an explicit confirmation")
        }
        return try writing { db in
            try db.execute(sql: "DELETE FROM spaceReview WHERE spaceKey = ?", arguments: [space])
            return db.changesCount
        }
    }

    /// The reviews of a space, or of every space when `space` is `nil`, ordered by space, match
    /// text and rule.
    public func reviews(space: String? = nil) throws(StoreError) -> [Review] {
        try reading { db in
            var request = SpaceReviewRow.order(Column("spaceKey"), Column("matchText"), Column("ruleName"))
            if let space { request = request.filter(Column("spaceKey") == space) }
            return try request.fetchAll(db).map(\.review)
        }
    }

    /// The global reviewed false positives, ordered by match text and rule.
    public func globalReviews() throws(StoreError) -> [Review] {
        try reading { db in
            try GlobalReviewRow.order(Column("matchText"), Column("ruleName")).fetchAll(db).map(\.review)
        }
    }

    /// Imports global reviewed false positives from a CSV file (``GlobalReviewCSV``), all or nothing
    /// (`POST global-reviewed/create`). Rows without `reviewedBy`/`reviewedWhen` get `by` (default:
    /// the current user) and `now`. An existing review of the same match text and rule is updated.
    ///
    /// - Returns: how many rows the file had.
    /// - Throws: `csv-invalid` with the line and column of the first problem; nothing is imported.
    @discardableResult
    public func importGlobalReviews(
        csv: [UInt8], file: String? = nil, by: String? = nil, now: Date = Date()
    ) throws(StoreError) -> Int {
        let reviews = try GlobalReviewCSV.parse(csv, file: file)
        let reviewer = by ?? Self.currentUserName()
        let stamp = Timestamp.string(now)
        try writing { db in
            for review in reviews {
                try GlobalReviewRow(
                    matchText: review.matchText, ruleName: review.ruleName, reviewedBy: review.reviewedBy ?? reviewer,
                    reviewedWhen: review.reviewedWhen ?? stamp, comment: review.comment
                ).upsert(db)
            }
        }
        return reviews.count
    }

    /// Deletes the global reviewed false positives listed in a CSV file (only `matchText` and
    /// `ruleName` matter), all or nothing (`POST global-reviewed/delete`). Returns how many existed.
    ///
    /// - Throws: `csv-invalid` with the line and column of the first problem; nothing is deleted.
    @discardableResult
    public func deleteGlobalReviews(csv: [UInt8], file: String? = nil) throws(StoreError) -> Int {
        let reviews = try GlobalReviewCSV.parse(csv, file: file)
        return try writing { db in
            var deleted = 0
            for review in reviews {
                try db.execute(
                    sql: "DELETE FROM globalReview WHERE matchText = ? AND ruleName = ?",
                    arguments: [review.matchText, review.ruleName])
                deleted += db.changesCount
            }
            return deleted
        }
    }

    /// Deletes every global reviewed false positive (`DELETE global-reviewed?confirm=true`).
    ///
    /// - Throws: `confirmation-required` unless `confirm` is true.
    @discardableResult
    public func clearGlobalReviews(confirm: Bool) throws(StoreError) -> Int {
        guard confirm else {
            throw StoreError(code: "confirmation-required", "deleting every global reviewed false positive needs an explicit confirmation")
        }
        return try writing { db in
            try db.execute(sql: "DELETE FROM globalReview")
            return db.changesCount
        }
    }
}
