import Foundation
import SiftCore
import SiftStore
import Testing

/// A scan killed with SIGKILL leaves the workspace consistent, loses no committed review, and the
/// next run completes the scan.
///
/// The child is `sift-store-torture` (a helper executable of this package): it records content
/// versions in batches and reviews a match after each batch, printing a line after each commit.
/// The test kills it with SIGKILL at a random moment, three times, checking the workspace after
/// each kill, then lets a last run complete the scan.
@Suite struct SIGKILLTests {
    static let versions = 3000
    static let batch = 20
    static let findingsPerVersion = 7
    /// The input the helper records once it has recorded every version.
    static let input = InputRecord(
        path: "/torture/export.zip", state: "state-1", scope: "all", ruleSetFingerprint: "rules-1", settingsFingerprint: "settings-1")

    @Test func aKilledScanLosesNothingCommittedAndResumes() throws {
        let helper = try Self.helperURL()
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        var generator = SystemRandomNumberGenerator()
        var committedReviews = Set<String>()
        var committedBatches = Set<Int>()
        var scanID: ScanID?

        for round in 1...3 {
            let delay = Int.random(in: 10...250, using: &generator)
            let run = try Self.run(helper, workspace: temp.url, killAfterMilliseconds: delay)
            #expect(run.killed, "round \(round): the helper finished before the kill (delay \(delay) ms)")
            for line in run.lines {
                if line.hasPrefix("review ") { committedReviews.insert(String(line.dropFirst(7))) }
                if line.hasPrefix("batch "), let start = Int(line.dropFirst(6)) { committedBatches.insert(start) }
                if line.hasPrefix("scan "), let id = Int64(line.split(separator: " ")[1]) {
                    if let scanID { #expect(ScanID(id) == scanID, "a resumed run continues the same scan") }
                    scanID = ScanID(id)
                    #expect(line.hasSuffix("resumed \(round - 1)"))
                }
            }

            let ws = try Workspace.open(at: temp.url)
            #expect(try ws.integrityCheck() == ["ok"])
            // Every review the helper saw committed is there.
            let reviews = Set(try ws.reviews(space: "TORTURE").map(\.matchText))
            #expect(committedReviews.isSubset(of: reviews), "lost reviews: \(committedReviews.subtracting(reviews).sorted())")
            // Every batch the helper saw committed is there, each version whole (7 findings, 1 attachment).
            let recorded = try ws.scannedVersions(ruleSetFingerprint: "rules-1", settingsFingerprint: "settings-1")
            for start in committedBatches {
                for number in start..<min(start + Self.batch, Self.versions) {
                    #expect(recorded.contains(ContentVersionKey(contentId: "c\(number / 3)", version: "v\(number)")))
                }
            }
            let findings = try ws.findings(.space("TORTURE")).total
            #expect(findings == recorded.count * Self.findingsPerVersion, "a version was recorded in part")
            var attachments = 0
            try ws.forEachAttachmentRecord(spaceKey: "TORTURE") { _ in attachments += 1 }
            #expect(attachments == recorded.count)
            let id = try #require(scanID)
            let scan = try #require(try ws.scan(id))
            #expect(!scan.isComplete)
            #expect(try ws.incompleteScans().map(\.id) == [scan.id])
            #expect(scan.versionsRecorded == recorded.count)
            // The input was not read whole: nothing may say it was.
            #expect(try ws.completedInputs(path: Self.input.path).isEmpty)
        }

        let last = try Self.run(helper, workspace: temp.url, killAfterMilliseconds: nil)
        #expect(!last.killed)
        #expect(last.lines.first == "scan \(scanID!) resumed 3")
        #expect(last.lines.last == "finished")
        let ws = try Workspace.open(at: temp.url)
        #expect(try ws.integrityCheck() == ["ok"])
        let id = try #require(scanID)
        let scan = try #require(try ws.scan(id))
        #expect(scan.isComplete)
        #expect(scan.versionsRecorded == Self.versions, "every version recorded once over all runs")
        #expect(try ws.incompleteScans().isEmpty)
        #expect(try ws.completedInputs(path: Self.input.path).map(\.versions) == [Self.versions])
        let rescan = try ws.beginScan(scope: .space("TORTURE"), ruleSetFingerprint: "rules-1", settingsFingerprint: "settings-1")
        #expect(try ws.reuseCompletedInput(Self.input, scan: rescan)?.scan == id)
        #expect(try ws.findings(.space("TORTURE")).total == Self.versions * Self.findingsPerVersion)
        #expect(try ws.reviews(space: "TORTURE").count >= Self.versions / Self.batch - committedBatches.count)
    }

    struct Run {
        var lines: [String]
        var killed: Bool
    }

    /// Runs the helper; kills it with SIGKILL `killAfterMilliseconds` after its first committed
    /// batch (or lets it finish when `nil`). Returns the complete lines it printed.
    static func run(_ helper: URL, workspace: URL, killAfterMilliseconds: Int?) throws -> Run {
        let process = Process()
        process.executableURL = helper
        process.arguments = [workspace.path, String(versions), String(batch)]
        let pipe = Pipe()
        process.standardOutput = pipe
        let output = OutputCollector()
        pipe.fileHandleForReading.readabilityHandler = { handle in output.append(handle.availableData) }
        try process.run()
        if let delay = killAfterMilliseconds {
            let deadline = Date().addingTimeInterval(60)
            while !output.text.contains("batch "), process.isRunning, Date() < deadline { usleep(1000) }
            usleep(useconds_t(delay * 1000))
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        pipe.fileHandleForReading.readabilityHandler = nil
        output.append(pipe.fileHandleForReading.readDataToEndOfFile())
        let text = output.text
        // Only lines ended by a newline were printed whole.
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeLast()
        return Run(lines: lines, killed: process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)
    }

    /// The helper executable, next to this test bundle in the build products.
    static func helperURL() throws -> URL {
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        if let bundle = Bundle.main.executableURL?.deletingLastPathComponent() { candidates.append(bundle) }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug"))
        for directory in candidates {
            var url = directory
            for _ in 0..<3 {
                let helper = url.appendingPathComponent("sift-store-torture")
                if FileManager.default.isExecutableFile(atPath: helper.path) { return helper }
                url = url.deletingLastPathComponent()
            }
        }
        throw StoreError(code: "helper-missing", "sift-store-torture is not built next to the tests (swift build --product sift-store-torture)")
    }
}

/// Collects a child's output from the pipe's reader thread.
final class OutputCollector: @unchecked Sendable {
    // SAFETY: every access to `data` holds `lock`.
    private let lock = NSLock()
    private var data = Data()

    func append(_ chunk: Data) {
        lock.lock()
        data.append(chunk)
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}
