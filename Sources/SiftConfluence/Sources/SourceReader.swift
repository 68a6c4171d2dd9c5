import Foundation
import SiftCore
import ZIPFoundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whatever a user points Sift at and hands out ``SourceEvent``s:
/// - a Confluence XML export, zipped or unpacked (see ``ConfluenceExport``);
/// - REST JSON dumps of pages (`.json` files with the shape of the v1 or v2 content API);
/// - storage-format fragments (`.xhtml`, or `.xml` files that use the `ac:`/`ri:` prefixes);
/// - any other file, handed out as a ``SourceFile`` for the attachment extractor (which decodes
///   text and opens documents and archives).
/// Directories are walked; hidden directories (`.git`, `.sift` …) and the workspace are skipped.
public enum SourceReader {
    /// What one input path is.
    public enum Kind: String, Sendable {
        case export
        case restJSON = "rest-json"
        case storageFormat = "storage-format"
        case directory
        case file
    }

    /// Classifies `url` (without reading more than the start of files).
    public static func kind(of url: URL) -> Kind {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return .file }
        if isDirectory.boolValue {
            return ConfluenceExport.isExport(url) ? .export : .directory
        }
        return kind(ofFile: url.path, name: url.lastPathComponent)
    }

    /// ``kind(of:)`` of an item known to be a file (no need to ask the file system first), by its
    /// path and its last path component; a URL is made only for the kinds that look inside.
    private static func kind(ofFile path: String, name: String) -> Kind {
        var url: URL { URL(fileURLWithPath: path, isDirectory: false) }
        // The extension as URL.pathExtension gives it: after the last dot, none for a name whose
        // only dot is its first character.
        let dot = name.lastIndex(of: ".")
        let pathExtension = dot.map { $0 == name.startIndex ? "" : String(name[name.index(after: $0)...]) } ?? ""
        switch pathExtension.lowercased() {
        case "zip": return ConfluenceExport.isExport(url) ? .export : .file
        case "json": return restObjects(url) != nil ? .restJSON : .file
        case "xhtml": return .storageFormat
        case "xml": return looksLikeStorageFormat(url) ? .storageFormat : .file
        default: return .file
        }
    }

    /// Reads `urls` in order.
    ///
    /// - Parameters:
    ///   - excluding: directories never to walk into (the workspace).
    ///   - listings: directories among `urls` already walked (with the same `excluding`): their
    ///     files are read as listed, without walking them again.
    ///   - progress: for exports, as ``ConfluenceExport/read(scope:options:progress:_:)`` reports it.
    public static func read(
        _ urls: [URL], scope: ReadScope = .all, options: ReadOptions = ReadOptions(), excluding: [URL] = [],
        listings: [DirectoryListing] = [], progress: ((ConfluenceExport.Progress) -> Void)? = nil,
        _ handler: (SourceEvent) throws -> Void
    ) throws {
        for url in urls {
            switch kind(of: url) {
            case .export:
                try ConfluenceExport(url: url, options: options).read(scope: scope, options: options, progress: progress, handler)
            case .directory:
                let root = url.standardizedFileURL
                let entries = try listings.first { $0.root == root }?.entries
                    ?? DirectoryListing.entries(of: url, excluding: excluding, hidden: options.readsHiddenDirectories)
                try read(entries, root: url.path, scope: scope, handler)
            default:
                guard FileManager.default.fileExists(atPath: url.path) else {
                    throw ExportReadError(code: "not-found", "no such file or directory", at: SourceLocation(file: url.path))
                }
                // A zip named as an input that does not open (truncated, damaged) is unreadable input,
                // an error, not an attachment that failed: a truncated export must not pass as clean.
                if url.pathExtension.lowercased() == "zip", (try? Archive(url: url, accessMode: .read, pathEncoding: nil)) == nil {
                    try handler(.diagnostic(Diagnostic(
                        .error, code: "not-a-zip", "cannot open the zip: it is truncated or damaged", at: SourceLocation(file: url.path))))
                    continue
                }
                try readFile(url.path, kind: kind(of: url), listed: nil, scope: scope, handler)
            }
        }
    }

    /// Reads what a ``DirectoryListing`` lists: files, and unpacked exports read whole.
    private static func read(
        _ entries: [DirectoryListing.Entry], root: String, scope: ReadScope, _ handler: (SourceEvent) throws -> Void
    ) throws {
        var hidden: [String] = []
        var links: [String] = []
        // No URL per file: making one cost more than the file's lstat.
        for entry in entries {
            switch entry.skipped {
            case .unlistable:
                try handler(.diagnostic(Diagnostic(
                    .error, code: "directory-unreadable", "cannot list the directory: the files in it are not scanned",
                    at: SourceLocation(file: entry.path))))
                continue
            case .hidden:
                hidden.append(entry.relative)
                continue
            case .link:
                links.append(entry.relative)
                continue
            case nil:
                break
            }
            guard let stamp = entry.stamp else {
                try ConfluenceExport(url: URL(fileURLWithPath: entry.path, isDirectory: true)).read(scope: scope, handler)
                continue
            }
            let kind = kind(ofFile: entry.path, name: entry.name)
            if kind == .export {
                try ConfluenceExport(url: URL(fileURLWithPath: entry.path, isDirectory: false)).read(scope: scope, handler)
            } else {
                // Named by its full path, as a file named on the command line is: a file's path is
                // its identity in the workspace, and most trees hold a `config/settings.py` or an
                // `app.env` (named by the path inside the tree, a second tree's file replaced the
                // first's record and findings).
                try readFile(entry.path, kind: kind, listed: stamp, scope: scope, handler)
            }
        }
        // One warning of each per tree, naming the first few: a tree of node modules holds hundreds.
        func named(_ paths: [String]) -> String {
            paths.prefix(5).joined(separator: ", ") + (paths.count > 5 ? ", …" : "")
        }
        if !hidden.isEmpty {
            let count = hidden.count == 1 ? "1 hidden directory" : "\(hidden.count) hidden directories"
            try handler(.diagnostic(Diagnostic(
                .warning, code: "hidden-not-scanned", "\(count) not scanned (\(named(hidden))); --hidden scans them",
                at: SourceLocation(file: root))))
        }
        if !links.isEmpty {
            let count = links.count == 1 ? "1 symbolic link" : "\(links.count) symbolic links"
            try handler(.diagnostic(Diagnostic(
                .warning, code: "link-not-followed",
                "\(count) not followed (\(named(links))); name a link's target to scan it", at: SourceLocation(file: root))))
        }
    }

    /// Reads one file of kind `kind` at `path` (a full path, also the name it is recorded under);
    /// `listed` is its stamp when the caller has it (else it is asked).
    private static func readFile(
        _ path: String, kind: Kind, listed: FileStamp?, scope: ReadScope, _ handler: (SourceEvent) throws -> Void
    ) throws {
        var url: URL { URL(fileURLWithPath: path, isDirectory: false) }
        switch kind {
        case .restJSON:
            for object in restObjects(url) ?? [] {
                let (item, diagnostics) = RESTContent.item(object, file: path)
                for diagnostic in diagnostics { try handler(.diagnostic(diagnostic)) }
                if scope.includes(item.provenance) { try handler(.content(item)) }
            }
        case .storageFormat:
            let provenance = Provenance.file(path)
            guard scope.spaceKey == nil, scope.includes(provenance) else { return }
            let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            var builder = ExtractedTextBuilder()
            let conversion = StorageFormat.append(text, to: &builder, location: SourceLocation(file: path))
            for diagnostic in conversion.diagnostics { try handler(.diagnostic(diagnostic)) }
            try handler(.content(ContentItem(provenance: provenance, text: builder.build())))
        default:
            guard scope.spaceKey == nil, scope.contentID == nil else { return }
            let known = listed ?? InputState.status(path, follow: true).map(FileStamp.init)
            // As FileManager computes `modificationDate` (rescans compare a hash made of it).
            let modified = Date(timeIntervalSince1970: TimeInterval(known?.modifiedSeconds ?? 0)
                + TimeInterval(known?.modifiedNanoseconds ?? 0) / 1_000_000_000)
            var file = SourceFile(path: path, fullPath: path, size: Int(known?.size ?? 0), modified: modified)
            // Only a listed file is checked after reading: the stat taken just now would say nothing.
            file.listed = listed
            try handler(.file(file))
        }
    }

    private static func restObjects(_ url: URL) -> [[String: Any]]? {
        guard let data = try? Data(contentsOf: url, options: .mappedIfSafe),
            let first = data.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }), first == 0x7B || first == 0x5B,
            let json = try? JSONSerialization.jsonObject(with: data)
        else { return nil }
        return RESTContent.objects(in: json)
    }

    private static func looksLikeStorageFormat(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 64 * 1024), as: UTF8.self)
        return head.contains("<ac:") || head.contains("<ri:")
    }
}
