#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens files and directories whose path is longer than the system takes in one call (PATH_MAX,
/// 4 096 bytes on Linux): a directory walk lists such files (relative to their directory), and a
/// scan must read them, not report them unreadable.
enum LongPath {
    /// `open(path, flags)`; when the path is too long for it, the path is opened a piece at a time:
    /// its directories in runs of components that fit, each relative to the one before
    /// (`openat`), then the last component. Symbolic links in the path are followed as `open`
    /// follows them. Returns the descriptor, or -1 with `errno` set.
    static func openFile(_ path: String, _ flags: Int32) -> Int32 {
        let fd = open(path, flags)
        guard fd < 0, errno == ENAMETOOLONG else { return fd }
        return openInPieces(path, flags)
    }

    /// ``openFile(_:_:)`` for a directory, as `opendir` gives it.
    static func openDirectory(_ path: String) -> OpaquePointer? {
        let fd = openFile(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        guard let directory = fdopendir(fd) else {
            let saved = errno
            close(fd)
            errno = saved
            return nil
        }
        return directory
    }

    /// The longest run of components given to one `openat`: well under PATH_MAX.
    static let pieceBytes = 2048

    private static func openInPieces(_ path: String, _ flags: Int32) -> Int32 {
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        guard let last = components.last else {
            errno = ENAMETOOLONG
            return -1
        }
        var directory = open(path.hasPrefix("/") ? "/" : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { return -1 }
        var piece = ""
        for component in components.dropLast() {
            if !piece.isEmpty, piece.utf8.count + 1 + component.utf8.count > pieceBytes {
                let next = openat(directory, piece, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                let saved = errno
                close(directory)
                guard next >= 0 else {
                    errno = saved
                    return -1
                }
                directory = next
                piece = ""
            }
            piece += piece.isEmpty ? String(component) : "/" + component
        }
        let name = piece.isEmpty ? String(last) : piece + "/" + last
        let fd = openat(directory, name, flags)
        let saved = errno
        close(directory)
        errno = saved
        return fd
    }
}
