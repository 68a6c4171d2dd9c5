import Foundation

extension Workspace {
    /// The environment variable that names the workspace directory.
    public static let environmentVariable = "SIFT_WORKSPACE"

    /// The workspace directory to use: the explicit path (`--workspace`) if given, else
    /// `$SIFT_WORKSPACE`, else `.sift` in the current directory. Relative paths are resolved
    /// against `currentDirectory`.
    public static func location(
        explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) -> URL {
        let chosen: String
        if let explicit, !explicit.isEmpty {
            chosen = explicit
        } else if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty {
            chosen = fromEnvironment
        } else {
            chosen = ".sift"
        }
        if chosen.hasPrefix("/") { return URL(fileURLWithPath: chosen).standardizedFileURL }
        return currentDirectory.appendingPathComponent(chosen).standardizedFileURL
    }
}
