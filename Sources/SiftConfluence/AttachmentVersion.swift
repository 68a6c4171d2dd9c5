import Foundation
import SiftCore

/// One version of an attachment found in an export, with a way to load its bytes.
///
/// The reader does not load attachment bytes itself (memory stays flat, and extraction belongs to
/// another module): the scanner hands `load()` to the attachment extractor on a worker thread.
public struct AttachmentVersion: Sendable {
    public var provenance: Provenance
    public var fileName: String
    /// The media type the export declares (`contentType` or the MEDIA_TYPE property).
    public var declaredMediaType: String?
    /// The size the export declares, if any.
    public var declaredSize: Int?
    /// Where the bytes are, for messages (`attachments/1001/3001/2` in the export).
    public var location: String
    let loader: @Sendable (Int) throws -> [UInt8]?

    public init(provenance: Provenance, fileName: String, declaredMediaType: String?, declaredSize: Int?,
                location: String, loader: @escaping @Sendable (_ maxBytes: Int) throws -> [UInt8]?)
    {
        self.provenance = provenance
        self.fileName = fileName
        self.declaredMediaType = declaredMediaType
        self.declaredSize = declaredSize
        self.location = location
        self.loader = loader
    }

    /// The attachment's bytes, or `nil` when the export has no file for this version.
    ///
    /// - Throws: ``AttachmentTooLarge`` past `maxBytes` (checked before and while inflating).
    public func load(maxBytes: Int = .max) throws -> [UInt8]? { try loader(maxBytes) }
}

/// A plain file to scan.
public struct SourceFile: Sendable {
    /// The path as given (relative to the scanned directory, or as named on the command line).
    public var path: String
    /// Where the file is: the path to open.
    public var fullPath: String
    public var size: Int
    /// When the file was last modified, as the reader saw it (`nil`: not known).
    public var modified: Date?
    /// The file's metadata when its directory was listed (`nil`: not listed): what
    /// ``load(checkpoints:enough:)`` compares the file's metadata with once it has read it.
    public var listed: FileStamp?

    /// ``fullPath`` as a file URL.
    public var url: URL {
        get { URL(fileURLWithPath: fullPath, isDirectory: false) }
        set { fullPath = newValue.path }
    }

    public init(path: String, url: URL, size: Int, modified: Date? = nil) {
        self.init(path: path, fullPath: url.path, size: size, modified: modified)
    }

    /// A file at `fullPath`, named `path`. No URL is made: a walk of a source tree made one per
    /// file, which cost more than the file's `lstat`.
    public init(path: String, fullPath: String, size: Int, modified: Date? = nil) {
        self.path = path
        self.fullPath = fullPath
        self.size = size
        self.modified = modified
    }

    /// The file's bytes.
    public func load() throws -> [UInt8] { try FileBytes.contents(atPath: fullPath) }

    /// The file's first `count` bytes (fewer when it is shorter).
    public func load(upTo count: Int) throws -> [UInt8] { try FileBytes.contents(atPath: fullPath, upTo: count) }

    /// The file's bytes, read in order and stopped early when `enough`, shown the bytes read so far
    /// each time they reach one of `checkpoints` (ascending) short of the end, says so; `decided` is
    /// `true` then, and `bytes` is what it saw. `unchanged` says whether the file, once read, still
    /// has the metadata of ``listed`` (`nil` when nothing was listed): `false` when it was written
    /// to or replaced since it was listed, so that its bytes may not be what the listing describes.
    public func load(
        checkpoints: [Int], enough: ([UInt8]) -> Bool
    ) throws -> (bytes: [UInt8], decided: Bool, unchanged: Bool?) {
        // A listed file's size is known: no fstat before reading (the one after tells any change).
        let read = try FileBytes.contents(
            atPath: fullPath, upTo: .max, checkpoints: checkpoints, expectedSize: listed.map { Int($0.size) }, enough: enough)
        return (read.bytes, read.decided, listed.map { $0 == read.stamp })
    }
}
