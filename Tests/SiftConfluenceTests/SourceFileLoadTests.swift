import Foundation
import SiftConfluence
import Testing

@Suite struct SourceFileLoadTests {
    private func temporaryFile(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sift-load-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        return url
    }

    @Test(arguments: [0, 1, 4095, 64 * 1024 + 7, 3 * 1024 * 1024])
    func aFileIsReadWhole(size: Int) throws {
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let url = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try SourceFile(path: "f", url: url, size: size).load() == bytes)
    }

    @Test func aMissingFileNamesItsPath() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sift-missing-\(UUID().uuidString)")
        let error = #expect(throws: (any Error).self) { try SourceFile(path: "gone", url: url, size: 0).load() }
        #expect("\(error!)".contains(url.path))
        #expect("\(error!)".contains("No such file"))
    }

    @Test func aDirectoryIsAnErrorNotAnEmptyFile() throws {
        let url = FileManager.default.temporaryDirectory
        #expect(throws: (any Error).self) { try SourceFile(path: "dir", url: url, size: 0).load() }
    }

    @Test func aSpecialFileIsReadToItsEnd() throws {
        // /proc files report size 0 and have content: read to the end, not to the reported size.
        let url = URL(fileURLWithPath: "/proc/self/status")
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        let bytes = try SourceFile(path: "status", url: url, size: 0).load()
        #expect(String(decoding: bytes, as: UTF8.self).contains("Name:"))
    }
}
