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
    /// The records in the order the walk met them: compared as they are by
    /// ``isUnchanged(at:excluding:)``, which then needs neither the sort nor the digest.
    private let walkOrder: [UInt8]

    /// The state of `url`: a file (followed if it is a link), or a directory walked as
    /// ``SourceReader`` walks it (`excluding` left out, hidden directories too unless `hidden`,
    /// links not followed).
    ///
    /// - Throws: ``ExportReadError`` `not-found` when `url` cannot be examined.
    public init(of url: URL, excluding: [URL] = [], hidden: Bool = false) throws(ExportReadError) {
        self.init(try Self.records(of: url, excluding: excluding, hidden: hidden))
    }

    /// The state of what `records` hold.
    init(_ records: Records) {
        digest = SHA256.hexDigest(records.sorted())
        files = records.entries.count
        walkOrder = records.bytes
    }

    /// Whether `url` is still in this state (same paths, sizes, times and inodes), as comparing
    /// this state with a new ``init(of:excluding:hidden:)`` would say. The new records are compared as
    /// the walk meets them; only if they differ (or come in another order) are they sorted and
    /// digested. After every scan of a directory: the sort and the digest were 1.4 % of a
    /// stdlib rescan's samples.
    public func isUnchanged(at url: URL, excluding: [URL] = [], hidden: Bool = false) -> Bool {
        guard let records = try? Self.records(of: url, excluding: excluding, hidden: hidden) else { return false }
        if records.entries.count == files, records.bytes == walkOrder { return true }
        return InputState(records) == self
    }

    /// The records of `url`: a file (followed if it is a link), or a directory walked as the
    /// reader walks it.
    private static func records(of url: URL, excluding: [URL], hidden: Bool) throws(ExportReadError) -> Records {
        let root = url.standardizedFileURL
        guard let info = Self.status(root.path, follow: true) else {
            throw ExportReadError(code: "not-found", "no such file or directory", at: SourceLocation(file: url.path))
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            return DirectoryListing.records(of: root, excluding: excluding, hidden: hidden)
        }
        var records = Records()
        records.add("", FileStamp(info))
        return records
    }

    // Equal states have equal digests; the walk order is not part of the state.
    public static func == (lhs: InputState, rhs: InputState) -> Bool {
        lhs.digest == rhs.digest && lhs.files == rhs.files
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(digest)
        hasher.combine(files)
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

        mutating func add(_ path: String, _ stamp: FileStamp) {
            let start = bytes.count
            bytes.append(contentsOf: path.utf8)
            bytes.append(0)
            stamp.append(to: &bytes)
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
            for entry in entries.sorted(by: { PathOrder.precedes($0.path, $1.path) }) {
                sorted.append(contentsOf: bytes[entry.range])
            }
            return sorted
        }
    }

    /// `stat` (`follow`) or `lstat` of `path`, also past PATH_MAX (see ``LongPath``).
    static func status(_ path: String, follow: Bool) -> stat? {
        var info = stat()
        let result = follow ? stat(path, &info) : lstat(path, &info)
        if result == 0 { return info }
        guard errno == ENAMETOOLONG else { return nil }
        // Opened (not read: O_NONBLOCK keeps a FIFO from waiting) and asked with fstat; with
        // O_NOFOLLOW a final link fails to open, and counts as changed.
        let fd = LongPath.openFile(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW))
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return fstat(fd, &info) == 0 ? info : nil
    }
}
