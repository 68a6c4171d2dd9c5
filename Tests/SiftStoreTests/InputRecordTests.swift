import Foundation
import SiftCore
import SiftStore
import Testing

/// Whole inputs read to their end are remembered, and reused only while nothing about them changed.
@Suite struct InputRecordTests {
    static let input = InputRecord(
        path: "/exports/eng.zip", state: "state-1", scope: "all", ruleSetFingerprint: "rules-1", settingsFingerprint: "s-1")

    /// Records two versions of space ENG (one with a finding) read from `input` in a finished scan.
    static func recordInput(_ ws: Workspace, rules: String = "rules-1") throws -> (ScanID, [ContentVersionKey]) {
        let v1 = Samples.page(id: "100", version: 1, of: 2)
        let v2 = Samples.page(id: "100", version: 2, of: 2)
        let scan = try ws.beginScan(scope: .space("ENG"), ruleSetFingerprint: rules, settingsFingerprint: "s-1")
        try ws.record([Samples.result(v1, [Samples.finding("AKIAFAKEEXAMPLE00001", in: v1)]), Samples.result(v2, [])], scan: scan)
        var input = input
        input.ruleSetFingerprint = rules
        let keys = [ContentVersionKey(provenance: v1), ContentVersionKey(provenance: v2)]
        try ws.recordCompletedInput(
            input, versions: keys, diagnostics: [Diagnostic(.warning, code: "odd", "an odd object", at: SourceLocation(file: "entities.xml"))],
            scan: scan)
        try ws.finishScan(scan)
        return (scan, keys)
    }

    @Test func anUnchangedInputIsReusedAndItsVersionsAreCoveredByTheNewScan() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        let (first, _) = try Self.recordInput(ws)
        let second = try ws.beginScan(scope: .space("ENG"), ruleSetFingerprint: "rules-1", settingsFingerprint: "s-1")
        let reused = try #require(try ws.reuseCompletedInput(Self.input, scan: second))
        #expect(reused.scan == first)
        #expect(reused.versions == 2)
        #expect(reused.diagnostics.map(\.code) == ["odd"])
        #expect(try ws.findings(.scan(second)).records.map(\.finding.matchText) == ["AKIAFAKEEXAMPLE00001"])
        #expect(try ws.findings(.scan(first)).total == 0)
        #expect(try ws.completedInputs(path: Self.input.path).count == 1)
    }

    @Test("a tree of 250 files is remembered whole, across the inserts' row groups")
    func aLargeInputKeepsEveryVersion() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        let first = try ws.beginScan(scope: .files("tree"), ruleSetFingerprint: "rules-1", settingsFingerprint: "s-1")
        let results = (0..<250).map { index in
            let provenance = Provenance.file("src/file\(index).py")
            let finding = Samples.finding("AKIAFAKEEXAMPLE\(10_000 + index)", in: provenance)
            return ContentVersionResult(provenance: provenance, contentHash: "size:\(index)", findings: [finding])
        }
        try ws.record(results, scan: first)
        var input = Self.input
        input.path = "/trees/src"
        try ws.recordCompletedInput(input, versions: results.map(\.key) + [results[7].key], scan: first)
        try ws.finishScan(first)
        let second = try ws.beginScan(scope: .files("tree"), ruleSetFingerprint: "rules-1", settingsFingerprint: "s-1")
        #expect(try ws.reuseCompletedInput(input, scan: second)?.versions == 250)
        // Every version was remembered: the reuse marked each one covered by the new scan.
        #expect(try ws.findings(.scan(second)).total == 250)
        // And each is part of the record: one rescanned with other rules makes it stale.
        let third = try ws.beginScan(scope: .files("tree"), ruleSetFingerprint: "rules-2", settingsFingerprint: "s-1")
        try ws.record([results[249]], scan: third)
        #expect(try ws.reuseCompletedInput(input, scan: second) == nil)
    }

    @Test("recording the same reading again keeps one record, with the versions given last")
    func recordingAgainReplacesTheVersions() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        let results = (0..<4).map { index in
            let provenance = Provenance.file("src/file\(index).py")
            return ContentVersionResult(provenance: provenance, contentHash: "size:\(index)",
                                        findings: [Samples.finding("AKIAFAKEEXAMPLE\(20_000 + index)", in: provenance)])
        }
        var input = Self.input
        input.path = "/trees/src"
        let first = try ws.beginScan(scope: .files("tree"), ruleSetFingerprint: "rules-1", settingsFingerprint: "s-1")
        try ws.record(results, scan: first)
        try ws.recordCompletedInput(input, versions: results.prefix(3).map(\.key), scan: first)
        try ws.finishScan(first)
        let second = try ws.beginScan(scope: .files("tree"), ruleSetFingerprint: "rules-1", settingsFingerprint: "s-1")
        input.state = "state-2"
        try ws.recordCompletedInput(input, versions: results.suffix(3).map(\.key), scan: second)
        try ws.finishScan(second)
        #expect(try ws.completedInputs(path: input.path).map(\.scan) == [second])
        let third = try ws.beginScan(scope: .files("tree"), ruleSetFingerprint: "rules-1", settingsFingerprint: "s-1")
        #expect(try ws.reuseCompletedInput(input, scan: third)?.versions == 3)
        #expect(try ws.findings(.scan(third)).records.map(\.finding.matchText).sorted()
                == ["AKIAFAKEEXAMPLE20001", "AKIAFAKEEXAMPLE20002", "AKIAFAKEEXAMPLE20003"])
    }

    @Test func anyDifferenceInPathStateScopeRulesOrSettingsIsNotReused() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        _ = try Self.recordInput(ws)
        let scan = try ws.beginScan(scope: .space("ENG"), ruleSetFingerprint: "rules-1", settingsFingerprint: "s-1")
        let changes: [WritableKeyPath<InputRecord, String>] = [\.path, \.state, \.scope, \.ruleSetFingerprint, \.settingsFingerprint]
        for change in changes {
            var other = Self.input
            other[keyPath: change] += "-other"
            #expect(try ws.reuseCompletedInput(other, scan: scan) == nil, "\(change)")
        }
        #expect(try ws.findings(.scan(scan)).total == 0, "nothing was touched")
    }

    @Test func aVersionRescannedWithOtherRulesMakesTheRecordStale() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        _ = try Self.recordInput(ws)
        // Another scan records one of the input's versions with other rules: its findings are theirs now.
        let v1 = Samples.page(id: "100", version: 1, of: 2)
        try Samples.record([Samples.result(v1, [])], in: ws, rules: "rules-2")
        let scan = try ws.beginScan(scope: .space("ENG"), ruleSetFingerprint: "rules-1", settingsFingerprint: "s-1")
        #expect(try ws.reuseCompletedInput(Self.input, scan: scan) == nil)
    }

    @Test func aReplacedFileMakesTheRecordStale() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        let old = ContentVersionResult(provenance: .file("notes.txt"), contentHash: "size:1,mtime:1", findings: [])
        let scan = try ws.beginScan(scope: .files("tree"), ruleSetFingerprint: "rules-1", settingsFingerprint: "s-1")
        try ws.record([old], scan: scan)
        var input = Self.input
        input.path = "/tree"
        try ws.recordCompletedInput(input, versions: [old.key], scan: scan)
        try ws.finishScan(scan)
        // The same path scanned from elsewhere in a newer version replaces the old one.
        let newer = ContentVersionResult(provenance: .file("notes.txt"), contentHash: "size:2,mtime:2", findings: [])
        let other = try ws.beginScan(scope: .files("elsewhere"), ruleSetFingerprint: "rules-1", settingsFingerprint: "s-1")
        try ws.record([newer], scan: other)
        #expect(try ws.reuseCompletedInput(input, scan: other) == nil)
    }

    @Test func recordingAgainReplacesTheEarlierRecord() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        let (first, keys) = try Self.recordInput(ws)
        var changed = Self.input
        changed.state = "state-2"
        try ws.recordCompletedInput(changed, versions: keys, scan: first)
        let scan = try ws.beginScan(scope: .space("ENG"), ruleSetFingerprint: "rules-1", settingsFingerprint: "s-1")
        #expect(try ws.reuseCompletedInput(Self.input, scan: scan) == nil, "the old state is forgotten")
        #expect(try ws.reuseCompletedInput(changed, scan: scan)?.diagnostics == [])
        #expect(try ws.completedInputs(path: Self.input.path).count == 1)
    }
}
