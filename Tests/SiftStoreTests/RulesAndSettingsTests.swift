import Foundation
import SiftStore
import Testing

@Suite struct RulesAndSettingsTests {
    @Test func settingsHaveTheAppsNamesAndDefaultsAndPersist() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        let defaults = try ws.settings()
        #expect(defaults == Settings(scanAttachments: true, parallelScans: 2, includePlaintextInExports: false, deduplicateExports: false, logLevelOverride: nil, autoScan: true))
        #expect(try Settings.names.map { try defaults.value(named: $0) } == ["true", "true", "2", "", "false", "false"])
        try ws.updateSettings(["parallelScans": "0", "deduplicateExports": "true", "logLevelOverride": "DEBUG"])
        let changed = try Workspace.open(at: temp.url).settings()
        #expect(changed.parallelScans == 0)
        #expect(changed.workerCount == ProcessInfo.processInfo.activeProcessorCount)
        #expect(changed.deduplicateExports)
        #expect(changed.deduplicate(nil) && !changed.deduplicate(false))
        #expect(changed.logLevelOverride == "debug")
        #expect(changed.scanAttachments)  // untouched
        try ws.updateSettings(["logLevelOverride": ""])
        #expect(try ws.settings().logLevelOverride == nil)
    }

    @Test func aBadSettingChangesNothing() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        let bad = #expect(throws: StoreError.self) { try ws.updateSettings(["autoScan": "false", "parallelScans": "-1"]) }
        #expect(bad?.code == "invalid-setting")
        let unknown = #expect(throws: StoreError.self) { try ws.updateSettings(["emailForNewFindings": "true"]) }
        #expect(unknown?.code == "unknown-setting")
        #expect(throws: StoreError.self) { try ws.updateSettings(["scanAttachments": "yes"]) }
        #expect(try ws.settings() == Settings())
    }

    @Test func builtInRuleStatesAndCustomRules() throws {
        let temp = try TemporaryWorkspace()
        defer { temp.cleanUp() }
        let ws = temp.workspace
        try ws.setBuiltInRule("AWS_CLIENT_ID", enabled: false)
        try ws.setBuiltInRule("EMAIL_ADDRESS", enabled: false)
        try ws.setBuiltInRule("EMAIL_ADDRESS", enabled: true)
        #expect(try ws.builtInRuleStates() == ["AWS_CLIENT_ID": false, "EMAIL_ADDRESS": true])

        let first = try ws.addCustomRule(name: "ACME_TOKEN", regexp: "acme_[a-z0-9]{32}")
        let second = try ws.addCustomRule(name: "ACME_OLD", regexp: "acmeold_[0-9]+", enabled: false)
        #expect(first.id != second.id)
        #expect(try ws.customRules().map(\.name) == ["ACME_TOKEN", "ACME_OLD"])
        let duplicate = #expect(throws: StoreError.self) { try ws.addCustomRule(name: "ACME_TOKEN", regexp: "x") }
        #expect(duplicate?.code == "custom-rule-exists")
        try ws.setCustomRule(id: second.id, enabled: true)
        try ws.deleteCustomRule(id: first.id)
        #expect(try ws.customRules().map { "\($0.name):\($0.enabled)" } == ["ACME_OLD:true"])
        let missing = #expect(throws: StoreError.self) { try ws.deleteCustomRule(id: first.id) }
        #expect(missing?.code == "unknown-custom-rule")
        // Ids are never reused.
        #expect(try ws.addCustomRule(name: "ACME_NEW", regexp: "n").id > second.id)
    }
}
