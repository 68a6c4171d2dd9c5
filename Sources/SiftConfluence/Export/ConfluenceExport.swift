import Foundation
import SiftCore
import ZIPFoundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Confluence XML export (Server, Data Center or Cloud; space or site), as the `.zip` itself or
/// an unpacked directory: `entities.xml`, `exportDescriptor.properties` and
/// `attachments/<containerId>/<attachmentId>/<version>`.
///
/// Reading makes two streaming passes over entities.xml, because objects come in any order (a body
/// may precede its page, a historical version its current one): the first pass indexes spaces and
/// content objects without their bodies (a few hundred bytes per content version); the second reads
/// the bodies and hands out each content version's text with its full provenance. Memory stays flat
/// whatever the size of entities.xml: only one object is held at a time besides the index. (A
/// one-pass design would have to spool bodies whose owners are not known yet; the index pass costs
/// less than a fifth of the reading pass, see BENCHMARKS.md.)
public final class ConfluenceExport: @unchecked Sendable {
    // SAFETY: immutable after init, but for `attachments`, which is thread-safe.
    /// The zip file or the directory.
    public let url: URL
    public let isZip: Bool
    /// `exportDescriptor.properties`, when present.
    public let descriptor: [String: String]
    /// The time zone of the export's dates: the descriptor's `timezoneId`, else the option's default.
    public let timeZone: TimeZone
    /// entities.xml as diagnostics name it (`export.zip!entities.xml` inside a zip).
    let entitiesPath: String
    private let entries: [String: Entry]
    private let attachments: AttachmentStore

    /// Opens an export.
    ///
    /// - Throws: ``ExportReadError`` when `url` is neither a zip nor a directory with entities.xml.
    public init(url: URL, options: ReadOptions = ReadOptions()) throws(ExportReadError) {
        self.url = url
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ExportReadError(code: "not-found", "no such file or directory", at: SourceLocation(file: url.path))
        }
        isZip = !isDirectory.boolValue
        var descriptorText: String?
        if isZip {
            let archive: Archive
            do {
                archive = try Archive(url: url, accessMode: .read)
            } catch {
                throw ExportReadError(code: "not-a-zip", "not a readable zip file (\(error))", at: SourceLocation(file: url.path))
            }
            var entries: [String: Entry] = [:]
            for entry in archive { entries[entry.path] = entry }
            guard entries["entities.xml"] != nil else {
                throw ExportReadError(code: "no-entities", "the zip has no entities.xml: is it a Confluence XML export?",
                                      at: SourceLocation(file: url.path))
            }
            self.entries = entries
            if let entry = entries["exportDescriptor.properties"] {
                var data = Data()
                _ = try? archive.extract(entry) { data.append($0) }
                descriptorText = String(decoding: data, as: UTF8.self)
            }
            attachments = AttachmentStore(zip: url, entries: entries)
        } else {
            entries = [:]
            guard FileManager.default.fileExists(atPath: url.appendingPathComponent("entities.xml").path) else {
                throw ExportReadError(code: "no-entities", "the directory has no entities.xml: is it an unpacked Confluence export?",
                                      at: SourceLocation(file: url.path))
            }
            descriptorText = try? String(contentsOf: url.appendingPathComponent("exportDescriptor.properties"), encoding: .utf8)
            attachments = AttachmentStore(directory: url)
        }
        entitiesPath = isZip ? url.path + "!entities.xml" : url.appendingPathComponent("entities.xml").path
        descriptor = descriptorText.map(Self.properties) ?? [:]
        timeZone = descriptor["timezoneId"].flatMap(TimeZone.init(identifier:)) ?? options.defaultTimeZone
    }

    /// Whether `url` looks like an export (a zip or directory with entities.xml).
    public static func isExport(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return false }
        if isDirectory.boolValue {
            return FileManager.default.fileExists(atPath: url.appendingPathComponent("entities.xml").path)
        }
        guard let archive = try? Archive(url: url, accessMode: .read) else { return false }
        return archive["entities.xml"] != nil
    }

    /// A byte source over entities.xml.
    func entitiesSource() throws(ExportReadError) -> ByteSource {
        if isZip {
            do {
                return try ZipEntryByteSource(archiveURL: url, entryPath: "entities.xml")
            } catch {
                throw ExportReadError(code: "not-a-zip", "cannot read entities.xml from the zip (\(error))",
                                      at: SourceLocation(file: url.path))
            }
        }
        let path = url.appendingPathComponent("entities.xml").path
        guard let source = FileByteSource(path: path) else {
            throw ExportReadError(code: "unreadable", "cannot open entities.xml", at: SourceLocation(file: path))
        }
        return source
    }

    /// The bytes of an attachment file, or `nil` when the export lacks it.
    func attachmentBytes(_ relativePath: String, maxBytes: Int) throws -> [UInt8]? {
        try attachments.load(relativePath, maxBytes: maxBytes)
    }

    /// Whether `relativePath` (built from ids in entities.xml) stays inside the export: not
    /// absolute, no `..` component, no NUL.
    static func isInsideExport(_ relativePath: String) -> Bool {
        !relativePath.hasPrefix("/") && !relativePath.contains("\0")
            && !relativePath.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }

    /// Whether the export has a file at `relativePath`.
    func hasFile(_ relativePath: String) -> Bool {
        guard Self.isInsideExport(relativePath) else { return false }
        return isZip ? entries[relativePath] != nil : attachments.fileExists(relativePath)
    }

    /// Every file path of a zip export (empty for directories).
    var entryPaths: Dictionary<String, Entry>.Keys { entries.keys }

    /// Java properties: `key=value` lines, `#` and `!` comments, backslash escapes of `:` `=` and
    /// space; enough for exportDescriptor.properties.
    static func properties(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = String(raw).trimmingWhitespace
            guard !line.isEmpty, !line.hasPrefix("#"), !line.hasPrefix("!") else { continue }
            guard let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else { continue }
            let key = String(line[..<separator]).trimmingWhitespace
            let value = String(line[line.index(after: separator)...]).trimmingWhitespace
                .replacingOccurrences(of: "\\:", with: ":").replacingOccurrences(of: "\\=", with: "=")
            out[key] = value
        }
        return out
    }
}

/// Loads attachment files from the export, from many worker threads at once: a zip archive is not
/// thread-safe, so each thread borrows its own open archive from a small pool.
final class AttachmentStore: @unchecked Sendable {
    // SAFETY: `pool` is only touched with `lock` held; archives are used by one thread at a time.
    private let zip: URL?
    private let directory: URL?
    private let entries: [String: Entry]
    /// The directory's path, to which relative paths are appended (without building a URL for each).
    private let directoryPath: String
    private let lock = NSLock()
    private var pool: [Archive] = []

    init(zip: URL, entries: [String: Entry]) {
        self.zip = zip
        directory = nil
        directoryPath = ""
        self.entries = entries
    }

    init(directory: URL) {
        zip = nil
        self.directory = directory
        directoryPath = directory.path
        entries = [:]
    }

    /// The path of `relativePath` inside the directory.
    private func path(_ relativePath: String) -> String {
        directoryPath.hasSuffix("/") ? directoryPath + relativePath : directoryPath + "/" + relativePath
    }

    /// Whether the directory has a file (or anything) at `relativePath`.
    func fileExists(_ relativePath: String) -> Bool {
        access(path(relativePath), F_OK) == 0
    }

    func load(_ relativePath: String, maxBytes: Int) throws -> [UInt8]? {
        guard ConfluenceExport.isInsideExport(relativePath) else { return nil }
        if directory != nil {
            return try Self.readFile(path(relativePath), maxBytes: maxBytes)
        }
        guard let zip, let entry = entries[relativePath] else { return nil }
        guard Int(entry.uncompressedSize) <= maxBytes else {
            throw AttachmentTooLarge(size: Int(entry.uncompressedSize), limit: maxBytes)
        }
        let archive = try lock.withLock { () throws -> Archive in
            if let archive = pool.popLast() { return archive }
            return try Archive(url: zip, accessMode: .read)
        }
        defer { lock.withLock { pool.append(archive) } }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(entry.uncompressedSize))
        _ = try archive.extract(entry, skipCRC32: false) { chunk in
            // The header may lie about the size: stop inflating past the limit.
            guard bytes.count + chunk.count <= maxBytes else { throw AttachmentTooLarge(size: bytes.count + chunk.count, limit: maxBytes) }
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }
}

extension AttachmentStore {
    /// The bytes of the file at `path`, read straight into the array by ``FileBytes`` (Foundation's
    /// `Data(contentsOf:)` and the copy into `[UInt8]` cost a tenth of extracting a text
    /// attachment); `nil` when there is no file there.
    static func readFile(_ path: String, maxBytes: Int) throws -> [UInt8]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        guard size <= maxBytes else { throw AttachmentTooLarge(size: size, limit: maxBytes) }
        return try FileBytes.contents(atPath: path, upTo: maxBytes)
    }
}

/// An attachment larger than the limit it was loaded with; its bytes were not (all) loaded.
public struct AttachmentTooLarge: Error, Sendable, CustomStringConvertible {
    /// Its size in bytes (at least this much when the export understated it).
    public var size: Int
    public var limit: Int
    public var description: String { "\(size) bytes, more than the limit of \(limit)" }
}
