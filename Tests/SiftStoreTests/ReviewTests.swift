import Foundation
import SiftCore
import SiftStore
import Testing

@Suite struct ReviewTests {
    static let key = "AKIAFAKEEXAMPLE00001"

    @Test func aReviewHidesPastAndFutureMatchesInItsSpace() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        let v1 = Samples.page(id: "100", version: 1, of: 2)
        try Samples.record([Samples.result(v1, [Samples.finding(Self.key, in: v1)])], in: ws)
        let when = Date(timeIntervalSince1970: 1_714_555_800)
        let review = try ws.review(space: "ENG", matchText: Self.key, ruleName: "AWS_CLIENT_ID", by: "ana", comment: "revoked", now: when)
        #expect(review.reviewedWhen == "2024-05-01T09:30:00.000Z")
        // A later scan finds the key again, in a new version: it is hidden too.
        let v2 = Samples.page(id: "100", version: 2, of: 2)
        try Samples.record([Samples.result(v2, [Samples.finding(Self.key, in: v2), Samples.finding("AKIAFAKEEXAMPLE00002", in: v2, offset: 40)])], in: ws)
        let open = try ws.findings(.space("ENG", reviewed: false)).records.map(\.finding.matchText)
        #expect(open == ["AKIAFAKEEXAMPLE00002"])
        let hidden = try ws.findings(.space("ENG", reviewed: true)).records
        #expect(hidden.count == 2)
        #expect(hidden.allSatisfy { $0.review == Review(matchText: Self.key, ruleName: "AWS_CLIENT_ID", scope: .space("ENG"), reviewedBy: "ana", reviewedWhen: "2024-05-01T09:30:00.000Z", comment: "revoked") })
    }

    @Test func aReviewMatchesTheExactTextAndRuleOnly() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        let page = Samples.page(id: "1", version: 1, of: 1)
        try Samples.record([Samples.result(page, [
            Samples.finding(Self.key, in: page),
            Samples.finding(Self.key.lowercased(), in: page, offset: 30),
            Samples.finding(Self.key, rule: "GENERIC_KEY", in: page, offset: 60),
        ])], in: ws)
        try ws.review(space: "ENG", matchText: Self.key, ruleName: "AWS_CLIENT_ID")
        #expect(try ws.findings(.space("ENG", reviewed: true)).total == 1)
        #expect(try ws.reviews(space: "ENG").first?.reviewedBy == Workspace.currentUserName())
    }

    @Test func unreviewAndClearBringFindingsBack() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        let page = Samples.page(id: "1", version: 1, of: 1)
        try Samples.record([Samples.result(page, [Samples.finding(Self.key, in: page), Samples.finding(Self.key, rule: "GENERIC_KEY", in: page, offset: 30)])], in: ws)
        try ws.review(space: "ENG", matchText: Self.key, ruleName: "AWS_CLIENT_ID")
        try ws.review(space: "ENG", matchText: Self.key, ruleName: "GENERIC_KEY")
        try ws.review(space: "ENG", matchText: "AKIAFAKEEXAMPLE00009", ruleName: "AWS_CLIENT_ID")
        try ws.review(space: "OPS", matchText: Self.key, ruleName: "AWS_CLIENT_ID")
        #expect(try ws.findings(.space("ENG", reviewed: false)).total == 0)
        // Un-review by match text removes the reviews of every rule for that text, in that space.
        #expect(try ws.unreview(space: "ENG", matchText: Self.key) == 2)
        #expect(try ws.findings(.space("ENG", reviewed: false)).total == 2)
        let refused = #expect(throws: StoreError.self) { try ws.clearReviews(space: "ENG", confirm: false) }
        #expect(refused?.code == "confirmation-required")
        #expect(try ws.reviews(space: "ENG").count == 1)
        #expect(try ws.clearReviews(space: "ENG", confirm: true) == 1)
        #expect(try ws.reviews(space: "ENG").isEmpty)
        #expect(try ws.reviews().map(\.scope) == [.space("OPS")])
        #expect(throws: StoreError.self) { try ws.review(space: "ENG", matchText: "", ruleName: "X") }
    }

    @Test func globalReviewsRoundTripThroughCSV() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        let eng = Samples.page(id: "1", version: 1, of: 1)
        let ops = Samples.page(space: "OPS", id: "2", version: 1, of: 1)
        try Samples.record([
            Samples.result(eng, [Samples.finding(Self.key, in: eng), Samples.finding("multi, \"quoted\"\nkey", rule: "GENERIC_KEY", in: eng, offset: 40)]),
            Samples.result(ops, [Samples.finding(Self.key, in: ops)]),
        ], in: ws)
        let csv = """
            ruleName,matchText,comment,reviewedWhen\r
            AWS_CLIENT_ID,\(Self.key),test key from the docs,2024-05-01T09:30:00Z\r
            GENERIC_KEY,"multi, ""quoted""
            key",,\r

            """
        let now = Date(timeIntervalSince1970: 1_714_555_800)
        #expect(try ws.importGlobalReviews(csv: Array(("\u{FEFF}" + csv).utf8), file: "fp.csv", by: "importer", now: now) == 2)
        let global = try ws.globalReviews()
        #expect(global == [
            Review(matchText: Self.key, ruleName: "AWS_CLIENT_ID", scope: .global, reviewedBy: "importer", reviewedWhen: "2024-05-01T09:30:00Z", comment: "test key from the docs"),
            Review(matchText: "multi, \"quoted\"\nkey", ruleName: "GENERIC_KEY", scope: .global, reviewedBy: "importer", reviewedWhen: "2024-05-01T09:30:00.000Z"),
        ])
        // Global reviews hide matches in every space, and say so.
        #expect(try ws.findings(FindingFilter(reviewed: false)).total == 0)
        #expect(try ws.findings(.space("OPS", reviewed: true)).records.first?.review?.scope == .global)
        // A space review wins over a global one for who and when.
        try ws.review(space: "OPS", matchText: Self.key, ruleName: "AWS_CLIENT_ID", by: "ops-admin")
        #expect(try ws.findings(.space("OPS", reviewed: true)).records.first?.review?.reviewedBy == "ops-admin")

        let deleted = try ws.deleteGlobalReviews(csv: Array("matchText,ruleName\n\(Self.key),AWS_CLIENT_ID\nnot-there,X\n".utf8))
        #expect(deleted == 1)
        #expect(try ws.globalReviews().map(\.ruleName) == ["GENERIC_KEY"])
        #expect(try ws.findings(.space("ENG", reviewed: false)).records.map(\.finding.matchText) == [Self.key])
        #expect(throws: StoreError.self) { try ws.clearGlobalReviews(confirm: false) }
        #expect(try ws.clearGlobalReviews(confirm: true) == 1)
        #expect(try ws.globalReviews().isEmpty)
    }

    /// Bad files: each is rejected with the line and column of the problem, and nothing is imported.
    @Test(arguments: [
        ("", 1, 1, "empty"),
        ("matchText\nabc\n", 1, 10, "lacks the required column \"ruleName\""),
        ("matchText,ruleName,who\na,B,c\n", 1, 20, "unknown column \"who\""),
        ("matchText,ruleName,matchText\na,B,c\n", 1, 20, "appears twice"),
        ("matchText,ruleName\nAKIAFAKE0001,AWS_CLIENT_ID\nAKIAFAKE0002\n", 3, 13, "expected 2 fields"),
        ("matchText,ruleName\nAKIAFAKE0001,AWS_CLIENT_ID,extra\n", 2, 28, "expected 2 fields"),
        ("matchText,ruleName\n,AWS_CLIENT_ID\n", 2, 1, "matchText is empty"),
        ("matchText,ruleName\nAKIAFAKE0001,\n", 2, 14, "ruleName is empty"),
        ("matchText,ruleName,reviewedWhen\nAKIAFAKE0001,R,yesterday\n", 2, 16, "not an ISO 8601"),
        ("matchText,ruleName\nAKIA\"FAKE,R\n", 2, 5, "quote inside an unquoted field"),
        ("matchText,ruleName\n\"AKIAFAKE\"x,R\n", 2, 11, "after the closing quote"),
        ("matchText,ruleName\nok,R\n\"AKIAFAKE,R\n", 3, 1, "not closed"),
    ] as [(String, Int, Int, String)])
    func aBadFileIsRejectedWithItsLineAndColumn(csv: String, line: Int, column: Int, message: String) throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let error = #expect(throws: StoreError.self) {
            try temp.workspace.importGlobalReviews(csv: Array(csv.utf8), file: "fp.csv")
        }
        #expect(error?.code == "csv-invalid")
        #expect(error?.location == SourceLocation(file: "fp.csv", line: line, column: column))
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
        #expect(try temp.workspace.globalReviews().isEmpty)
    }

    @Test func invalidUTF8IsRejectedAtTheBadByte() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let bytes = Array("matchText,ruleName\nok,R\nAKé".utf8) + [0xFF] + Array("x,R\n".utf8)
        let error = #expect(throws: StoreError.self) { try temp.workspace.importGlobalReviews(csv: bytes, file: "fp.csv") }
        #expect(error?.location == SourceLocation(file: "fp.csv", line: 3, column: 4))
        #expect(try temp.workspace.globalReviews().isEmpty)
    }
}
