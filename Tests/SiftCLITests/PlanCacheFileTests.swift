import Foundation
import Testing

/// The workspace's caches (`plan-cache`, `pack-cache`): written by the first scan, read by later
/// ones, and ignored when damaged; the findings are the same in every case.
@Suite("the workspace's caches")
struct PlanCacheFileTests {
    let sandbox: Sandbox
    init() throws { sandbox = try Sandbox() }

    func cacheFile(_ name: String) -> URL { sandbox.workspace.appendingPathComponent(name) }

    /// The findings of a full scan of the sample export, as JSON Lines.
    func scan() throws -> [String] {
        let run = try sandbox.sift("scan", sampleZip.path, "--full", "--format", "jsonl")
        #expect(run.status == 1, "\(run)")
        return run.lines
    }

    @Test("a scan writes the caches and later scans find the same with them", arguments: ["plan-cache", "pack-cache"])
    func laterScansUseIt(_ name: String) throws {
        let first = try scan()
        #expect(!first.isEmpty)
        let written = try Data(contentsOf: cacheFile(name))
        #expect(written.count > 1000)
        #expect(try scan() == first)
        #expect(try Data(contentsOf: cacheFile(name)) == written, "a scan that found everything cached leaves the file alone")
    }

    @Test("a damaged or foreign cache is ignored and replaced",
          arguments: ["plan-cache", "pack-cache"], ["truncated", "flipped", "garbage"])
    func damagedCacheIsIgnored(_ name: String, _ damage: String) throws {
        let first = try scan()
        let cacheFile = cacheFile(name)
        var bytes = [UInt8](try Data(contentsOf: cacheFile))
        switch damage {
        case "truncated": bytes.removeLast(bytes.count / 3)
        case "flipped": bytes[bytes.count / 2] ^= 0x01
        default: bytes = Array("SIFTPLAN but not really a plan cache".utf8)
        }
        try Data(bytes).write(to: cacheFile)
        #expect(try scan() == first)
        let rewritten = [UInt8](try Data(contentsOf: cacheFile))
        #expect(rewritten != bytes && rewritten.count > 1000)
    }
}
