import Foundation
import Testing

@Suite("settings")
struct SettingsTests {
    let sandbox: Sandbox
    init() throws { sandbox = try Sandbox() }

    func settings() throws -> [String: Any] {
        let run = try sandbox.sift("settings", "show", "--format", "json")
        #expect(run.status == 0, "\(run)")
        return try #require(try run.json() as? [String: Any])
    }

    @Test("the defaults are the README's")
    func defaults() throws {
        let settings = try settings()
        #expect(settings["scanAttachments"] as? Bool == true)
        #expect(settings["parallelScans"] as? Int == 2)
        #expect(settings["includePlaintextInExports"] as? Bool == false)
        #expect(settings["deduplicateExports"] as? Bool == false)
        #expect(settings["logLevelOverride"] as? String == "")
        #expect(settings["autoScan"] as? Bool == true)
    }

    @Test("set, then show")
    func roundTrip() throws {
        let set = try sandbox.sift("settings", "set", "parallelScans=4", "deduplicateExports=true", "logLevelOverride=debug")
        #expect(set.status == 0, "\(set)")
        #expect(set.stdout.contains("parallelScans = 4"), "\(set)")

        let show = try sandbox.sift("settings", "show")
        #expect(show.status == 0)
        #expect(show.lines.contains { $0.hasPrefix("parallelScans ") && $0.hasSuffix(" 4") }, "\(show)")
        #expect(show.lines.contains { $0.hasPrefix("deduplicateExports ") && $0.hasSuffix(" true") }, "\(show)")
        // `sift settings` alone shows them too.
        #expect(try sandbox.sift("settings").stdout == show.stdout)

        let settings = try settings()
        #expect(settings["parallelScans"] as? Int == 4)
        #expect(settings["deduplicateExports"] as? Bool == true)
        #expect(settings["logLevelOverride"] as? String == "debug")
        #expect(settings["autoScan"] as? Bool == true, "settings not named keep their value")
    }

    @Test("an unknown setting exits 2 naming it, with a suggestion, and changes nothing")
    func unknownKey() throws {
        let run = try sandbox.sift("settings", "set", "deduplicateExports=true", "paralelScans=4")
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("'paralelScans'"), "\(run)")
        #expect(run.stderr.contains("did you mean parallelScans?"), "\(run)")
        expectNoStackTrace(run)
        #expect(try settings()["deduplicateExports"] as? Bool == false)
    }

    @Test("a bad value exits 2 naming the setting, and changes nothing",
          arguments: ["parallelScans=-1", "parallelScans=many", "autoScan=yes", "logLevelOverride=loud"])
    func badValue(assignment: String) throws {
        let run = try sandbox.sift("settings", "set", "deduplicateExports=true", assignment)
        #expect(run.status == 2, "\(run)")
        let name = String(assignment.prefix { $0 != "=" })
        #expect(run.stderr.contains(name), "\(run)")
        expectNoStackTrace(run)
        #expect(try settings()["deduplicateExports"] as? Bool == false)
    }

    @Test("an assignment without = says how to write one")
    func notAnAssignment() throws {
        let run = try sandbox.sift("settings", "set", "parallelScans")
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("parallelScans=4"), "\(run)")
    }

    @Test("includePlaintextInExports decides what pipes and exports show")
    func plaintextSetting() throws {
        #expect(try sandbox.sift("scan", sampleZip.path).status == 1)
        let key = "AKIAZ7Q4FAKESAMPLE7Q"
        #expect(!(try sandbox.sift("findings", "--format", "jsonl").stdout.contains(key)))
        #expect(try sandbox.sift("settings", "set", "includePlaintextInExports=true").status == 0)
        #expect(try sandbox.sift("findings", "--format", "jsonl").stdout.contains(key))
        #expect(try sandbox.sift("export", "findings").stdout.contains(key))
    }
}
