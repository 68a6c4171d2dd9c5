import SiftCore
import SiftMatcher

/// Checks packs beyond what loading requires, for rule authors (`sift rules check`) and for the
/// built-in packs' tests: rules the prefilter cannot filter (the cost centre), rules whose matches
/// have no length bound, examples that do not match, negative examples that do.
public enum PackLinter {
    /// Warnings about `packs` (checked together, as they would run).
    public static func lint(_ packs: [Pack]) throws -> [PackProblem] {
        var problems: [PackProblem] = []
        let engine: DetectionEngine
        do {
            engine = try DetectionEngine(packs: packs)
        } catch {
            return error.problems
        }
        var locations: [String: SourceLocation] = [:]
        for pattern in packs.flatMap(\.patterns) { locations[pattern.id] = pattern.location }
        for rule in engine.compiledRules {
            let id = String(rule.spec.name.prefix { $0 != "#" && $0 != "/" })
            var location = locations[id] ?? SourceLocation(rule: id)
            location.rule = rule.spec.name
            switch rule.plan.strategy {
            case .unfiltered:
                problems.append(PackProblem(.warning, code: "unfiltered-rule",
                    "no literal is required in every match (\(rule.plan.reason ?? "unknown")): the regex runs over every text, or from every place its gate lets through; add a distinctive literal or keywords",
                    at: location))
            case .gated where rule.spec.keywords == nil:
                problems.append(PackProblem(.warning, code: "unbounded-rule",
                    "\(rule.plan.reason ?? "unbounded matches"): the regex runs over a whole text whenever its literal occurs; bound the quantifiers ({0,64} rather than *) to confirm in windows",
                    at: location))
            default:
                break
            }
        }
        let scratch = engine.makeScratch()
        for pack in packs {
            for pattern in pack.patterns {
                for example in pattern.examples where !engine.detectedIDs(in: example, using: scratch).contains(pattern.id) {
                    problems.append(PackProblem(.warning, code: "example-not-matched", "example does not match: \(example.prefix(80))",
                                                at: pattern.location))
                }
                for example in pattern.negativeExamples where engine.detectedIDs(in: example, using: scratch).contains(pattern.id) {
                    problems.append(PackProblem(.warning, code: "negative-example-matched",
                                                "negative example matches: \(example.prefix(80))", at: pattern.location))
                }
            }
            for object in pack.objects {
                for example in object.examples where !engine.detectedIDs(in: example, using: scratch).contains(object.id) {
                    problems.append(PackProblem(.warning, code: "example-not-matched", "example does not match: \(example.prefix(80))",
                                                at: object.location))
                }
                for example in object.negativeExamples where engine.detectedIDs(in: example, using: scratch).contains(object.id) {
                    problems.append(PackProblem(.warning, code: "negative-example-matched",
                                                "negative example matches: \(example.prefix(80))", at: object.location))
                }
            }
        }
        return problems
    }
}
