import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rescans with autoScan: an input unchanged since a scan that read it whole is skipped without
/// being read; anything else about it (its files, the scope, the rules, --full) reads it again.
@Suite("rescans of unchanged inputs")
struct RescanTests {
    let sandbox: Sandbox
    init() throws { sandbox = try Sandbox() }

    /// The summary line of an input skipped whole.
    static func skippedLine(_ name: String) -> Regex<Substring> {
        try! Regex("\(NSRegularExpression.escapedPattern(for: name)): unchanged since scan \\d+: skipped")
    }

    func copy(_ source: URL, to name: String) throws -> URL {
        let url = sandbox.directory.appendingPathComponent(name)
        try FileManager.default.copyItem(at: source, to: url)
        return url
    }

    @Test("an unchanged export is skipped whole, and its findings are still reported")
    func unchangedZipIsSkipped() throws {
        let zip = try copy(sampleZip, to: "export.zip")
        let first = try sandbox.sift("scan", zip.path, "--format", "jsonl")
        #expect(first.status == 1, "\(first)")
        #expect(first.stderr.firstMatch(of: Self.skippedLine("export.zip")) == nil, "\(first)")
        let again = try sandbox.sift("scan", zip.path, "--format", "jsonl")
        #expect(again.status == 1, "\(again)")
        #expect(again.stderr.firstMatch(of: Self.skippedLine(zip.path)) != nil, "\(again)")
        #expect(again.stderr.contains("scanned 0 content versions"), "\(again)")
        #expect(again.stderr.contains("unchanged since the last scan"), "\(again)")
        #expect(unreviewedCount(again) == unreviewedCount(first))
        let fingerprints = { (run: SiftRun) in try run.jsonLines().compactMap { $0["fingerprint"] as? String }.sorted() }
        #expect(try fingerprints(again) == fingerprints(first))
        #expect(try !fingerprints(first).isEmpty)
    }

    @Test("an input with a file or directory that could not be read is read again, and the errors reported again")
    func anInputWithAnUnreadableFileIsNotRemembered() throws {
        // A file its reader may not read. Root reads any file whatever its mode, so as root (as the
        // tests run in CI) sift runs as nobody, in a sandbox nobody may write.
        let tree = sandbox.directory.appendingPathComponent("tree")
        try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
        try Data("password = \"fake-Passw0rd-123\"\n".utf8).write(to: tree.appendingPathComponent("ok.txt"))
        let locked = tree.appendingPathComponent("locked.env")
        try Data("FAKE_TOKEN=1\n".utf8).write(to: locked)
        try #require(chmod(locked.path, 0) == 0)
        // And a directory it may not list.
        let closed = tree.appendingPathComponent("closed")
        try FileManager.default.createDirectory(at: closed, withIntermediateDirectories: true)
        try Data("FAKE_TOKEN=2\n".utf8).write(to: closed.appendingPathComponent("inside.env"))
        try #require(chmod(closed.path, 0) == 0)
        defer { chmod(closed.path, 0o755) }
        var launcher: [String] = []
        var executable: URL?
        if geteuid() == 0 {
            try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "setpriv (util-linux) runs sift as nobody")
            try #require(chmod(sandbox.directory.path, 0o777) == 0)
            launcher = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
            // A copy of the binary and its resource bundles that nobody may run: the build's own
            // directory can be one nobody cannot enter (a clone under /root).
            let built = try #require(siftExecutable)
            let bin = sandbox.directory.appendingPathComponent("bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            let beside = built.deletingLastPathComponent()
            for name in try FileManager.default.contentsOfDirectory(atPath: beside.path) where name.hasSuffix(".resources") {
                try FileManager.default.copyItem(at: beside.appendingPathComponent(name), to: bin.appendingPathComponent(name))
            }
            executable = bin.appendingPathComponent("sift")
            try FileManager.default.copyItem(at: built, to: executable!)
            try #require(chmod(bin.path, 0o755) == 0)
        }

        let first = try sandbox.sift(["scan", tree.path, "--format", "jsonl"], launcher: launcher, executable: executable)
        #expect(first.status == 2, "an unreadable file is an error: \(first)")
        #expect(first.stderr.contains("file-unreadable"), "\(first)")
        #expect(first.stderr.contains("directory-unreadable"), "a directory it could not list is reported: \(first)")
        let again = try sandbox.sift(["scan", tree.path, "--format", "jsonl"], launcher: launcher, executable: executable)
        #expect(again.stderr.firstMatch(of: Self.skippedLine(tree.path)) == nil, "not skipped whole: \(again)")
        #expect(again.status == 2 && again.stderr.contains("file-unreadable"), "the error again: \(again)")
        #expect(again.stderr.contains("directory-unreadable"), "\(again)")
    }

    @Test("files and directories whose paths are longer than PATH_MAX are listed and read")
    func pathsPastPathMax() throws {
        // Directories while their paths stay below PATH_MAX, then more made relative to the last
        // one: the deepest directory and the file in it are past PATH_MAX, so that neither opendir
        // nor open takes their full paths.
        let tree = sandbox.directory.appendingPathComponent("tree")
        try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
        // FileManager cannot remove paths past PATH_MAX (the sandbox stayed behind in /tmp); rm can.
        defer {
            let rm = Process()
            rm.executableURL = URL(fileURLWithPath: "/bin/rm")
            rm.arguments = ["-rf", tree.path]
            try? rm.run()
            rm.waitUntilExit()
        }
        let name = String(repeating: "d", count: 200)
        var directory = tree.path
        while directory.utf8.count + 1 + name.utf8.count < Int(PATH_MAX) {
            directory += "/" + name
            try #require(mkdir(directory, 0o755) == 0, "mkdir \(directory.utf8.count) bytes")
        }
        var parent = open(directory, O_RDONLY | O_DIRECTORY)
        try #require(parent >= 0)
        for _ in 0..<2 {
            try #require(mkdirat(parent, name, 0o755) == 0)
            let child = openat(parent, name, O_RDONLY | O_DIRECTORY)
            close(parent)
            parent = child
            try #require(parent >= 0)
            directory += "/" + name
        }
        let fileName = String(repeating: "f", count: 200) + ".env"
        let fd = openat(parent, fileName, O_WRONLY | O_CREAT, 0o644)
        try #require(fd >= 0)
        _ = "db_password = \"Deep-Fake-Passw0rd-42\"\n".withCString { write(fd, $0, strlen($0)) }
        close(fd)
        close(parent)
        try #require((directory + "/" + fileName).utf8.count > Int(PATH_MAX) + 400)

        let run = try sandbox.sift("scan", tree.path, "--format", "jsonl")
        #expect(run.status == 1, "a finding and no error: \(run)")
        #expect(!run.stderr.contains("unreadable") && !run.stderr.contains("unlistable"), "\(run)")
        let findings = try run.jsonLines()
        #expect(findings.count == 1, "\(run)")
        #expect((findings.first?["path"] as? String)?.hasSuffix("/" + fileName) == true, "\(findings)")

        // A file added beside it: the rescan reads the new file only, and checks the deep one's
        // metadata by its long path to remember the input, so the scan after skips it whole.
        try sandbox.write("tree/added.txt", "nothing to see\n")
        let rescan = try sandbox.sift("scan", tree.path, "--format", "jsonl")
        #expect(rescan.status == 1 && rescan.stderr.contains("scanned 1 content versions"), "\(rescan)")
        let third = try sandbox.sift("scan", tree.path, "--format", "jsonl")
        #expect(third.stderr.firstMatch(of: Self.skippedLine(tree.path)) != nil, "remembered: \(third)")
    }

    @Test("a tree's hidden directories are named in a warning, and scanned with --hidden")
    func hiddenDirectories() throws {
        let tree = try sandbox.cleanInput()
        try sandbox.write("clean/.aws/credentials", "[default]\naws_secret_access_key = \"FAKE0fake1FAKE2fake3FAKE4fake5FAKE6fake7\"\n")
        let plain = try sandbox.sift("scan", tree.path, "--format", "jsonl")
        #expect(plain.status == 0, "\(plain)")
        #expect(plain.stderr.contains("hidden-not-scanned") && plain.stderr.contains("1 hidden directory not scanned (.aws)"),
                "\(plain)")
        let hidden = try sandbox.sift("scan", tree.path, "--hidden", "--format", "jsonl")
        #expect(hidden.status == 1, "other settings: the tree is read again, .aws with it: \(hidden)")
        #expect(try hidden.jsonLines().contains { ($0["path"] as? String) == tree.path + "/.aws/credentials" }, "\(hidden)")
        #expect(!hidden.stderr.contains("hidden-not-scanned"), "\(hidden)")
    }

    @Test("touching entities.xml of an unpacked export reads it again, skipping unchanged versions")
    func touchedEntitiesAreReadAgain() throws {
        let directory = try copy(sampleDirectory, to: "export")
        #expect(try sandbox.sift("scan", directory.path).status == 1)
        let again = try sandbox.sift("scan", directory.path)
        #expect(again.stderr.firstMatch(of: Self.skippedLine(directory.path)) != nil, "\(again)")

        let entities = directory.appendingPathComponent("entities.xml")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: entities.path)
        let touched = try sandbox.sift("scan", directory.path)
        #expect(touched.status == 1, "\(touched)")
        #expect(touched.stderr.firstMatch(of: Self.skippedLine(directory.path)) == nil, "\(touched)")
        #expect(touched.stderr.contains("scanned 0 content versions"), "per-version skipping still applies: \(touched)")
        #expect(unreviewedCount(touched) == unreviewedCount(again))

        let afterwards = try sandbox.sift("scan", directory.path)
        #expect(afterwards.stderr.firstMatch(of: Self.skippedLine(directory.path)) != nil, "\(afterwards)")
    }

    @Test("a replaced zip is read again")
    func replacedZipIsReadAgain() throws {
        let zip = try copy(sampleZip, to: "export.zip")
        #expect(try sandbox.sift("scan", zip.path).status == 1)
        try FileManager.default.removeItem(at: zip)
        try FileManager.default.copyItem(at: sampleZip, to: zip)
        let replaced = try sandbox.sift("scan", zip.path)
        #expect(replaced.status == 1, "\(replaced)")
        #expect(replaced.stderr.firstMatch(of: Self.skippedLine(zip.path)) == nil, "\(replaced)")
        #expect(replaced.stderr.contains("scanned 0 content versions"), "\(replaced)")
    }

    @Test("a file added to a scanned tree is found")
    func addedFileIsFound() throws {
        let tree = try sandbox.cleanInput()
        #expect(try sandbox.sift("scan", tree.path).status == 0)
        #expect(try sandbox.sift("scan", tree.path).stderr.firstMatch(of: Self.skippedLine(tree.path)) != nil)
        try sandbox.write("clean/service.env", "# service settings\napi_password = \"Tr0ub4dor-Fake-Value\"\n")
        let added = try sandbox.sift("scan", tree.path)
        #expect(added.status == 1, "\(added)")
        #expect(added.stderr.firstMatch(of: Self.skippedLine(tree.path)) == nil, "\(added)")
        #expect(added.stderr.contains("scanned 1 content versions"), "only the new file: \(added)")
    }

    @Test("a file rewritten with its size and modification time kept is scanned again")
    func rewriteKeepingSizeAndTime() throws {
        let tree = try sandbox.cleanInput()
        let secret = "# service settings\napi_password = \"Tr0ub4dor-Fake-Value\"\n"
        let harmless = "# service settings\n#" + String(repeating: "-", count: secret.utf8.count - 21) + "\n"
        let file = try sandbox.write("clean/service.env", harmless)
        #expect(try sandbox.sift("scan", tree.path).status == 0)
        var before = stat()
        try #require(stat(file.path, &before) == 0)
        // Same length, a secret now, and the old modification time put back (as `cp -p` or a
        // restore from a backup would): only the status-change time tells.
        try sandbox.write("clean/service.env", secret)
        var times = [before.st_atim, before.st_mtim]
        try #require(utimensat(AT_FDCWD, file.path, &times, 0) == 0)
        var after = stat()
        try #require(stat(file.path, &after) == 0)
        try #require(after.st_size == before.st_size && after.st_mtim.tv_sec == before.st_mtim.tv_sec
            && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
        let rescan = try sandbox.sift("scan", tree.path)
        #expect(rescan.status == 1, "\(rescan)")
        #expect(rescan.stderr.contains("scanned 1 content versions"), "only the rewritten file: \(rescan)")
    }

    @Test("another scope, other rules, --full or autoScan off read the export again")
    func otherScopeRulesOrFullAreNotSkipped() throws {
        let zip = try copy(sampleZip, to: "export.zip")
        #expect(try sandbox.sift("scan", zip.path).status == 1)
        let space = try sandbox.sift("scan", zip.path, "--space", "OPS")
        #expect(space.stderr.firstMatch(of: Self.skippedLine(zip.path)) == nil, "\(space)")
        #expect(try sandbox.sift("scan", zip.path, "--space", "OPS").stderr.firstMatch(of: Self.skippedLine(zip.path)) != nil)

        let rules = try sandbox.sift("scan", zip.path, "--rules", "secrets")
        #expect(rules.stderr.firstMatch(of: Self.skippedLine(zip.path)) == nil, "\(rules)")
        #expect(!rules.stderr.contains("scanned 0 content versions"), "other rules scan everything: \(rules)")

        let full = try sandbox.sift("scan", zip.path, "--full")
        #expect(full.stderr.firstMatch(of: Self.skippedLine(zip.path)) == nil, "\(full)")
        #expect(!full.stderr.contains("scanned 0 content versions"), "\(full)")
        // A full scan reads the export whole: the next rescan skips it.
        #expect(try sandbox.sift("scan", zip.path).stderr.firstMatch(of: Self.skippedLine(zip.path)) != nil)

        #expect(try sandbox.sift("settings", "set", "autoScan=false").status == 0)
        let off = try sandbox.sift("scan", zip.path)
        #expect(off.stderr.firstMatch(of: Self.skippedLine(zip.path)) == nil, "\(off)")
        #expect(!off.stderr.contains("scanned 0 content versions"), "\(off)")
    }

    @Test("a scan killed with SIGKILL does not mark its input read")
    func killedScanIsNotMarkedComplete() throws {
        // Enough files that the scan is still running when it is killed.
        for index in 0..<3000 {
            try sandbox.write("tree/dir\(index % 30)/service\(index).env", "# service \(index)\napi_password = \"Tr0ub4dor-Fake-\(index)\"\n")
        }
        let tree = sandbox.directory.appendingPathComponent("tree")
        let executable = try #require(siftExecutable)
        let process = Process()
        process.executableURL = executable
        process.arguments = ["scan", tree.path, "--workspace", sandbox.workspace.path, "--output", "/dev/null"]
        process.currentDirectoryURL = sandbox.directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Killed once it has started recording (the database exists), well before it can finish.
        let database = sandbox.workspace.appendingPathComponent("sift.sqlite")
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: database.path), process.isRunning, Date() < deadline { usleep(1000) }
        usleep(300_000)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the scan finished before the kill")

        let resumed = try sandbox.sift("scan", tree.path, "--output", "/dev/null")
        #expect(resumed.stderr.firstMatch(of: Self.skippedLine(tree.path)) == nil, "\(resumed)")
        #expect(resumed.status == 1, "\(resumed)")
        let again = try sandbox.sift("scan", tree.path, "--output", "/dev/null")
        #expect(again.stderr.firstMatch(of: Self.skippedLine(tree.path)) != nil, "\(again)")
    }
}
