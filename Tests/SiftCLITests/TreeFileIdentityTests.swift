import Foundation
import Testing

/// Files of different trees are different files, whatever their paths inside the trees: config
/// files, `.env`, `settings.py` sit at the same relative path in most repositories.
@Suite("files of different trees")
struct TreeFileIdentityTests {
    let sandbox: Sandbox
    init() throws { sandbox = try Sandbox() }

    /// Two trees, each with `config/app.env` holding a different (fake) password.
    func twoTrees() throws -> (URL, URL) {
        let trees = ["one", "two"].map { sandbox.directory.appendingPathComponent($0) }
        for (tree, password) in zip(trees, ["fake-One-Passw0rd", "fake-Two-Passw0rd"]) {
            try FileManager.default.createDirectory(at: tree.appendingPathComponent("config"), withIntermediateDirectories: true)
            try Data("password = \"\(password)\"\n".utf8).write(to: tree.appendingPathComponent("config/app.env"))
        }
        return (trees[0], trees[1])
    }

    func paths(_ run: SiftRun) throws -> [String] {
        try run.jsonLines().compactMap { $0["path"] as? String }.sorted()
    }

    @Test("two trees in one scan: both files' findings are reported and kept, each under its full path")
    func twoTreesInOneScan() throws {
        let (one, two) = try twoTrees()
        let expected = [one.path + "/config/app.env", two.path + "/config/app.env"]
        let scan = try sandbox.sift("scan", one.path, two.path, "--format", "jsonl")
        #expect(scan.status == 1, "\(scan)")
        #expect(try paths(scan) == expected, "\(scan)")
        let listed = try sandbox.sift("findings", "--format", "jsonl")
        #expect(try paths(listed) == expected, "\(listed)")
    }

    @Test("a scan of another tree keeps the first tree's findings, and a rescan of the first skips it whole")
    func twoTreesOneAfterTheOther() throws {
        let (one, two) = try twoTrees()
        let first = try sandbox.sift("scan", one.path, "--format", "jsonl")
        #expect(try paths(first) == [one.path + "/config/app.env"], "\(first)")
        let second = try sandbox.sift("scan", two.path, "--format", "jsonl")
        #expect(try paths(second) == [two.path + "/config/app.env"], "\(second)")
        let listed = try sandbox.sift("findings", "--format", "jsonl")
        #expect(try paths(listed) == [one.path + "/config/app.env", two.path + "/config/app.env"], "\(listed)")
        let again = try sandbox.sift("scan", one.path, "--format", "jsonl")
        #expect(again.stderr.contains("unchanged since scan"), "\(again)")
        #expect(try paths(again) == [one.path + "/config/app.env"], "\(again)")
    }
}
