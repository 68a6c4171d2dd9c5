import Foundation
import SiftCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What an input looks like on disk, from file metadata only: a digest of the path, size,
/// modification and status-change times and inode of every file ``SourceReader`` could read under
/// it. Two equal states mean nothing was written, replaced, added or removed in between (short of
/// someone resetting the clock), so an input read to its end in one state need not be read again.
///
/// Computing it costs one `stat` per file, a small fraction of reading: a zip is one file; an
/// unpacked export is `entities.xml`, the descriptor and the attachments tree.
///
/// ```swift
/// let before = try InputState(of: exportURL)
/// // … read the export …
/// let unchanged = try InputState(of: exportURL) == before
/// ```
public struct InputState: Hashable, Sendable, CustomStringConvertible {
    /// Hex SHA-256 of the metadata of every file, in path order.
    public let digest: String
    /// How many files the state covers.
    public let files: Int

    /// The state of `url`: a file (followed if it is a link), or a directory walked as
    /// ``SourceReader`` walks it (hidden directories and `excluding` left out, links not followed).
    ///
    /// - Throws: ``ExportReadError`` `not-found` when `url` cannot be examined.
    public init(of url: URL, excluding: [URL] = []) throws(ExportReadError) {
        var entries: [(path: String, line: String)] = []
        let root = url.standardizedFileURL
        guard let info = Self.status(root.path, follow: true) else {
            throw ExportReadError(code: "not-found", "no such file or directory", at: SourceLocation(file: url.path))
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            let excluded = Set(excluding.map { $0.standardizedFileURL.path })
            Self.walk(root.path, excluded: excluded, into: &entries)
        } else {
            entries.append(("", Self.line("", info)))
        }
        entries.sort { $0.path < $1.path }
        var bytes: [UInt8] = []
        for entry in entries { bytes.append(contentsOf: entry.line.utf8) }
        digest = SHA256.hexDigest(bytes)
        files = entries.count
    }

    /// `digest (files files)`.
    public var description: String { "\(digest) (\(files) files)" }

    private static func walk(_ root: String, excluded: Set<String>, into entries: inout [(path: String, line: String)]) {
        let listed = DirectoryWalker.walk(root) { entry in
            switch entry.kind {
            case .directory:
                return !(entry.name.hasPrefix(".") || excluded.contains(entry.path))
            case .unlistable:
                // Its state is that it cannot be listed (a later chmod changes it).
                entries.append((entry.relative, "\(entry.relative)\0unlistable\n"))
            case .link:
                // A link to a file may be read (an attachment of an unpacked export): its target counts.
                if let target = status(entry.path, follow: true), target.st_mode & S_IFMT == S_IFREG {
                    entries.append((entry.relative, line(entry.relative, target)))
                }
            case .file:
                entries.append((entry.relative, line(entry.relative, entry.info)))
            case .other:
                break
            }
            return false
        }
        if !listed { entries.append(("", "\0unlistable\n")) }
    }

    private static func line(_ path: String, _ info: stat) -> String {
        #if canImport(Darwin)
        let (modified, changed) = (info.st_mtimespec, info.st_ctimespec)
        #else
        let (modified, changed) = (info.st_mtim, info.st_ctim)
        #endif
        return "\(path)\0\(info.st_size)\0\(modified.tv_sec).\(modified.tv_nsec)\0\(changed.tv_sec).\(changed.tv_nsec)\0\(info.st_ino)\n"
    }

    private static func status(_ path: String, follow: Bool) -> stat? {
        var info = stat()
        let result = follow ? stat(path, &info) : lstat(path, &info)
        return result == 0 ? info : nil
    }
}
