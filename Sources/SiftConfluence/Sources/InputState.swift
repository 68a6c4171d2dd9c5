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
        let root = url.standardizedFileURL
        guard let info = Self.status(root.path, follow: true) else {
            throw ExportReadError(code: "not-found", "no such file or directory", at: SourceLocation(file: url.path))
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            self = try DirectoryListing(of: root, excluding: excluding, forReading: false).state
        } else {
            var records = Records()
            records.add("", info)
            self.init(records)
        }
    }

    /// The state of what `records` hold.
    init(_ records: Records) {
        digest = SHA256.hexDigest(records.sorted())
        files = records.entries.count
    }

    /// `digest (files files)`.
    public var description: String { "\(digest) (\(files) files)" }

    /// One record per file: its path, a NUL, then its size, modification and status-change times
    /// (seconds and nanoseconds) and inode as 8-byte integers in the machine's order. The records are kept
    /// in one buffer and sorted by path only to be digested: a string built per file (the earlier
    /// text lines) cost more than the `stat` calls.
    struct Records {
        var bytes: [UInt8] = []
        var entries: [(path: String, range: Range<Int>)] = []

        mutating func add(_ path: String, _ info: stat) {
            #if canImport(Darwin)
            let (modified, changed) = (info.st_mtimespec, info.st_ctimespec)
            #else
            let (modified, changed) = (info.st_mtim, info.st_ctim)
            #endif
            let start = bytes.count
            bytes.append(contentsOf: path.utf8)
            bytes.append(0)
            let fields = (Int64(info.st_size), Int64(modified.tv_sec), Int64(modified.tv_nsec), Int64(changed.tv_sec),
                          Int64(changed.tv_nsec), Int64(bitPattern: UInt64(info.st_ino)))
            withUnsafeBytes(of: fields) { bytes.append(contentsOf: $0) }
            entries.append((path, start..<bytes.count))
        }

        mutating func addUnlistable(_ path: String) {
            let start = bytes.count
            bytes.append(contentsOf: path.utf8)
            bytes.append(contentsOf: [0, 0xFF])
            entries.append((path, start..<bytes.count))
        }

        /// The records in path order, one after the other.
        func sorted() -> [UInt8] {
            var sorted: [UInt8] = []
            sorted.reserveCapacity(bytes.count)
            for entry in entries.sorted(by: { $0.path < $1.path }) { sorted.append(contentsOf: bytes[entry.range]) }
            return sorted
        }
    }

    static func status(_ path: String, follow: Bool) -> stat? {
        var info = stat()
        let result = follow ? stat(path, &info) : lstat(path, &info)
        return result == 0 ? info : nil
    }
}
