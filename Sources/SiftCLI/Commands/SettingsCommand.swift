import ArgumentParser
import Sift

/// `sift settings show|set`: the Confluence app's settings, kept in the workspace.
struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings",
        abstract: "Show or change the workspace settings (the Confluence app's names).",
        discussion: """
            Settings: scanAttachments (true), parallelScans (2; 0 = all cores), includePlaintextInExports \
            (false), deduplicateExports (false), logLevelOverride (empty), autoScan (true: rescan only what \
            changed since the last scan with the same rules).
            """,
        subcommands: [Show.self, Set.self],
        defaultSubcommand: Show.self
    )

    /// The settings, with the Confluence app's names.
    static let names = ["autoScan", "scanAttachments", "parallelScans", "logLevelOverride", "includePlaintextInExports",
                        "deduplicateExports"]

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print every setting.")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "Output format: pretty or json.") var format: ExportFormat = .pretty

        func run() throws {
            try runReportingErrors {
                let settings = try workspace.open().settings()
                let values = try SettingsCommand.names.map { ($0, try settings.value(named: $0)) }
                switch format {
                case .json, .jsonl:
                    let members = values.map { name, value in
                        let json = value == "true" || value == "false" || Int(value) != nil ? value : "\"\(value)\""
                        return "  \"\(name)\": \(json)"
                    }
                    print("{\n" + members.joined(separator: ",\n") + "\n}")
                default:
                    for (name, value) in values { print("\(name.padding(toLength: 26, withPad: " ", startingAt: 0)) \(value)") }
                }
                return ExitStatus.clean
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change settings: sift settings set NAME=VALUE …", discussion: "Only the settings given change; all are checked before any is written.")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: ArgumentHelp("Settings to change.", valueName: "name=value")) var assignments: [String]

        func run() throws {
            try runReportingErrors {
                var changes: [String: String] = [:]
                for assignment in assignments {
                    guard let equals = assignment.firstIndex(of: "=") else {
                        throw CLIFailure("'\(assignment)' is not NAME=VALUE", hint: "for example: sift settings set parallelScans=4")
                    }
                    let name = String(assignment[..<equals])
                    let known = SettingsCommand.names
                    guard known.contains(name) else {
                        throw CLIFailure("unknown setting '\(name)'",
                                         hint: closest(to: name, in: known).map { "did you mean \($0)?" } ?? "settings: " + known.joined(separator: ", "))
                    }
                    changes[name] = String(assignment[assignment.index(after: equals)...])
                }
                let settings = try workspace.open().updateSettings(changes)
                for name in changes.keys.sorted() { print("\(name) = \(try settings.value(named: name))") }
                return ExitStatus.clean
            }
        }
    }
}
