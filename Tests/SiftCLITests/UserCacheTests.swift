import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The user's cache directory (SIFT_CACHE_DIR, XDG_CACHE_HOME/sift, ~/.cache/sift): the parsed
/// built-in packs and the rules' literal plans, shared by every workspace so that a first scan into
/// a new workspace and `sift bench` skip analysing them again; never trusted unless private.
@Suite("the user's cache directory")
struct UserCacheTests {
    let sandbox: Sandbox
    let corpus: URL
    init() throws {
        sandbox = try Sandbox()
        corpus = try sandbox.write("corpus/notes.txt", "password = \"hunter2-but-longer\"\nmail ops@example.com\n")
    }

    /// `sift bench` over the small corpus: how many plans came from the cache and how many were analysed.
    func bench(environment: [String: String?] = [:]) throws -> (cached: Int, analysed: Int) {
        let run = try sandbox.sift("bench", corpus.path, "--format", "json", environment: environment)
        #expect(run.status == 0, "\(run)")
        let report = try #require(try run.json() as? [String: Any])
        let totals = try #require(report["totals"] as? [String: Any])
        return (try #require(totals["plansCached"] as? Int), try #require(totals["plansAnalysed"] as? Int))
    }

    func file(_ name: String, in directory: URL? = nil) -> URL {
        (directory ?? sandbox.userCache).appendingPathComponent(name)
    }

    /// The inode of a file: a rewrite (a new file renamed over the old) changes it.
    func inode(_ url: URL) throws -> UInt64 {
        var info = stat()
        try #require(stat(url.path, &info) == 0, "no file \(url.path)")
        return UInt64(info.st_ino)
    }

    func mode(_ url: URL) throws -> Int {
        var info = stat()
        try #require(stat(url.path, &info) == 0, "no file \(url.path)")
        return Int(info.st_mode & 0o777)
    }

    @Test("bench analyses the rules once; the next run takes every plan from the cache")
    func benchUsesIt() throws {
        let first = try bench()
        #expect(first.cached == 0)
        #expect(first.analysed > 100, "the built-in rules")
        #expect(try mode(sandbox.userCache) == 0o700)
        for name in ["plan-cache", "pack-cache"] {
            #expect(try mode(file(name)) == 0o600, "\(name): readable by its owner only")
        }
        let written = try inode(file("plan-cache"))
        let second = try bench()
        #expect(second.cached == first.analysed && second.analysed == 0)
        #expect(try inode(file("plan-cache")) == written, "nothing new learnt: the file is left alone")
    }

    @Test("a new workspace's first scan reads the user's cache and gets its own, with the same findings")
    func newWorkspaceUsesIt() throws {
        let first = try sandbox.sift("scan", sampleZip.path, "--format", "jsonl")
        #expect(first.status == 1, "\(first)")
        let userFiles = try ["plan-cache", "pack-cache"].map { try inode(file($0)) }

        let other = sandbox.directory.appendingPathComponent("other-ws")
        let second = try sandbox.sift("scan", sampleZip.path, "--format", "jsonl", environment: ["SIFT_WORKSPACE": other.path])
        #expect(second.status == 1, "\(second)")
        #expect(second.lines == first.lines)
        for name in ["plan-cache", "pack-cache"] {
            #expect(FileManager.default.fileExists(atPath: file(name, in: other).path), "\(name) written to the new workspace")
        }
        // Had the user's files been ignored, the scan would have analysed everything and rewritten them.
        #expect(try ["plan-cache", "pack-cache"].map { try inode(file($0)) } == userFiles)
    }

    @Test("SIFT_CACHE_DIR set but empty turns it off; XDG_CACHE_HOME and HOME locate it otherwise")
    func location() throws {
        let off = ["SIFT_CACHE_DIR": ""]
        #expect(try bench(environment: off).analysed > 100)
        #expect(try bench(environment: off).cached == 0)

        let xdg = sandbox.directory.appendingPathComponent("xdg")
        let viaXDG: [String: String?] = ["SIFT_CACHE_DIR": nil, "XDG_CACHE_HOME": xdg.path]
        #expect(try bench(environment: viaXDG).cached == 0)
        #expect(FileManager.default.fileExists(atPath: xdg.appendingPathComponent("sift/plan-cache").path))
        #expect(try bench(environment: viaXDG).analysed == 0)

        let home = sandbox.directory.appendingPathComponent("home")
        let viaHome: [String: String?] = ["SIFT_CACHE_DIR": nil, "XDG_CACHE_HOME": nil, "HOME": home.path]
        #expect(try bench(environment: viaHome).cached == 0)
        #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent(".cache/sift/plan-cache").path))
        #expect(try bench(environment: viaHome).analysed == 0)
    }

    @Test("a cache that others may write is not trusted, nor written to", arguments: ["directory", "file"])
    func othersMayWrite(_ what: String) throws {
        _ = try bench()
        let target = what == "directory" ? sandbox.userCache : file("plan-cache")
        try #require(chmod(target.path, what == "directory" ? 0o777 : 0o666) == 0)
        let before = try inode(file("plan-cache"))
        let again = try bench()
        #expect(again.cached == 0 && again.analysed > 100)
        if what == "directory" {
            #expect(try inode(file("plan-cache")) == before, "nothing written into a directory others may write")
        }
    }

    @Test("a damaged cache file is ignored and replaced")
    func damaged() throws {
        let first = try bench()
        var bytes = [UInt8](try Data(contentsOf: file("plan-cache")))
        bytes[bytes.count / 2] ^= 0x01
        try Data(bytes).write(to: file("plan-cache"))
        #expect(try bench().analysed == first.analysed)
        #expect(try bench().cached == first.analysed)
    }
}
