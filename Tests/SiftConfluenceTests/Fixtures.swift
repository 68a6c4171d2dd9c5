import Foundation
import Testing

/// Paths of the shared fixtures (`../shared/fixtures` next to the repository) and of this target's own.
enum Fixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let shared = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures")
    static let own = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A shared fixture. A clone placed elsewhere than next to `shared/` fails here with that said,
    /// rather than with "no such file" in every fixture test.
    static func shared(_ path: String) -> URL {
        if !FileManager.default.fileExists(atPath: shared.path) {
            Issue.record("""
                the shared fixtures are not at \(shared.path): clone the repository next to the \
                shared/ directory (the tests read ../shared/fixtures)
                """)
        }
        return shared.appendingPathComponent(path)
    }

    static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }
}
