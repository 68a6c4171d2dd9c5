import Foundation
import SiftCore
import SiftStore
import Testing

@Suite struct FindingQueryTests {
    /// Space ENG: page 100 in versions 1–3 (the same key in all three, a second key only in v1),
    /// page 200 (one version, 5 findings); space OPS: page 300.
    static func populated() throws -> TemporaryWorkspace {
        let temp = try TemporaryWorkspace()
        var batch: [ContentVersionResult] = []
        for version in 1...3 {
            let page = Samples.page(id: "100", version: version, of: 3)
            var findings = [Samples.finding("AKIAFAKEEXAMPLE00001", in: page, line: 2, offset: 10)]
            if version == 1 { findings.append(Samples.finding("AKIAFAKEEXAMPLE00002", in: page, line: 3, offset: 50)) }
            batch.append(Samples.result(page, findings))
        }
        let other = Samples.page(id: "200", version: 1, of: 1, title: "Runbook")
        batch.append(Samples.result(other, (0..<5).map { Samples.finding("AKIAFAKEEXAMPLE1000\($0)", in: other, line: $0 + 1, offset: $0 * 40) }))
        let ops = Samples.page(space: "OPS", id: "300", version: 1, of: 1)
        batch.append(Samples.result(ops, [Samples.finding("AKIAFAKEEXAMPLE00001", in: ops)]))
        // Recorded in reverse to show the order does not depend on insertion.
        try Samples.record(batch.reversed(), in: temp.workspace)
        return temp
    }

    @Test func pagesAreZeroBasedStableAndComplete() throws {
        let temp = try Self.populated()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        let all = try ws.findings(.space("ENG")).records
        #expect(all.count == 9)
        #expect(all.map { "\($0.finding.provenance.contentId!)v\($0.finding.provenance.version!)@\($0.finding.startOffset)" } == [
            "100v1@10", "100v1@50", "100v2@10", "100v3@10", "200v1@0", "200v1@40", "200v1@80", "200v1@120", "200v1@160",
        ])
        var paged: [FindingRecord] = []
        for page in 0..<3 {
            let result = try ws.findings(.space("ENG"), page: page, size: 4)
            #expect(result.total == 9)
            #expect(result.pageCount == 3)
            paged += result.records
        }
        #expect(paged == all)
        #expect(try ws.findings(.space("ENG"), page: 2, size: 4).records.count == 1)
        #expect(try ws.findings(.space("ENG"), page: 7, size: 4).records.isEmpty)
        #expect(throws: StoreError.self) { try ws.findings(.space("ENG"), page: -1, size: 4) }
        #expect(throws: StoreError.self) { try ws.findings(.space("ENG"), page: 0, size: 0) }
        #expect(try ws.findings(.space("eng")).total == 0)  // space keys are case-sensitive
    }

    @Test func reviewedFiltersSplitTheResultsAndABothQueryReunitesThem() throws {
        let temp = try Self.populated()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        try ws.review(space: "ENG", matchText: "AKIAFAKEEXAMPLE00001", ruleName: "AWS_CLIENT_ID", by: "ana")
        let reviewed = try ws.findings(.space("ENG", reviewed: true))
        let open = try ws.findings(.space("ENG", reviewed: false))
        let both = try ws.findings(.space("ENG"))
        #expect(reviewed.total == 3)
        #expect(reviewed.records.allSatisfy { $0.finding.reviewed && $0.review?.reviewedBy == "ana" })
        #expect(open.total == 6)
        #expect(open.records.allSatisfy { !$0.finding.reviewed && $0.review == nil })
        #expect(Set(reviewed.records + open.records) == Set(both.records))
        // The review is per space: OPS still shows the same key.
        #expect(try ws.findings(.space("OPS", reviewed: false)).total == 1)
        // Paging applies after the filter.
        #expect(try ws.findings(.space("ENG", reviewed: false), page: 1, size: 4).records.count == 2)
    }

    @Test func aContentQueryCoversEveryVersionOrTheOneCreatedAtATime() throws {
        let temp = try Self.populated()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        #expect(try ws.findings(.content("100")).total == 4)
        let v2 = try ws.findings(.content("100", createdWhen: "2024-03-02T10:00:00.000+01:00"))
        #expect(v2.records.map(\.finding.provenance.version) == [2])
        #expect(v2.records.first?.finding.provenance.isHistorical == true)
        // A historical version's own id finds that version.
        #expect(try ws.findings(.content("100-v1")).total == 2)
        #expect(try ws.findings(.content("100", createdWhen: "2030-01-01T00:00:00.000Z")).total == 0)
    }

    @Test func dedupeMakesOneFindingPerMatchInAContentsHistory() throws {
        let temp = try Self.populated()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        let page = try ws.findings(.space("ENG"), dedupe: true)
        #expect(page.total == 7)
        // Ordered by the representative's place: the key only in v1 comes before the one whose
        // representative is in v3.
        #expect(page.records.prefix(2).map(\.finding.matchText) == ["AKIAFAKEEXAMPLE00002", "AKIAFAKEEXAMPLE00001"])
        let first = page.records[1]
        #expect(first.versions == VersionRange(first: 1, last: 3, count: 3))
        // The representative is the latest version holding the match: here the current one.
        #expect(first.finding.provenance.version == 3)
        #expect(first.finding.provenance.isHistorical == false)
        let onlyOld = try #require(page.records.first { $0.finding.matchText == "AKIAFAKEEXAMPLE00002" })
        #expect(onlyOld.versions == VersionRange(first: 1, last: 1, count: 1))
        #expect(onlyOld.finding.provenance.isHistorical)
        // Across spaces the same key stays two findings.
        var everywhere: [FindingRecord] = []
        try ws.forEachFinding(dedupe: true) { everywhere.append($0) }
        #expect(everywhere.filter { $0.finding.matchText == "AKIAFAKEEXAMPLE00001" }.count == 2)
        #expect(try ws.findings(.space("ENG"), page: 1, size: 5, dedupe: true).records.count == 2)
    }

    @Test func streamingReturnsWhatPagingReturns() throws {
        let temp = try Self.populated()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        var streamed: [FindingRecord] = []
        try ws.forEachFinding(.space("ENG")) { streamed.append($0) }
        #expect(streamed == (try ws.findings(.space("ENG")).records))
    }

    @Test func theSecretsOfTheSameVersionAreListedForRedaction() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let page = Samples.page(id: "1", version: 1, of: 1)
        var object = Samples.finding("card block", rule: "PCI_BUNDLE", in: page, offset: 100)
        object.evidence = [Finding.Evidence(ruleName: "CREDIT_CARD", matchText: "4111 1111 1111 1111", startOffset: 0, endOffset: 19)]
        try Samples.record(
            [Samples.result(page, [
                Samples.finding("AKIAFAKEEXAMPLE00001", in: page),
                Samples.finding("aws_secret=FAKEsecretEXAMPLEkey0000", rule: "AWS_SECRET_ACCESS_KEY", secret: "FAKEsecretEXAMPLEkey0000", in: page, offset: 30),
                object,
            ])], in: temp.workspace)
        let records = try temp.workspace.findings(.space("ENG")).records
        // Every finding's secret (its own too: masking it again changes nothing) and the evidence of
        // objects, one list per version.
        let all = ["4111 1111 1111 1111", "AKIAFAKEEXAMPLE00001", "FAKEsecretEXAMPLEkey0000", "card block"]
        #expect(records.map(\.alsoRedact) == [all, all, all])
        #expect(records[2].finding.evidence.count == 1)
        var streamed: [FindingRecord] = []
        try temp.workspace.forEachFinding(.space("ENG")) { streamed.append($0) }
        #expect(streamed.map(\.alsoRedact) == [all, all, all])
    }
}
