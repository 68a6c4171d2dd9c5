/// The expression of an object (advanced data pattern), evaluated per content item.
///
/// Grammar (keywords are case-insensitive; `&&`, `||`, `!` also work):
/// ```
/// expression := or
/// or         := and ("or" and)*
/// and        := not ("and" not)*
/// not        := "not" not | comparison
/// comparison := sum (("==" | "!=" | "<" | "<=" | ">" | ">=") sum)?
/// sum        := product (("+" | "-") product)*
/// product    := unary ("*" unary)*
/// unary      := "-" unary | primary
/// primary    := number | "(" expression ")"
///             | "Count(" id ")" | "CountUnique(" id ")" | "Near(" id "," id "," number ")"
/// ```
/// Values are numbers; comparisons and `Near` give 1 or 0; `and`, `or`, `not` treat non-zero as true.
public indirect enum ObjectExpression: Sendable, Hashable {
    case number(Double)
    /// `Count("ID")` (`unique: false`) or `CountUnique("ID")`.
    case count(String, unique: Bool)
    /// `Near("A", "B", N)`: a match of A and a match of B at most N bytes apart.
    case near(String, String, Int)
    case negate(ObjectExpression)
    case not(ObjectExpression)
    case binary(Operator, ObjectExpression, ObjectExpression)

    public enum Operator: String, Sendable, Hashable {
        case add = "+", subtract = "-", multiply = "*"
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case and, or
    }

    /// The pattern and object ids the expression refers to.
    public var references: Set<String> {
        switch self {
        case .number: []
        case .count(let id, _): [id]
        case .near(let a, let b, _): [a, b]
        case .negate(let e), .not(let e): e.references
        case .binary(_, let a, let b): a.references.union(b.references)
        }
    }
}
