import Foundation
import Testing

/// README, "Exit status": 0 no unreviewed finding, 1 unreviewed findings, 2 errors (errors win).
@Suite("exit status")
struct ExitStatusTests {
    let sandbox: Sandbox
    init() throws { sandbox = try Sandbox() }

    @Test("clean input exits 0")
    func cleanInput() throws {
        let run = try sandbox.sift("scan", try sandbox.cleanInput().path)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
        #expect(unreviewedCount(run) == 0, "\(run)")
    }

    @Test("findings exit 1")
    func findings() throws {
        let run = try sandbox.sift("scan", sampleZip.path)
        #expect(run.status == 1, "\(run)")
    }

    @Test("a path that does not exist exits 2, naming it")
    func missingPath() throws {
        let run = try sandbox.sift("scan", "no-such-export.zip")
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("no-such-export.zip"), "\(run)")
        #expect(run.stdout.isEmpty)
        expectNoStackTrace(run)
    }

    @Test("a truncated export zip exits 2, naming it", arguments: ["truncated", "garbage"])
    func corruptZip(kind: String) throws {
        let bytes = try Data(contentsOf: sampleZip)
        let data = kind == "truncated" ? bytes.prefix(bytes.count / 2) : Data((0..<600).map { UInt8(truncatingIfNeeded: $0 &* 37) })
        let zip = try sandbox.write("broken-export.zip", Data(data))
        let run = try sandbox.sift("scan", zip.path)
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("broken-export.zip"), "\(run)")
        expectNoStackTrace(run)
    }

    @Test("a malformed entities.xml exits 2, naming the file and line")
    func malformedExport() throws {
        let export = sandbox.directory.appendingPathComponent("broken-export")
        try FileManager.default.copyItem(at: sampleDirectory, to: export)
        let entities = export.appendingPathComponent("entities.xml")
        let text = try String(contentsOf: entities, encoding: .utf8)
        try String(text.prefix(text.count / 2)).write(to: entities, atomically: true, encoding: .utf8)
        let run = try sandbox.sift("scan", export.path)
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("entities.xml:"), "\(run)")
        expectNoStackTrace(run)
    }

    @Test("errors win over findings")
    func errorsWin() throws {
        let zip = try sandbox.write("broken-export.zip", Data(try Data(contentsOf: sampleZip).prefix(1000)))
        let run = try sandbox.sift("scan", sampleZip.path, zip.path, "--format", "jsonl")
        #expect(run.status == 2, "\(run)")
        #expect(!run.lines.isEmpty, "the findings of the good input are still reported")
        #expect(run.stderr.contains("broken-export.zip"), "\(run)")
    }

    @Test("when every finding is reviewed the scan exits 0")
    func allReviewed() throws {
        #expect(try sandbox.sift("scan", sampleZip.path).status == 1)
        let findings = try sandbox.sift("findings", "--format", "json", "--show-secrets").jsonObjects()
        var reviewed = Set<String>()
        for finding in findings {
            let rule = try #require(finding["ruleName"] as? String)
            let match = try #require(finding["matchText"] as? String)
            guard reviewed.insert(rule + "\u{0}" + match).inserted else { continue }
            let run = try sandbox.sift("review", "add", "--space", "OPS", "--match-text=" + match, "--rule", rule, "--by", "tester")
            #expect(run.status == 0, "\(run)")
        }
        let rescan = try sandbox.sift("scan", sampleZip.path)
        #expect(rescan.status == 0, "\(rescan)")
        #expect(unreviewedCount(rescan) == 0, "\(rescan)")
        #expect(try sandbox.sift("findings", "--reviewed", "false", "--format", "jsonl").lines.isEmpty)
    }

    @Test("bad arguments exit 2 with the usage, not ArgumentParser's 64",
          arguments: [["findings", "--bogus"], ["scan"], ["scan", ".", "--parallel", "x"], ["findings", "--created-when", "2024-01-01"]])
    func badArguments(arguments: [String]) throws {
        let run = try sandbox.sift(arguments)
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("Usage: sift"), "\(run)")
        expectNoStackTrace(run)
    }

    @Test("--help and --version exit 0")
    func helpAndVersion() throws {
        let help = try sandbox.sift("--help")
        #expect(help.status == 0, "\(help)")
        #expect(help.stdout.contains("scan"))
        let version = try sandbox.sift("version")
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("sift "))
    }
}
