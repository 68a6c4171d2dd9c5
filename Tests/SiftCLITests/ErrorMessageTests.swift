import Foundation
import Testing

/// Errors say what went wrong and what to do: on stderr, exit 2, a hint when the fix is known, and
/// never a stack trace.
@Suite("error messages")
struct ErrorMessageTests {
    let sandbox: Sandbox
    init() throws { sandbox = try Sandbox() }

    func expectError(_ run: SiftRun, mentioning texts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == 2, "\(run)", sourceLocation: sourceLocation)
        #expect(run.stderr.hasPrefix("sift: error: "), "\(run)", sourceLocation: sourceLocation)
        for text in texts {
            #expect(run.stderr.contains(text), "stderr does not mention \(text): \(run)", sourceLocation: sourceLocation)
        }
        #expect(run.stdout.isEmpty, "\(run)", sourceLocation: sourceLocation)
        expectNoStackTrace(run, sourceLocation: sourceLocation)
    }

    @Test("a space key in the wrong case suggests the right one")
    func spaceKeyCase() throws {
        #expect(try sandbox.sift("scan", sampleZip.path).status == 1)
        expectError(try sandbox.sift("findings", "--space", "ops"), mentioning: ["'ops'", "did you mean OPS?"])
        expectError(try sandbox.sift("export", "findings", "--space", "ops"), mentioning: ["'ops'", "did you mean OPS?"])
    }

    @Test("scan --space in the wrong case is an error that suggests the right key, not a clean scan")
    func scanSpaceKeyCase() throws {
        let run = try sandbox.sift("scan", sampleZip.path, "--space", "ops")
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("did you mean OPS?"), "\(run)")
        expectNoStackTrace(run)
        #expect(try sandbox.sift("scan", sampleZip.path, "--space", "OPS").status == 1)
    }

    @Test("a misspelt rule name suggests the right one")
    func ruleName() throws {
        expectError(try sandbox.sift("rules", "disable", "AWS_CLIENT_IDD"), mentioning: ["AWS_CLIENT_IDD", "did you mean AWS_CLIENT_ID?"])
        expectError(try sandbox.sift("rules", "show", "GITHUB_TOKN"), mentioning: ["did you mean GITHUB_TOKEN?"])
        // Nothing was disabled.
        let rules = try #require(try sandbox.sift("rules", "list", "--format", "json").json() as? [[String: Any]])
        #expect(rules.first { $0["name"] as? String == "AWS_CLIENT_ID" }?["enabled"] as? Bool == true)
    }

    @Test("a regexp PCRE2 rejects is shown with the error and its position, and not added")
    func badRegexp() throws {
        let run = try sandbox.sift("rules", "add", "--name", "x", "--regexp", "(unclosed")
        expectError(run, mentioning: ["PCRE2", "missing closing parenthesis", "(unclosed"])
        #expect(run.stderr.contains(/at character \d+/), "\(run)")
        // The caret points under the problem.
        #expect(run.stderr.contains("  (unclosed\n  " + String(repeating: " ", count: 9) + "^"), "\(run)")
        let rules = try #require(try sandbox.sift("rules", "list", "--format", "json").json() as? [[String: Any]])
        #expect(!rules.contains { $0["name"] as? String == "x" })
    }

    @Test("a good custom rule is added, listed and finds its matches")
    func customRule() throws {
        let add = try sandbox.sift("rules", "add", "--name", "Ticket token", "--regexp", "TKT-[0-9]{6}-[A-Z]{4}")
        #expect(add.status == 0, "\(add)")
        let input = try sandbox.write("tickets/today.txt", "escalated with TKT-123456-ABCD this morning\n")
        let scan = try sandbox.sift("scan", input.deletingLastPathComponent().path, "--format", "jsonl")
        #expect(scan.status == 1, "\(scan)")
        #expect(try scan.jsonLines().map { $0["ruleName"] as? String } == ["Ticket token"])
    }

    @Test("commands that need a workspace say how to make one")
    func noWorkspace() throws {
        expectError(try sandbox.sift("findings"), mentioning: ["no workspace at", "sift scan"])
    }
}
