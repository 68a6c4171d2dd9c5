import Foundation
import SiftCore

/// The workspace settings, with the Confluence app's names, types and defaults
/// (`GET settings`, `PUT settings?name=value`).
public struct Settings: Hashable, Sendable, Codable {
    /// Whether attachments are scanned (text extracted from documents). Default `true`.
    public var scanAttachments: Bool
    /// How many content items are scanned at once. Default 2; 0 means one per core.
    public var parallelScans: Int
    /// Whether exports carry secrets in plaintext. Default `false`: a redacted form and a fingerprint.
    public var includePlaintextInExports: Bool
    /// Whether exports are deduplicated by default (the export's `deduplicate` parameter wins).
    /// Default `false`.
    public var deduplicateExports: Bool
    /// A log level that overrides the default one: `error`, `warn`, `info`, `debug` or `trace`;
    /// `nil` for none.
    public var logLevelOverride: String?
    /// Offline meaning: a scan skips content versions already scanned with the same rule set and
    /// settings, so a rescan covers only what changed. Default `true`.
    public var autoScan: Bool

    /// The setting names, in the order `GET settings` lists them.
    public static let names = [
        "autoScan", "scanAttachments", "parallelScans", "logLevelOverride", "includePlaintextInExports",
        "deduplicateExports",
    ]

    /// The log levels `logLevelOverride` accepts.
    public static let logLevels = ["error", "warn", "info", "debug", "trace"]

    /// Settings; the defaults are the app's.
    public init(
        scanAttachments: Bool = true, parallelScans: Int = 2, includePlaintextInExports: Bool = false,
        deduplicateExports: Bool = false, logLevelOverride: String? = nil, autoScan: Bool = true
    ) {
        self.scanAttachments = scanAttachments
        self.parallelScans = parallelScans
        self.includePlaintextInExports = includePlaintextInExports
        self.deduplicateExports = deduplicateExports
        self.logLevelOverride = logLevelOverride
        self.autoScan = autoScan
    }

    /// The number of workers `parallelScans` asks for on this machine (0: every active core).
    public var workerCount: Int {
        parallelScans == 0 ? max(1, ProcessInfo.processInfo.activeProcessorCount) : parallelScans
    }

    /// Whether an export deduplicates: the explicit parameter if given, else `deduplicateExports`.
    public func deduplicate(_ parameter: Bool?) -> Bool { parameter ?? deduplicateExports }

    /// A setting's value as text, as `GET settings` shows it (`""` for an unset log level).
    public func value(named name: String) throws(StoreError) -> String {
        switch name {
        case "autoScan": String(autoScan)
        case "scanAttachments": String(scanAttachments)
        case "parallelScans": String(parallelScans)
        case "logLevelOverride": logLevelOverride ?? ""
        case "includePlaintextInExports": String(includePlaintextInExports)
        case "deduplicateExports": String(deduplicateExports)
        default: throw Self.unknown(name)
        }
    }

    /// Sets a setting from text, as `PUT settings?name=value` does: booleans are `true`/`false`,
    /// `parallelScans` a whole number ≥ 0, `logLevelOverride` a level or empty for none.
    public mutating func set(_ name: String, to text: String) throws(StoreError) {
        func bool() throws(StoreError) -> Bool {
            switch text.lowercased() {
            case "true": return true
            case "false": return false
            default: throw StoreError(code: "invalid-setting", "\(name) must be true or false, not \"\(text)\"")
            }
        }
        switch name {
        case "autoScan": autoScan = try bool()
        case "scanAttachments": scanAttachments = try bool()
        case "includePlaintextInExports": includePlaintextInExports = try bool()
        case "deduplicateExports": deduplicateExports = try bool()
        case "parallelScans":
            guard let count = Int(text), count >= 0 else {
                throw StoreError(code: "invalid-setting", "parallelScans must be a whole number, 0 or more (0: all cores), not \"\(text)\"")
            }
            parallelScans = count
        case "logLevelOverride":
            let level = text.lowercased()
            if level.isEmpty || level == "none" {
                logLevelOverride = nil
            } else {
                guard Self.logLevels.contains(level) else {
                    throw StoreError(
                        code: "invalid-setting",
                        "logLevelOverride must be one of \(Self.logLevels.joined(separator: ", ")) or empty, not \"\(text)\"")
                }
                logLevelOverride = level
            }
        default:
            throw Self.unknown(name)
        }
    }

    private static func unknown(_ name: String) -> StoreError {
        StoreError(code: "unknown-setting", "unknown setting \"\(name)\" (settings: \(names.joined(separator: ", ")))")
    }
}
