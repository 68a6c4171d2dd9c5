import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Runs the built `sift` binary as a user would: a subprocess with its own workspace, its output read
// from pipes (or from a pseudo-terminal when a test needs a terminal).

/// The package's root directory (this file is Tests/SiftCLITests/SiftRunner.swift).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The bundled sample export (space OPS) and its unpacked directory.
let sampleZip = packageRoot.appendingPathComponent("Samples/sample-space-export.zip")
let sampleDirectory = packageRoot.appendingPathComponent("Samples/sample-space-export")

/// What one run of `sift` did.
struct SiftRun: CustomStringConvertible {
    var arguments: [String]
    var status: Int32
    var stdoutData: Data
    var stderrData: Data

    var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    var stderr: String { String(decoding: stderrData, as: UTF8.self) }
    /// Non-empty stdout lines.
    var lines: [String] { stdout.split(separator: "\n").map(String.init) }

    /// stdout parsed as one JSON value (`--format json`).
    func json() throws -> Any { try JSONSerialization.jsonObject(with: stdoutData) }

    /// stdout parsed as a JSON array of objects (`--format json`).
    func jsonObjects() throws -> [[String: Any]] {
        try #require(try json() as? [[String: Any]], "stdout is not a JSON array of objects: \(stdout)")
    }

    /// stdout parsed line by line as JSON objects (`--format jsonl`).
    func jsonLines() throws -> [[String: Any]] {
        try lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
        }
    }

    var description: String {
        "sift \(arguments.joined(separator: " ")) → \(status)\n--- stdout:\n\(stdout)--- stderr:\n\(stderr)"
    }
}

/// A temporary directory for one test: the current directory of the runs, the workspace
/// (`<dir>/ws`, passed as SIFT_WORKSPACE) and any input files. Removed when the test ends.
final class Sandbox: @unchecked Sendable {
    let directory: URL
    var workspace: URL { directory.appendingPathComponent("ws") }
    /// The user's cache directory of the runs (`<dir>/cache`, passed as SIFT_CACHE_DIR).
    var userCache: URL { directory.appendingPathComponent("cache") }

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("sift-cli-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Writes `text` to `name` (intermediate directories created) and returns its URL.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url
    }

    /// A directory holding one harmless text file.
    func cleanInput() throws -> URL {
        try write("clean/notes.txt", "Meeting notes: the deploy is on Tuesday. Nothing secret here.\n")
        return directory.appendingPathComponent("clean")
    }

    /// Runs `sift arguments…` in this sandbox with its workspace (SIFT_WORKSPACE) and returns what it
    /// did. `environment` adds to (or, with nil values, removes from) the inherited environment.
    func sift(_ arguments: String..., environment: [String: String?] = [:], stdoutIsTerminal: Bool = false) throws -> SiftRun {
        try sift(arguments, environment: environment, stdoutIsTerminal: stdoutIsTerminal)
    }

    func sift(
        _ arguments: [String], environment: [String: String?] = [:], stdoutIsTerminal: Bool = false, launcher: [String] = [],
        executable: URL? = nil
    ) throws -> SiftRun {
        var env = ProcessInfo.processInfo.environment
        // Nothing from the developer's shell decides the outcome.
        for name in ["SIFT_WORKSPACE", "SIFT_CACHE_DIR", "XDG_CACHE_HOME", "NO_COLOR", "COLUMNS", "TERM", "SIFT_UPDATE_GOLDEN"] { env[name] = nil }
        env["SIFT_WORKSPACE"] = workspace.path
        // The user's cache too: a test never reads or writes the caches of the one who runs it.
        env["SIFT_CACHE_DIR"] = userCache.path
        for (name, value) in environment { env[name] = value }
        return try runSift(arguments, environment: env, directory: directory, stdoutIsTerminal: stdoutIsTerminal,
                           launcher: launcher, executable: executable)
    }
}

/// The `sift` executable: next to the test runner in the build products (`.build/debug/sift`), or
/// `$SIFT_BINARY`.
let siftExecutable: URL? = {
    if let explicit = ProcessInfo.processInfo.environment["SIFT_BINARY"] { return URL(fileURLWithPath: explicit) }
    var directories = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
    if let bundle = Bundle.main.executableURL?.deletingLastPathComponent() { directories.append(bundle) }
    if let xctest = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
        directories.append(xctest.bundleURL.deletingLastPathComponent())
    }
    directories.append(packageRoot.appendingPathComponent(".build/debug"))
    for directory in directories {
        var url = directory
        for _ in 0..<3 {
            let candidate = url.appendingPathComponent("sift")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            url = url.deletingLastPathComponent()
        }
    }
    return nil
}()

/// Bytes read from a file descriptor on a background thread, until end of file (or EIO, which is how
/// a pseudo-terminal's master reports that the child closed it).
private final class Drain: @unchecked Sendable {
    // SAFETY: `data` is written by the reader thread only, and read after `done` is signalled.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(fd: Int32) {
        DispatchQueue.global().async { [self] in
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    data.append(contentsOf: buffer[0..<count])
                } else if count < 0, errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

/// Ends a child that runs for longer than a test should take.
private final class Watchdog: @unchecked Sendable {
    // SAFETY: `process` is only touched to read `isRunning` and to terminate, both thread-safe.
    private let process: Process
    init(_ process: Process, seconds: Double) {
        self.process = process
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
            if self.process.isRunning { self.process.terminate() }
        }
    }
}

/// Runs the binary with `arguments` and collects its exit status and output. stdin is /dev/null;
/// stdout and stderr are pipes, or stdout is a pseudo-terminal when `stdoutIsTerminal`. With a
/// `launcher` (a program and its arguments, such as `setpriv` to run as another user), that program
/// runs, given the binary and `arguments` after its own; `executable` replaces the built binary
/// (a copy of it, say).
func runSift(
    _ arguments: [String], environment: [String: String], directory: URL, stdoutIsTerminal: Bool, launcher: [String] = [],
    executable: URL? = nil
) throws -> SiftRun {
    let built = try #require(siftExecutable, "the sift binary is not built next to the tests (swift build --product sift)")
    let executable = executable ?? built
    let process = Process()
    if let program = launcher.first {
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = Array(launcher.dropFirst()) + [executable.path] + arguments
    } else {
        process.executableURL = executable
        process.arguments = arguments
    }
    process.environment = environment
    process.currentDirectoryURL = directory
    process.standardInput = FileHandle.nullDevice

    let errorPipe = Pipe()
    process.standardError = errorPipe
    var outputPipe: Pipe?
    var terminal: (master: Int32, slave: Int32)?
    if stdoutIsTerminal {
        let pty = try openPseudoTerminal()
        terminal = pty
        process.standardOutput = FileHandle(fileDescriptor: pty.slave, closeOnDealloc: false)
    } else {
        outputPipe = Pipe()
        process.standardOutput = outputPipe
    }

    try process.run()
    let watchdog = Watchdog(process, seconds: 60)
    // Close the parent's copies of the child's ends, so that reading ends when the child exits.
    // (Foundation closes the pipes' write ends itself on some platforms: hence try?.)
    try? errorPipe.fileHandleForWriting.close()
    try? outputPipe?.fileHandleForWriting.close()
    if let terminal { close(terminal.slave) }
    let stdoutDrain = Drain(fd: terminal?.master ?? outputPipe!.fileHandleForReading.fileDescriptor)
    let stderrDrain = Drain(fd: errorPipe.fileHandleForReading.fileDescriptor)
    process.waitUntilExit()
    var stdout = stdoutDrain.wait()
    let stderr = stderrDrain.wait()
    withExtendedLifetime(watchdog) {}
    if let terminal {
        close(terminal.master)
        // The terminal's line discipline turns \n into \r\n.
        stdout = Data(String(decoding: stdout, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").utf8)
    }
    if process.terminationReason == .uncaughtSignal {
        let message = String(decoding: stderr, as: UTF8.self)
        Issue.record("sift \(arguments.joined(separator: " ")) died of signal \(process.terminationStatus):\n\(message)")
    }
    return SiftRun(arguments: arguments, status: process.terminationStatus, stdoutData: stdout, stderrData: stderr)
}

/// A pseudo-terminal pair, 200 columns wide.
private func openPseudoTerminal() throws -> (master: Int32, slave: Int32) {
    var master: Int32 = -1
    var slave: Int32 = -1
    var size = winsize(ws_row: 50, ws_col: 200, ws_xpixel: 0, ws_ypixel: 0)
    guard openpty(&master, &slave, nil, nil, &size) == 0 else {
        throw PseudoTerminalError(message: "cannot open a pseudo-terminal (errno \(errno))")
    }
    return (master, slave)
}

struct PseudoTerminalError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// The ANSI escape character: no output meant for a pipe or for NO_COLOR may contain it.
let escape = "\u{1B}"

/// Marks of a crash or of an uncaught Swift error, which the CLI must never show.
func expectNoStackTrace(_ run: SiftRun, sourceLocation: SourceLocation = #_sourceLocation) {
    for mark in ["Fatal error", "Stack dump", "Current stack trace", "Swift runtime failure", "#0 0x", "Backtrace"] {
        #expect(!run.stderr.contains(mark), "stderr shows a crash (\(mark)):\n\(run)", sourceLocation: sourceLocation)
    }
}
