import ArgumentParser
import Foundation
import Sift

/// `sift rules …`: built-in and custom rules as the Confluence app manages them, and the pack linter.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List, show, enable, disable, add and delete rules; check a pack file.",
        subcommands: [List.self, Show.self, Enable.self, Disable.self, Add.self, Delete.self, Check.self],
        defaultSubcommand: List.self
    )

    /// Every built-in rule id (patterns that report, and objects).
    static func builtInIDs() throws -> [String] {
        try BuiltinPacks.all().flatMap { pack in pack.patterns.filter(\.report).map(\.id) + pack.objects.map(\.id) }
    }

    /// A built-in rule id, or a failure that suggests the closest one.
    static func requireBuiltIn(_ name: String) throws -> String {
        let ids = try builtInIDs()
        guard ids.contains(name) else {
            let hint = closest(to: name, in: ids).map { "did you mean \($0)?" } ?? "list them with: sift rules list"
            throw CLIFailure("no built-in rule named '\(name)'", hint: hint)
        }
        return name
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Every rule: built-in (with its state) and custom.")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "Output format: pretty or json.") var format: ExportFormat = .pretty

        func run() throws {
            try runReportingErrors {
                let store = try workspace.open()
                let states = try store.builtInRuleStates()
                var rows: [[String]] = []
                for pack in try BuiltinPacks.all() {
                    for pattern in pack.patterns where pattern.report {
                        rows.append([pattern.id, "built-in", pack.id, pattern.severity.rawValue,
                                     String(states[pattern.id] ?? true), pattern.name])
                    }
                    for object in pack.objects {
                        rows.append([object.id, "built-in", pack.id, object.severity.rawValue,
                                     String(states[object.id] ?? true), object.name])
                    }
                }
                for rule in try store.customRules() {
                    rows.append([rule.name, "custom #\(rule.id)", "custom", "medium", String(rule.enabled), rule.regexp])
                }
                if format == .json || format == .jsonl {
                    let objects = rows.map { row in
                        "{\"name\":\(jsonString(row[0])),\"kind\":\(jsonString(row[1])),\"pack\":\(jsonString(row[2])),"
                            + "\"severity\":\(jsonString(row[3])),\"enabled\":\(row[4]),\"description\":\(jsonString(row[5]))}"
                    }
                    print("[\n" + objects.joined(separator: ",\n") + "\n]")
                } else {
                    printTable(["RULE", "KIND", "PACK", "SEVERITY", "ENABLED", "NAME / REGEXP"], rows)
                }
                return ExitStatus.clean
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Everything about one rule, and how the matcher runs it.")
        @Argument(help: "The rule's name, e.g. AWS_CLIENT_ID.") var name: String
        @OptionGroup var workspace: WorkspaceOptions

        func run() throws {
            try runReportingErrors {
                let store = try workspace.open()
                let engine = try RuleSources.engine([], workspace: store, cacheDirectory: .standard())
                if let pattern = try BuiltinPacks.all().flatMap(\.patterns).first(where: { $0.id == name })
                    ?? engine.patterns.first(where: { $0.id == name })
                {
                    print("\(pattern.id) — \(pattern.name)")
                    if !pattern.description.isEmpty { print(pattern.description) }
                    print("category: \(pattern.category), severity: \(pattern.severity.rawValue), enabled: \(engine.patterns.contains { $0.id == name })")
                    for regex in pattern.regexes { print("regex: \(regex)") }
                    for rule in engine.compiledRules where rule.spec.name == name || rule.spec.name.hasPrefix(name + "#") {
                        let plan = rule.plan
                        print("matcher: \(plan.strategy.rawValue)" + (plan.reason.map { " (\($0))" } ?? "")
                              + (plan.literals.isEmpty ? "" : "; literals: " + plan.literals.map(\.description).joined(separator: ", ")))
                    }
                    if !pattern.validators.isEmpty { print("validators: " + pattern.validators.map(\.description).joined(separator: ", ")) }
                    if !pattern.examples.isEmpty { print("examples:"); pattern.examples.forEach { print("  \($0)") } }
                    return ExitStatus.clean
                }
                if let object = try BuiltinPacks.all().flatMap(\.objects).first(where: { $0.id == name }) {
                    print("\(object.id) — \(object.name)\n\(object.description)\nseverity: \(object.severity.rawValue)\nexpression: \(object.expressionSource)")
                    return ExitStatus.clean
                }
                let ids = try builtInIDs() + store.customRules().map(\.name)
                throw CLIFailure("no rule named '\(name)'", hint: closest(to: name, in: ids).map { "did you mean \($0)?" })
            }
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "enable", abstract: "Switch a built-in rule on (or a custom rule, by its id).")
        @Argument(help: "A built-in rule's name, or a custom rule's id.") var name: String
        @OptionGroup var workspace: WorkspaceOptions
        func run() throws { try runReportingErrors { try setEnabled(name, true, workspace) } }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "disable", abstract: "Switch a built-in rule off (or a custom rule, by its id).")
        @Argument(help: "A built-in rule's name, or a custom rule's id.") var name: String
        @OptionGroup var workspace: WorkspaceOptions
        func run() throws { try runReportingErrors { try setEnabled(name, false, workspace) } }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a custom rule, as the app's REST API does ({name, regexp, enabled}).")
        @Option(help: "The rule's name, shown in findings.") var name: String
        @Option(help: "A PCRE2 regular expression; the whole match is reported.") var regexp: String
        @Option(help: "Whether it is on (default true).") var enabled = true
        @OptionGroup var workspace: WorkspaceOptions

        func run() throws {
            try runReportingErrors {
                if let error = CompiledRuleSet.check(RuleSpec(name: name, pattern: regexp)) {
                    let pointer = error.patternOffset.map { String(repeating: " ", count: $0) + "^" }
                    throw CLIFailure("PCRE2 rejects the regexp: \(error.message)\n  \(regexp)" + (pointer.map { "\n  \($0)" } ?? ""),
                                     hint: error.patternOffset.map { "the problem is at character \($0 + 1)" })
                }
                if try builtInIDs().contains(name) {
                    throw CLIFailure("'\(name)' is the name of a built-in rule", hint: "choose another name")
                }
                let store = try workspace.open()
                if try store.customRules().contains(where: { $0.name == name }) {
                    throw CLIFailure("a custom rule named '\(name)' exists already", hint: "delete it first, or choose another name")
                }
                let rule = try store.addCustomRule(name: name, regexp: regexp, enabled: enabled)
                let plan = LiteralExtractor.plan(pattern: regexp)
                print("added custom rule #\(rule.id) \(rule.name)")
                if plan.strategy != .windowed {
                    reportWarning("the rule is \(plan.strategy.rawValue)" + (plan.reason.map { ": \($0)" } ?? "")
                                  + "; it will cost more than others (see sift bench)")
                }
                return ExitStatus.clean
            }
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a custom rule by its id (sift rules list shows it).")
        @Argument(help: "The custom rule's id.") var id: Int64
        @OptionGroup var workspace: WorkspaceOptions

        func run() throws {
            try runReportingErrors {
                try workspace.open().deleteCustomRule(id: id)
                print("deleted custom rule #\(id)")
                return ExitStatus.clean
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check pack files: load errors (with file:line:column), and lint warnings.",
            discussion: "Warnings: rules the prefilter cannot filter, rules of unbounded length, examples that do not match, negative examples that do.")
        @Argument(help: ArgumentHelp("Pack files (default: the built-in packs).", valueName: "file")) var files: [String] = []
        @Flag(name: .customLong("warnings-as-errors"), help: "Exit 2 on warnings too.") var warningsAsErrors = false

        func run() throws {
            try runReportingErrors {
                let packs: [Pack]
                do {
                    packs = try RuleSources.packs(files)
                } catch let error as PackLoadError {
                    for problem in error.problems { Terminal.diagnostic(problem.description) }
                    Terminal.diagnostic("\(error.problems.count) error\(error.problems.count == 1 ? "" : "s")")
                    return ExitStatus.error
                }
                let problems = try PackLinter.lint(packs)
                for problem in problems { Terminal.diagnostic(problem.description) }
                let patterns = packs.reduce(0) { $0 + $1.patterns.count }
                let objects = packs.reduce(0) { $0 + $1.objects.count }
                Terminal.diagnostic("\(packs.count) pack\(packs.count == 1 ? "" : "s"), \(patterns) patterns, \(objects) objects: "
                                    + "\(problems.count) warning\(problems.count == 1 ? "" : "s")")
                return warningsAsErrors && !problems.isEmpty ? ExitStatus.error : ExitStatus.clean
            }
        }
    }
}

private func setEnabled(_ name: String, _ enabled: Bool, _ workspace: WorkspaceOptions) throws -> Int32 {
    let store = try workspace.open()
    if let id = Int64(name) {
        try store.setCustomRule(id: id, enabled: enabled)
        print("custom rule #\(id) \(enabled ? "enabled" : "disabled")")
    } else {
        try store.setBuiltInRule(try RulesCommand.requireBuiltIn(name), enabled: enabled)
        print("\(name) \(enabled ? "enabled" : "disabled")")
    }
    return ExitStatus.clean
}

/// A plain table on standard output.
func printTable(_ header: [String], _ rows: [[String]]) {
    var widths = header.map(\.count)
    for row in rows { for (i, cell) in row.enumerated() { widths[i] = min(max(widths[i], cell.count), 60) } }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { i, cell in
            let text = cell.count > widths[i] ? String(cell.prefix(widths[i] - 1)) + "…" : cell
            return i == cells.count - 1 ? text : text.padding(toLength: widths[i], withPad: " ", startingAt: 0)
        }.joined(separator: "  ")
    }
    print(line(header))
    for row in rows { print(line(row)) }
}

/// A JSON string literal.
func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        default:
            if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
        }
    }
    return out + "\""
}
