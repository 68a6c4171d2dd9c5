/// Evaluates ``ObjectExpression``s over the matches of one content item.
///
/// Counting follows Forcepoint ONE: greedy (text consumed by one match does not take part in
/// another), `Count` capped at 150 and `CountUnique` at 1500.
struct ObjectEvaluator {
    /// One match of a pattern (or one finding of an object) in the item.
    struct Span: Hashable, Sendable {
        var start: Int
        var end: Int
        var text: String
    }

    static let countCap = 150
    static let uniqueCap = 1500

    /// Matches by pattern or object id, each list sorted by start.
    let spans: [String: [Span]]

    init(spans: [String: [Span]]) {
        self.spans = spans.mapValues { $0.sorted { ($0.start, -$0.end) < ($1.start, -$1.end) } }
    }

    /// The value of `expression` and the matches that contributed to it.
    func evaluate(_ expression: ObjectExpression) -> (value: Double, evidence: [(String, Span)]) {
        switch expression {
        case .number(let value):
            return (value, [])
        case .count(let id, let unique):
            let counted = greedy(id)
            if unique {
                var seen = Set<String>()
                var evidence: [(String, Span)] = []
                for span in counted where seen.insert(span.text).inserted {
                    evidence.append((id, span))
                    if seen.count >= Self.uniqueCap { break }
                }
                return (Double(seen.count), evidence)
            }
            let capped = counted.prefix(Self.countCap)
            return (Double(capped.count), capped.map { (id, $0) })
        case .near(let a, let b, let distance):
            for x in spans[a] ?? [] {
                for y in spans[b] ?? [] where x != y || a != b {
                    let gap = max(x.start, y.start) - min(x.end, y.end)
                    if gap <= distance { return (1, [(a, x), (b, y)]) }
                }
            }
            return (0, [])
        case .negate(let inner):
            let (value, evidence) = evaluate(inner)
            return (-value, evidence)
        case .not(let inner):
            let (value, _) = evaluate(inner)
            return (value == 0 ? 1 : 0, [])
        case .binary(let op, let left, let right):
            let (a, ea) = evaluate(left)
            switch op {
            case .and:
                guard a != 0 else { return (0, []) }
                let (b, eb) = evaluate(right)
                return (b != 0 ? 1 : 0, b != 0 ? ea + eb : [])
            case .or:
                if a != 0 { return (1, ea) }
                let (b, eb) = evaluate(right)
                return (b != 0 ? 1 : 0, eb)
            default:
                let (b, eb) = evaluate(right)
                let value: Double = switch op {
                case .add: a + b
                case .subtract: a - b
                case .multiply: a * b
                case .equal: a == b ? 1 : 0
                case .notEqual: a != b ? 1 : 0
                case .less: a < b ? 1 : 0
                case .lessOrEqual: a <= b ? 1 : 0
                case .greater: a > b ? 1 : 0
                case .greaterOrEqual: a >= b ? 1 : 0
                case .and, .or: 0
                }
                return (value, ea + eb)
            }
        }
    }

    /// The matches of `id` taken greedily from the left: a match that overlaps one already taken is
    /// skipped.
    private func greedy(_ id: String) -> [Span] {
        var taken: [Span] = []
        var end = Int.min
        for span in spans[id] ?? [] where span.start >= end {
            taken.append(span)
            end = span.end
        }
        return taken
    }
}
