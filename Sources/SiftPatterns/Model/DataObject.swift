import SiftCore

/// An advanced data pattern (Forcepoint's term): an expression over the matches of patterns and
/// other objects in one content item, such as
/// `CountUnique("CREDIT_CARD") >= 3 and Count("CARD_CONTEXT") > 0`. When it is true, the item gets
/// one finding named after the object, carrying the matches that made it true.
public struct DataObject: Sendable, Hashable {
    public var id: String
    public var name: String
    public var description: String
    public var severity: Severity
    /// The expression as written.
    public var expressionSource: String
    /// The parsed expression.
    public var expression: ObjectExpression
    public var report: Bool
    public var examples: [String]
    public var negativeExamples: [String]
    public var location: SourceLocation

    public init(
        id: String, name: String? = nil, description: String = "", severity: Severity = .high, expressionSource: String,
        expression: ObjectExpression, report: Bool = true, examples: [String] = [], negativeExamples: [String] = [],
        location: SourceLocation = SourceLocation()
    ) {
        self.id = id
        self.name = name ?? id
        self.description = description
        self.severity = severity
        self.expressionSource = expressionSource
        self.expression = expression
        self.report = report
        self.examples = examples
        self.negativeExamples = negativeExamples
        self.location = location
    }
}
