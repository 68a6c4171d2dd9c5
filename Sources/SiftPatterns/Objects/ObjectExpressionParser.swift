/// Parses ``ObjectExpression``s; errors carry the offset (in characters) where parsing stopped.
public struct ObjectExpressionParser {
    /// A syntax error: what was expected and where.
    public struct SyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
        public var message: String
        /// 0-based character offset in the expression.
        public var offset: Int
        public var description: String { "\(message) (at character \(offset + 1))" }
    }

    /// Deepest nesting of parentheses, `not` and unary `-`: the parser recurses on each.
    public static let maxNesting = 64
    /// Most operators (and parentheses) in one expression: the tree is as deep as its operator
    /// chain, and evaluating it recurses. Hostile packs must be rejected, not crash (a 200 000-term
    /// sum overflowed the stack; found by fuzz-object-expression).
    public static let maxOperators = 1000

    private let characters: [Character]
    private var index = 0
    private var nesting = 0
    private var operators = 0

    private init(_ text: String) { characters = Array(text) }

    /// Parses `text`.
    public static func parse(_ text: String) throws(SyntaxError) -> ObjectExpression {
        var parser = ObjectExpressionParser(text)
        let expression = try parser.parseOr()
        parser.skipSpace()
        guard parser.index == parser.characters.count else {
            throw SyntaxError(message: "unexpected '\(parser.characters[parser.index])'", offset: parser.index)
        }
        return expression
    }

    private mutating func parseOr() throws(SyntaxError) -> ObjectExpression {
        var left = try parseAnd()
        while keyword("or") || symbol("||") {
            try count()
            left = .binary(.or, left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws(SyntaxError) -> ObjectExpression {
        var left = try parseNot()
        while keyword("and") || symbol("&&") {
            try count()
            left = .binary(.and, left, try parseNot())
        }
        return left
    }

    private mutating func parseNot() throws(SyntaxError) -> ObjectExpression {
        if keyword("not") || (peekSymbol("!") && !peekSymbol("!=") && symbol("!")) {
            try descend()
            defer { nesting -= 1 }
            return .not(try parseNot())
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(SyntaxError) -> ObjectExpression {
        let left = try parseSum()
        for op in [ObjectExpression.Operator.lessOrEqual, .greaterOrEqual, .equal, .notEqual, .less, .greater]
        where symbol(op.rawValue) {
            try count()
            return .binary(op, left, try parseSum())
        }
        return left
    }

    private mutating func parseSum() throws(SyntaxError) -> ObjectExpression {
        var left = try parseProduct()
        while true {
            if symbol("+") {
                try count()
                left = .binary(.add, left, try parseProduct())
            } else if symbol("-") {
                try count()
                left = .binary(.subtract, left, try parseProduct())
            } else {
                return left
            }
        }
    }

    private mutating func parseProduct() throws(SyntaxError) -> ObjectExpression {
        var left = try parseUnary()
        while symbol("*") {
            try count()
            left = .binary(.multiply, left, try parseUnary())
        }
        return left
    }

    private mutating func parseUnary() throws(SyntaxError) -> ObjectExpression {
        if symbol("-") {
            try descend()
            defer { nesting -= 1 }
            return .negate(try parseUnary())
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(SyntaxError) -> ObjectExpression {
        skipSpace()
        guard index < characters.count else { throw SyntaxError(message: "expected a value", offset: index) }
        if symbol("(") {
            try descend()
            defer { nesting -= 1 }
            let inner = try parseOr()
            try expect(")")
            return inner
        }
        if let number = number() { return .number(number) }
        let start = index
        let name = identifier()
        switch name.lowercased() {
        case "count", "countunique":
            try expect("(")
            let id = try string()
            try expect(")")
            return .count(id, unique: name.lowercased() == "countunique")
        case "near":
            try expect("(")
            let a = try string()
            try expect(",")
            let b = try string()
            try expect(",")
            skipSpace()
            let distanceStart = index
            // `Int(exactly:)`: a distance too large for an Int (1e300) is an error, not a trap.
            guard let number = number(), number >= 0, let distance = Int(exactly: number) else {
                throw SyntaxError(message: "Near needs a whole number of characters as its third argument",
                                  offset: distanceStart)
            }
            try expect(")")
            return .near(a, b, distance)
        case "":
            throw SyntaxError(message: "unexpected '\(characters[index])'", offset: index)
        default:
            throw SyntaxError(message: "unknown function '\(name)' (Count, CountUnique or Near)", offset: start)
        }
    }

    // MARK: - Limits

    /// One more operator.
    private mutating func count() throws(SyntaxError) {
        operators += 1
        guard operators <= Self.maxOperators else {
            throw SyntaxError(message: "the expression has more than \(Self.maxOperators) operators", offset: index)
        }
    }

    /// One level deeper (a parenthesis, `not` or unary `-`), which is also an operator.
    private mutating func descend() throws(SyntaxError) {
        try count()
        nesting += 1
        guard nesting <= Self.maxNesting else {
            throw SyntaxError(message: "the expression is nested more than \(Self.maxNesting) deep", offset: index)
        }
    }

    // MARK: - Tokens

    private mutating func skipSpace() {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
    }

    private mutating func symbol(_ text: String) -> Bool {
        skipSpace()
        guard peekSymbol(text) else { return false }
        index += text.count
        return true
    }

    private func peekSymbol(_ text: String) -> Bool {
        var i = index
        while i < characters.count, characters[i].isWhitespace { i += 1 }
        let end = i + text.count
        return end <= characters.count && String(characters[i..<end]) == text
    }

    private mutating func keyword(_ word: String) -> Bool {
        skipSpace()
        let end = index + word.count
        guard end <= characters.count, String(characters[index..<end]).lowercased() == word,
            end == characters.count || !(characters[end].isLetter || characters[end].isNumber || characters[end] == "_")
        else { return false }
        index = end
        return true
    }

    private mutating func identifier() -> String {
        skipSpace()
        let start = index
        while index < characters.count, characters[index].isLetter || characters[index] == "_" { index += 1 }
        return String(characters[start..<index])
    }

    private mutating func number() -> Double? {
        skipSpace()
        let start = index
        while index < characters.count, characters[index].isASCII, characters[index].isNumber || characters[index] == "." {
            index += 1
        }
        guard index > start, let value = Double(String(characters[start..<index])) else {
            index = start
            return nil
        }
        return value
    }

    private mutating func string() throws(SyntaxError) -> String {
        skipSpace()
        guard index < characters.count, characters[index] == "\"" || characters[index] == "'" else {
            throw SyntaxError(message: "expected a quoted pattern or object id", offset: index)
        }
        let quote = characters[index]
        let start = index
        index += 1
        var value = ""
        while index < characters.count, characters[index] != quote {
            value.append(characters[index])
            index += 1
        }
        guard index < characters.count else { throw SyntaxError(message: "unterminated string", offset: start) }
        index += 1
        guard !value.isEmpty else { throw SyntaxError(message: "empty id", offset: start) }
        return value
    }

    private mutating func expect(_ text: String) throws(SyntaxError) {
        guard symbol(text) else {
            skipSpace()
            let found = index < characters.count ? "'\(characters[index])'" : "the end"
            throw SyntaxError(message: "expected '\(text)' but found \(found)", offset: index)
        }
    }
}
