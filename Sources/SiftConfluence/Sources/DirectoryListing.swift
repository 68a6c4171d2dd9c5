import Foundation
import SiftCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One walk of a directory input, for both of its uses before it is read: its ``InputState`` (has it
/// changed since a scan read it whole?) and the list of what ``SourceReader`` reads in it (its
/// files, and the unpacked exports inside it). A scan of a source tree walked it three times
/// (state before, reading, state after); giving the reader this listing saves one walk, with its
/// `fstatat` per file.
///
/// The reader reads the files as listed here: a file added after the listing is not read, and the
/// next walk tells that the input changed (see ``isUnchanged(besides:)``).
public struct DirectoryListing: Sendable {
    /// A file to read, an unpacked export (`stamp == nil`) to read as one, or a directory not
    /// read (`skipped`), which the reader reports. The stamp, not the whole `stat` (three times its
    /// size): sorting the entries moved them all.
    struct Entry {
        let relative: String
        let path: String
        let name: String
        let stamp: FileStamp?
        var skipped: Skipped? = nil
    }

    /// Why a directory of the tree is not read.
    enum Skipped {
        /// It could not be listed: an error.
        case unlistable
        /// Its name starts with a dot and hidden directories are not read: a warning.
        case hidden
        /// A symbolic link (to a file or a directory), which the walk does not follow: a warning.
        case link
    }

    /// The directory, standardized.
    public let root: URL
    /// Its state, as ``InputState/init(of:excluding:)`` computes it.
    public let state: InputState
    /// What the reader reads, in path order.
    let entries: [Entry]

    /// Walks `directory` (`excluding` left out, hidden directories too unless `hidden`, links not
    /// followed).
    ///
    /// - Throws: ``ExportReadError`` `not-found` when it cannot be examined, `unreadable` when it
    ///   cannot be listed.
    public init(of directory: URL, excluding: [URL] = [], hidden: Bool = false) throws(ExportReadError) {
        root = directory.standardizedFileURL
        let (records, entries, listed) = Self.walk(
            root, excluding: excluding, hidden: hidden, keepingState: true, forReading: true)
        guard listed else { throw Self.unlistable(directory) }
        state = InputState(records)
        self.entries = entries
    }

    /// Whether the directory still holds what a scan of this listing read, given `checked`: the
    /// paths (full, as the reader names them) of the files that were found, once read, with their listed metadata (see
    /// ``SourceFile/listed``). Every other listed file is examined again; `nil` when the listing
    /// holds unpacked exports, whose files only a walk examines
    /// (``InputState/isUnchanged(at:excluding:)``).
    ///
    /// A file added or removed during the scan needs no look: the state remembered is this
    /// listing's, and the next walk tells the difference. What must hold is that every file read
    /// was the one listed, which the checks after reading show without walking the tree again
    /// (that walk was 4 % of a rescan of a source tree).
    public func isUnchanged(besides checked: Set<String>) -> Bool? {
        // Hidden directories and links are not read: nothing of them to check here (a link's
        // target is in the state, which the next walk compares).
        for entry in entries where entry.skipped != .hidden && entry.skipped != .link && !checked.contains(entry.path) {
            guard let stamp = entry.stamp else { return nil }
            guard let now = InputState.status(entry.path, follow: false), FileStamp(now) == stamp else { return false }
        }
        return true
    }

    /// The records of the state alone (nothing for the reader, no test for exports); a directory
    /// that cannot be listed has that as its state.
    static func records(of directory: URL, excluding: [URL], hidden: Bool) -> InputState.Records {
        var (records, _, listed) = walk(
            directory.standardizedFileURL, excluding: excluding, hidden: hidden, keepingState: true, forReading: false)
        // Its state is that it cannot be listed (a later chmod changes it).
        if !listed { records.addUnlistable("") }
        return records
    }

    /// What the reader reads in `directory`, without its state: a scan that keeps no state (autoScan
    /// off) neither walks into the exports inside nor digests the files.
    static func entries(of directory: URL, excluding: [URL], hidden: Bool) throws(ExportReadError) -> [Entry] {
        let (_, entries, listed) = walk(
            directory.standardizedFileURL, excluding: excluding, hidden: hidden, keepingState: false, forReading: true)
        guard listed else { throw unlistable(directory) }
        return entries
    }

    private static func unlistable(_ directory: URL) -> ExportReadError {
        ExportReadError(code: "unreadable", "cannot list the directory", at: SourceLocation(file: directory.path))
    }

    /// One walk of `root`: the state's records when `keepingState`, the reader's entries (in path
    /// order) when `forReading`, and whether `root` could be listed.
    private static func walk(_ root: URL, excluding: [URL], hidden: Bool, keepingState: Bool, forReading: Bool)
        -> (records: InputState.Records, entries: [Entry], listed: Bool)
    {
        let excluded = Set(excluding.map { $0.standardizedFileURL.path })
        var records = InputState.Records()
        var entries: [Entry] = []
        // Exports found inside are read whole; their files count in the state, not as files to read.
        var exports: [String] = []
        func insideExport(_ relative: String) -> Bool {
            exports.contains { relative.hasPrefix($0 + "/") }
        }
        let listed = DirectoryWalker.walk(root.path) { entry in
            switch entry.kind {
            case .directory:
                if excluded.contains(entry.path) { return false }
                if !hidden, entry.name.hasPrefix(".") {
                    if forReading, !insideExport(entry.relative) {
                        entries.append(Entry(relative: entry.relative, path: entry.path, name: entry.name, stamp: nil, skipped: .hidden))
                    }
                    return false
                }
                if forReading, !insideExport(entry.relative),
                    ConfluenceExport.isExport(URL(fileURLWithPath: entry.path, isDirectory: true))
                {
                    entries.append(Entry(relative: entry.relative, path: entry.path, name: entry.name, stamp: nil))
                    exports.append(entry.relative)
                    return keepingState
                }
                return true
            case .unlistable:
                if keepingState { records.addUnlistable(entry.relative) }
                // Its files are not scanned: the reader says so, rather than pass over them.
                if forReading, !insideExport(entry.relative) {
                    entries.append(Entry(relative: entry.relative, path: entry.path, name: entry.name, stamp: nil, skipped: .unlistable))
                }
            case .link:
                if keepingState, let target = InputState.status(entry.path, follow: true), target.st_mode & S_IFMT == S_IFREG {
                    records.add(entry.relative, FileStamp(target))
                }
                if forReading, !insideExport(entry.relative) {
                    entries.append(Entry(relative: entry.relative, path: entry.path, name: entry.name, stamp: nil, skipped: .link))
                }
            case .file:
                let stamp = FileStamp(entry.info)
                if keepingState { records.add(entry.relative, stamp) }
                if forReading, !insideExport(entry.relative) {
                    entries.append(Entry(relative: entry.relative, path: entry.path, name: entry.name, stamp: stamp))
                }
            case .other:
                break
            }
            return false
        }
        return (records, entries.sorted { PathOrder.precedes($0.relative, $1.relative) }, listed)
    }
}
