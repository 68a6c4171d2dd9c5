import ArgumentParser
import Sift

/// A failure the CLI reports to the user: what went wrong and, when it knows, what to do.
struct CLIFailure: Error, CustomStringConvertible {
    var message: String
    var hint: String?

    init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    var description: String { message }
}

/// Exit statuses: 0 nothing unreviewed found, 1 unreviewed findings, 2 errors (errors win).
enum ExitStatus {
    static let clean: Int32 = 0
    static let findings: Int32 = 1
    static let error: Int32 = 2
}

/// Runs a command body, turning every error into a message on standard error and exit status 2,
/// and a non-zero status into `ExitCode`. Never a stack trace.
func runReportingErrors(_ body: () throws -> Int32) throws {
    let status: Int32
    do {
        status = try body()
    } catch let exit as ExitCode {
        throw exit
    } catch let error as CleanExit {
        throw error
    } catch let failure as CLIFailure {
        reportError(failure.message, hint: failure.hint)
        status = ExitStatus.error
    } catch let error as any SiftError {
        reportError(error.description, hint: hint(for: error))
        status = ExitStatus.error
    } catch {
        reportError(String(describing: error), hint: nil)
        status = ExitStatus.error
    }
    if status != 0 { throw ExitCode(status) }
}

func reportError(_ message: String, hint: String?) {
    Terminal.diagnostic(Terminal.styledForStderr("sift: error:", "1;31") + " " + message)
    if let hint { Terminal.diagnostic("hint: " + hint) }
}

func reportWarning(_ message: String) {
    Terminal.diagnostic(Terminal.styledForStderr("sift: warning:", "1;33") + " " + message)
}

/// Advice for errors whose fix is known.
private func hint(for error: any SiftError) -> String? {
    switch error.code {
    case "confirmation-required": "repeat the command with --confirm"
    case "workspace-foreign": "name another directory with --workspace DIR (or SIFT_WORKSPACE)"
    case "workspace-too-new": "this workspace was written by a newer Sift; upgrade Sift"
    default: nil
    }
}
