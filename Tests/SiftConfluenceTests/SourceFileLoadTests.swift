import Foundation
#if canImport(Glibc)
import Glibc
#endif
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

    @Test(arguments: [0, 1, 4096, 4097, 64 * 1024, 64 * 1024 + 7, 3 * 1024 * 1024])
    func checkpointsThatDecideNothingReadTheWholeFile(size: Int) throws {
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let url = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(at: url) }
        var shown: [Int] = []
        let read = try SourceFile(path: "f", url: url, size: size).load(checkpoints: [4096, 64 * 1024]) { head in
            #expect(head == Array(bytes.prefix(head.count)))
            shown.append(head.count)
            return false
        }
        #expect(read.bytes == bytes && !read.decided)
        // Asked only at checkpoints short of the end: a file that ends there is whole, not a head.
        #expect(shown == [4096, 64 * 1024].filter { $0 < size })
    }

    @Test func aCheckpointThatDecidesStopsTheReading() throws {
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        let url = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(at: url) }
        let file = SourceFile(path: "f", url: url, size: bytes.count)
        let first = try file.load(checkpoints: [4096, 64 * 1024]) { _ in true }
        #expect(first.decided && first.bytes == Array(bytes.prefix(4096)))
        let second = try file.load(checkpoints: [4096, 64 * 1024]) { $0.count == 64 * 1024 }
        #expect(second.decided && second.bytes == Array(bytes.prefix(64 * 1024)))
    }

    @Test("a file read as it was listed says so; one written to since says it changed")
    func aLoadComparesTheFileWithItsListing() throws {
        let url = try temporaryFile(Array("FAKE_TOKEN=1\n".utf8))
        defer { try? FileManager.default.removeItem(at: url) }
        var info = stat()
        #expect(stat(url.path, &info) == 0)
        var file = SourceFile(path: "f", url: url, size: Int(info.st_size))
        #expect(try file.load(checkpoints: []) { _ in false }.unchanged == nil, "nothing listed, nothing compared")
        file.listed = FileStamp(info)
        #expect(try file.load(checkpoints: []) { _ in false }.unchanged == true)
        // Same size: the times (or the inode, when replaced) tell the difference.
        try Data("FAKE_TOKEN=2\n".utf8).write(to: url)
        let read = try file.load(checkpoints: []) { _ in false }
        #expect(read.unchanged == false && read.bytes == Array("FAKE_TOKEN=2\n".utf8))
    }

    @Test("a listed size out of date still gives the file's bytes, and says it changed", arguments: [0, 100, 70_000])
    func aListedSizeThatIsOutOfDate(listedSize: Int) throws {
        let bytes = (0..<5_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let url = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(at: url) }
        var info = stat()
        #expect(stat(url.path, &info) == 0)
        info.st_size = off_t(listedSize)
        var file = SourceFile(path: "f", url: url, size: listedSize)
        file.listed = FileStamp(info)
        let read = try file.load(checkpoints: [4096]) { _ in false }
        #expect(read.bytes == bytes && read.unchanged == false)
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
