import Foundation
import SiftConfluence
import SiftCore
import Testing

@Suite struct SourceReaderTests {
    private func collect(_ urls: [URL], scope: ReadScope = .all) throws -> (items: [ContentItem], files: [SourceFile]) {
        var items: [ContentItem] = []
        var files: [SourceFile] = []
        try SourceReader.read(urls, scope: scope) { event in
            if case .content(let item) = event { items.append(item) }
            if case .file(let file) = event { files.append(file) }
        }
        return (items, files)
    }

    /// `path` inside `tree`: a tree's files are named by their full paths (the tree's own path, `/`
    /// and the path inside it); a path elsewhere comes back whole, to fail the comparison.
    private func inside(_ tree: URL, _ path: String?) -> String {
        let root = tree.standardizedFileURL.path + "/"
        guard let path else { return "nil" }
        return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }

    @Test func restV1AndCloudV2Pages() throws {
        let rest = Fixtures.shared("synthetic/rest")
        #expect(SourceReader.kind(of: rest.appendingPathComponent("content-v1-expanded.json")) == .restJSON)
        let (items, files) = try collect([rest])
        #expect(files.isEmpty)
        #expect(items.count == 2)
        let v1 = try #require(items.first { inside(rest, $0.provenance.path) == "content-v1-expanded.json" })
        #expect(v1.provenance.spaceKey == "ENG")
        #expect(v1.provenance.contentId == "1001")
        #expect(v1.provenance.version == 2)
        #expect(v1.provenance.createdWhen == "2025-01-10T16:45:12.345+00:00")
        let text = String(decoding: v1.text.bytes, as: UTF8.self)
        #expect(text.contains("export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE"))
        let v2 = try #require(items.first { inside(rest, $0.provenance.path) == "page-v2-cloud.json" })
        #expect(v2.provenance.spaceKey == "ENG", "taken from the web UI link, as v2 has only spaceId")
        #expect(v2.provenance.version == 2)
    }

    @Test func storageFragmentsAndPlainFilesInATree() throws {
        let tree = FileManager.default.temporaryDirectory.appendingPathComponent("sift-tree-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tree) }
        try FileManager.default.createDirectory(at: tree.appendingPathComponent("sub/.git"), withIntermediateDirectories: true)
        try Data("<p>token <code>FAKE-XHTML</code></p>".utf8).write(to: tree.appendingPathComponent("page.xhtml"))
        try Data("API_KEY=FAKE-ENV\n".utf8).write(to: tree.appendingPathComponent("sub/app.env"))
        try Data("ignored".utf8).write(to: tree.appendingPathComponent("sub/.git/config"))
        try Data("{\"not\": \"rest\"}".utf8).write(to: tree.appendingPathComponent("sub/data.json"))
        let (items, files) = try collect([tree])
        #expect(items.map { inside(tree, $0.provenance.path) } == ["page.xhtml"])
        #expect(String(decoding: items[0].text.bytes, as: UTF8.self).contains("token FAKE-XHTML"))
        #expect(files.map { inside(tree, $0.path) } == ["sub/app.env", "sub/data.json"], "hidden directories are skipped")
        #expect(try files[0].load() == Array("API_KEY=FAKE-ENV\n".utf8))
    }

    @Test("hidden directories are left out with one warning naming them, or read when asked")
    func hiddenDirectories() throws {
        let tree = FileManager.default.temporaryDirectory.appendingPathComponent("sift-hidden-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tree) }
        for path in [".aws/credentials", ".github/workflows/ci.yml", "src/.cache/x", "src/main.txt", ".env"] {
            let url = tree.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("FAKE\n".utf8).write(to: url)
        }
        func read(hidden: Bool) throws -> (files: [String], warnings: [Diagnostic]) {
            var options = ReadOptions()
            options.readsHiddenDirectories = hidden
            var files: [String] = []
            var warnings: [Diagnostic] = []
            try SourceReader.read([tree], options: options) { event in
                if case .file(let file) = event { files.append(inside(tree, file.path)) }
                if case .diagnostic(let diagnostic) = event { warnings.append(diagnostic) }
            }
            return (files, warnings)
        }
        let skipping = try read(hidden: false)
        #expect(skipping.files == [".env", "src/main.txt"], "hidden files are read, hidden directories not")
        #expect(skipping.warnings.count == 1)
        #expect(skipping.warnings.first?.level == .warning && skipping.warnings.first?.code == "hidden-not-scanned")
        #expect(skipping.warnings.first?.message.contains("3 hidden directories not scanned (.aws, .github, src/.cache)") == true,
                "\(skipping.warnings)")
        let reading = try read(hidden: true)
        #expect(reading.files == [".aws/credentials", ".env", ".github/workflows/ci.yml", "src/.cache/x", "src/main.txt"])
        #expect(reading.warnings.isEmpty)
        // The state covers what is read: it differs between the two.
        #expect(try InputState(of: tree) != (try InputState(of: tree, hidden: true)))
        #expect(try DirectoryListing(of: tree, hidden: true).state == (try InputState(of: tree, hidden: true)))
    }

    @Test func aTreeIsReadInPathOrderWithoutLinksOrExcludedDirectories() throws {
        let tree = FileManager.default.temporaryDirectory.appendingPathComponent("sift-walk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tree) }
        let manager = FileManager.default
        try manager.createDirectory(at: tree.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        try manager.createDirectory(at: tree.appendingPathComponent("workspace"), withIntermediateDirectories: true)
        for (path, text) in [("a.txt", "1"), ("a/b/c.txt", "22"), ("a/.hidden.env", "333"), ("workspace/db", "4444")] {
            try Data(text.utf8).write(to: tree.appendingPathComponent(path))
        }
        try manager.createSymbolicLink(atPath: tree.appendingPathComponent("link.txt").path, withDestinationPath: "a.txt")
        try manager.createSymbolicLink(atPath: tree.appendingPathComponent("linked-dir").path, withDestinationPath: "a")
        var files: [SourceFile] = []
        var warnings: [Diagnostic] = []
        try SourceReader.read([tree], excluding: [tree.appendingPathComponent("workspace")]) { event in
            if case .file(let file) = event { files.append(file) }
            if case .diagnostic(let diagnostic) = event { warnings.append(diagnostic) }
        }
        // Byte order of the relative paths ("a.txt" before "a/…"); links are not followed, and one
        // warning names them; hidden files are read (only hidden directories are skipped); the
        // excluded directory is not, without a word.
        #expect(files.map { inside(tree, $0.path) } == ["a.txt", "a/.hidden.env", "a/b/c.txt"])
        #expect(warnings.map(\.code) == ["link-not-followed"])
        #expect(warnings.first?.message.hasPrefix("2 symbolic links not followed (link.txt, linked-dir)") == true, "\(warnings)")
        #expect(files.map(\.size) == [1, 3, 2])
        #expect(try files[2].load() == Array("22".utf8))
    }

    @Test("one listing serves the state and the reader: the same state, the same events")
    func aListingIsTheStateAndWhatTheReaderReads() throws {
        let tree = FileManager.default.temporaryDirectory.appendingPathComponent("sift-listing-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tree) }
        let manager = FileManager.default
        try manager.createDirectory(at: tree.appendingPathComponent("a/.git"), withIntermediateDirectories: true)
        try manager.createDirectory(at: tree.appendingPathComponent("workspace"), withIntermediateDirectories: true)
        try manager.copyItem(at: Fixtures.shared("synthetic/server-space-export"), to: tree.appendingPathComponent("a/export"))
        for (path, text) in [("a.txt", "API_KEY=FAKE-ONE\n"), ("a/.git/config", "x"), ("workspace/db", "y"), ("z.env", "FAKE=2\n")] {
            try Data(text.utf8).write(to: tree.appendingPathComponent(path))
        }
        try manager.createSymbolicLink(atPath: tree.appendingPathComponent("link.txt").path, withDestinationPath: "a.txt")
        let excluding = [tree.appendingPathComponent("workspace")]
        let listing = try DirectoryListing(of: tree, excluding: excluding)
        #expect(listing.state == (try InputState(of: tree, excluding: excluding)))
        func events(_ listings: [DirectoryListing]) throws -> [String] {
            var seen: [String] = []
            try SourceReader.read([tree], excluding: excluding, listings: listings) { event in
                switch event {
                case .file(let file): seen.append("file \(inside(tree, file.path)) \(file.size)")
                case .content(let item): seen.append("content \(item.provenance.contentId ?? "") \(item.text.count)")
                case .attachment(let attachment): seen.append("attachment \(attachment.fileName)")
                case .diagnostic(let diagnostic): seen.append("diagnostic \(diagnostic.code)")
                }
            }
            return seen
        }
        let walked = try events([])
        #expect(try events([listing]) == walked)
        // The export inside is read as an export, not as its files; the hidden directory, the
        // excluded one and the link are not read.
        #expect(walked.filter { $0.hasPrefix("file") } == ["file a.txt 17", "file z.env 7"])
        #expect(walked.contains { $0.hasPrefix("content") })
        // Its files still count in the state: a change inside the export changes the state.
        let entities = tree.appendingPathComponent("a/export/entities.xml")
        try Data((try Data(contentsOf: entities)) + Data(" ".utf8)).write(to: entities)
        #expect(try DirectoryListing(of: tree, excluding: excluding).state != listing.state)
    }

    @Test("a state says whether its input is unchanged, for a tree and for a file")
    func aStateTellsAChangedInputFromAnUnchangedOne() throws {
        let tree = FileManager.default.temporaryDirectory.appendingPathComponent("sift-state-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tree) }
        let manager = FileManager.default
        try manager.createDirectory(at: tree.appendingPathComponent("d/e"), withIntermediateDirectories: true)
        for path in ["a.txt", "d/b.txt", "d/e/c.txt"] { try Data("FAKE=1\n".utf8).write(to: tree.appendingPathComponent(path)) }
        let state = try DirectoryListing(of: tree).state
        #expect(state.isUnchanged(at: tree))
        // Each change, undone by the next step's new state.
        let changes: [(String, () throws -> Void)] = [
            ("a file rewritten", { try Data("FAKE=22\n".utf8).write(to: tree.appendingPathComponent("d/b.txt")) }),
            ("a file added", { try Data("x".utf8).write(to: tree.appendingPathComponent("d/e/new.txt")) }),
            ("a file removed", { try manager.removeItem(at: tree.appendingPathComponent("a.txt")) }),
            ("the tree removed", { try manager.removeItem(at: tree) }),
        ]
        var current = state
        for (change, apply) in changes {
            try apply()
            #expect(!current.isUnchanged(at: tree), "\(change)")
            if let next = try? InputState(of: tree) {
                current = next
                #expect(current.isUnchanged(at: tree), "after \(change)")
            }
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sift-state-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("FAKE=1\n".utf8).write(to: file)
        let fileState = try InputState(of: file)
        #expect(fileState.isUnchanged(at: file))
        try Data("FAKE=2\n".utf8).write(to: file)
        #expect(!fileState.isUnchanged(at: file))
    }

    @Test("a listing tells whether the files it listed are still as listed, besides those checked as read")
    func aListingExaminesTheFilesNotCheckedAsRead() throws {
        let tree = FileManager.default.temporaryDirectory.appendingPathComponent("sift-listed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tree) }
        let manager = FileManager.default
        try manager.createDirectory(at: tree.appendingPathComponent("d"), withIntermediateDirectories: true)
        for path in ["a.txt", "d/b.txt"] { try Data("FAKE=1\n".utf8).write(to: tree.appendingPathComponent(path)) }
        let listing = try DirectoryListing(of: tree)
        // The reader hands out each listed file with the metadata the listing took.
        var files: [SourceFile] = []
        try SourceReader.read([tree], listings: [listing]) { if case .file(let file) = $0 { files.append(file) } }
        #expect(files.map { inside(tree, $0.path) } == ["a.txt", "d/b.txt"])
        func full(_ path: String) -> String { tree.standardizedFileURL.path + "/" + path }
        #expect(files.allSatisfy { $0.listed != nil && $0.listed?.size == 7 })
        #expect(listing.isUnchanged(besides: []) == true)

        try Data("FAKE=22\n".utf8).write(to: tree.appendingPathComponent("d/b.txt"))
        #expect(listing.isUnchanged(besides: []) == false)
        #expect(listing.isUnchanged(besides: [full("a.txt")]) == false)
        #expect(listing.isUnchanged(besides: [full("d/b.txt")]) == true, "checked as read: not examined again")
        try manager.removeItem(at: tree.appendingPathComponent("a.txt"))
        #expect(listing.isUnchanged(besides: [full("d/b.txt")]) == false, "a listed file gone")

        // An unpacked export's files are not listed one by one: only a walk can tell.
        try manager.copyItem(at: Fixtures.shared("synthetic/server-space-export"), to: tree.appendingPathComponent("export"))
        #expect(try DirectoryListing(of: tree).isUnchanged(besides: []) == nil)
    }

    @Test func anExportInsideADirectoryIsReadAsAnExport() throws {
        let (items, files) = try collect([Fixtures.shared("synthetic")])
        #expect(items.contains { $0.provenance.spaceKey == "ENG" && $0.provenance.contentType == .blogpost })
        #expect(!files.contains { $0.path.contains("entities.xml") && $0.path.contains("server-space-export") })
    }

    @Test func aMissingPathIsAnError() {
        #expect(throws: ExportReadError.self) { try collect([URL(fileURLWithPath: "/no/such/export.zip")]) }
    }
}
