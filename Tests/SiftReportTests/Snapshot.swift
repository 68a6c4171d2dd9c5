import Foundation
import Testing

/// Compares `bytes` byte for byte with `Snapshots/<name>`; `RECORD_SNAPSHOTS=1` writes it instead.
func expectSnapshot(_ bytes: [UInt8], named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = snapshotDirectory.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
        try? Data(bytes).write(to: url)
        return
    }
    guard let expected = FileManager.default.contents(atPath: url.path) else {
        Issue.record("missing snapshot \(name): run RECORD_SNAPSHOTS=1 swift test --filter SiftReportTests", sourceLocation: sourceLocation)
        return
    }
    if Array(expected) != bytes {
        let actual = url.deletingPathExtension().appendingPathExtension("actual." + url.pathExtension)
        try? Data(bytes).write(to: URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(actual.lastPathComponent))
        Issue.record(
            "\(name) differs from its snapshot; got:\n\(String(decoding: bytes, as: UTF8.self))", sourceLocation: sourceLocation)
    }
}

let testDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let snapshotDirectory = testDirectory.appendingPathComponent("Snapshots")
let repositoryRoot = testDirectory.deletingLastPathComponent().deletingLastPathComponent()
