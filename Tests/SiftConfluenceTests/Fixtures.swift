import Foundation

/// Paths of the shared fixtures (`../shared/fixtures` next to the repository) and of this target's own.
enum Fixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let shared = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures")
    static let own = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func shared(_ path: String) -> URL { shared.appendingPathComponent(path) }

    static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }
}
