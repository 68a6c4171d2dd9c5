import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A directory of cache files that every workspace of a user shares: the parsed built-in packs and
/// the rules' literal plans (``PackCache``, ``PlanCache``), so that the first scan into a new
/// workspace, and `sift bench`, which has no workspace, skip analysing them again.
///
/// The caches decide which parts of a text the matcher looks at, so only a directory that is the
/// user's own is trusted: it (and each file read from it) must belong to the effective user and be
/// writable by no one else. Any other directory is ignored, as is a file that cannot be read or
/// written: a cache only makes compiling faster, never changes what a scan finds (each file is
/// checked against the build that wrote it and a checksum, see ``PlanCache``).
public struct CacheDirectory: Sendable, Equatable {
    /// The environment variable that names the directory; set but empty, it turns the cache off.
    public static let environmentVariable = "SIFT_CACHE_DIR"

    /// The directory.
    public let url: URL
    /// Whether the directory and its files must be the user's own (false for a workspace's, which
    /// its owner may share with a team).
    let isShared: Bool

    /// The user's cache directory `url` (created when first written).
    public init(url: URL) {
        self.url = url
        isShared = true
    }

    /// The cache files kept in a workspace, beside its database.
    init(workspace url: URL) {
        self.url = url
        isShared = false
    }

    /// `$SIFT_CACHE_DIR` (no cache when it is set but empty), else `$XDG_CACHE_HOME/sift`, else
    /// `~/.cache/sift`; `nil` when none of them applies (no home directory).
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> CacheDirectory? {
        if let explicit = environment[environmentVariable] {
            return explicit.isEmpty ? nil : CacheDirectory(url: URL(fileURLWithPath: explicit, isDirectory: true))
        }
        // XDG: a relative value is invalid and is ignored.
        if let base = environment["XDG_CACHE_HOME"], base.hasPrefix("/") {
            return CacheDirectory(url: URL(fileURLWithPath: base, isDirectory: true).appendingPathComponent("sift"))
        }
        if let home = environment["HOME"], home.hasPrefix("/") {
            return CacheDirectory(url: URL(fileURLWithPath: home, isDirectory: true)
                .appendingPathComponent(".cache").appendingPathComponent("sift"))
        }
        return nil
    }

    /// The bytes of the file `name`, or nothing when the directory or the file is missing,
    /// unreadable, or (in a shared cache directory) not the user's own.
    func read(_ name: String) -> [UInt8] {
        let file = url.appendingPathComponent(name)
        if isShared {
            guard Self.isPrivate(url.path, directory: true), Self.isPrivate(file.path, directory: false) else { return [] }
        }
        return (try? Data(contentsOf: file)).map { Array($0) } ?? []
    }

    /// Replaces the file `name` with `bytes` (written beside it, then renamed over it, so that a
    /// reader never sees half a file), creating the directory (mode 0700) if needed. Best effort.
    func write(_ bytes: [UInt8], to name: String) {
        guard isShared else {
            try? Data(bytes).write(to: url.appendingPathComponent(name), options: .atomic)
            return
        }
        let path = url.path
        if !FileManager.default.fileExists(atPath: path) {
            try? FileManager.default.createDirectory(
                at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        guard Self.isPrivate(path, directory: true) else { return }
        // Mode 0600 whatever the umask: a file that others may write would not be read back.
        let target = url.appendingPathComponent(name).path
        let temporary = "\(target).\(getpid()).\(UInt32.random(in: 0 ... .max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let complete = writeAll(fd, bytes)
        if close(fd) == 0, complete, rename(temporary, target) == 0 { return }
        unlink(temporary)
    }

    /// Whether `path` is a directory (or a regular file) that belongs to the effective user and that
    /// neither its group nor others may write.
    static func isPrivate(_ path: String, directory: Bool) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let type = info.st_mode & S_IFMT
        guard type == (directory ? S_IFDIR : S_IFREG) else { return false }
        return info.st_uid == geteuid() && info.st_mode & (S_IWGRP | S_IWOTH) == 0
    }
}

/// `write(2)` of all of `bytes` to `fd`, retried after interruptions; false on an error.
private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { buffer in
        var written = 0
        while written < buffer.count {
            // SAFETY: reads `buffer.count - written` bytes from inside the array's buffer.
            let n = write(fd, buffer.baseAddress! + written, buffer.count - written)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            written += n
        }
        return true
    }
}
