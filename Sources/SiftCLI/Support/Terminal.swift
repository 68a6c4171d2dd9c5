import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the CLI knows about where it writes: whether stdout and stderr are terminals, whether
/// colours are wanted, how wide the terminal is.
struct Terminal {
    let stdoutIsTerminal: Bool
    let stderrIsTerminal: Bool
    /// Colours only on a terminal, and never when `NO_COLOR` is set (https://no-color.org).
    let colors: Bool
    let width: Int

    static let current = Terminal(environment: ProcessInfo.processInfo.environment)

    init(environment: [String: String]) {
        stdoutIsTerminal = isatty(STDOUT_FILENO) != 0
        stderrIsTerminal = isatty(STDERR_FILENO) != 0
        colors = stdoutIsTerminal && (environment["NO_COLOR"].map(\.isEmpty) ?? true) && environment["TERM"] != "dumb"
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            width = Int(size.ws_col)
        } else if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 {
            width = columns
        } else {
            width = 120
        }
    }

    /// Writes a line to standard error.
    static func diagnostic(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// `text` in an ANSI colour when colours are on for standard error.
    static func styledForStderr(_ text: String, _ code: String) -> String {
        let env = ProcessInfo.processInfo.environment
        guard isatty(STDERR_FILENO) != 0, env["NO_COLOR"].map(\.isEmpty) ?? true else { return text }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
