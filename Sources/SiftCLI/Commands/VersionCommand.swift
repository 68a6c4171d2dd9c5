import ArgumentParser
import Sift

/// `sift version`.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print Sift's version.")

    func run() throws {
        print("sift \(SiftVersion.current)")
    }
}
