#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a file's metadata says of its bytes: size, modification and status-change times and
/// inode. Two equal stamps of one path mean nothing was written to the file or replaced it in
/// between (short of someone resetting the clock). ``InputState`` digests one per file; a scan
/// compares a file's stamp after reading it with the one its listing took, which tells that what
/// it read is what the listing described.
public struct FileStamp: Hashable, Sendable {
    public let size: Int64
    public let modifiedSeconds: Int64
    public let modifiedNanoseconds: Int64
    public let changedSeconds: Int64
    public let changedNanoseconds: Int64
    public let inode: UInt64

    /// The stamp of what `stat`, `lstat` or `fstat` said.
    public init(_ info: stat) {
        #if canImport(Darwin)
        let (modified, changed) = (info.st_mtimespec, info.st_ctimespec)
        #else
        let (modified, changed) = (info.st_mtim, info.st_ctim)
        #endif
        size = Int64(info.st_size)
        modifiedSeconds = Int64(modified.tv_sec)
        modifiedNanoseconds = Int64(modified.tv_nsec)
        changedSeconds = Int64(changed.tv_sec)
        changedNanoseconds = Int64(changed.tv_nsec)
        inode = UInt64(info.st_ino)
    }

    /// The six fields as 8-byte integers in the machine's order, as ``InputState`` digests them.
    func append(to bytes: inout [UInt8]) {
        let fields = (size, modifiedSeconds, modifiedNanoseconds, changedSeconds, changedNanoseconds, Int64(bitPattern: inode))
        withUnsafeBytes(of: fields) { bytes.append(contentsOf: $0) }
    }
}
