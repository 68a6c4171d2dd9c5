/// A parser for the PCRE2 syntax that secret-detection rules use, producing a ``RegexNode`` tree.
///
/// It follows PCRE2 10.42 in UTF mode without UCP: literals and escapes, classes with ranges,
/// POSIX names and escapes, groups of every kind (capturing, named, non-capturing, atomic, branch
/// reset, lookarounds, comments), alternation, greedy, lazy and possessive quantifiers with
/// `{m,n}`, anchors, `\b`, and inline options `(?i)`, `(?x)`, `(?s)`, `(?m)` — global, scoped
/// (`(?i:…)`) and switched off (`(?-i)`, `(?^)`).
///
/// The parser never has to reject a pattern: PCRE2 is the authority on syntax. Whatever it does
/// not understand (recursion, conditionals, callouts, backtracking verbs, `\K`, `\G`, `\C`, `(*UCP)`
/// …) becomes ``RegexNode/unsupported(_:)`` naming the construct, and the rule goes unfiltered.
struct RegexParser {
    private let scalars: [Unicode.Scalar]
    private var index = 0

    /// The options in force at the current position.
    private struct Flags {
        var caseless = false
        var dotAll = false
        var extended = false
        var extendedMore = false
    }

    private init(_ pattern: String) {
        scalars = Array(pattern.unicodeScalars)
    }

    /// Parses `pattern` with the given initial options (the rule's compile options).
    static func parse(_ pattern: String, caseless: Bool = false, dotAll: Bool = false, extended: Bool = false)
        -> RegexNode
    {
        var parser = RegexParser(pattern)
        var flags = Flags(caseless: caseless, dotAll: dotAll, extended: extended)
        let node = parser.parseAlternation(&flags, depth: 0)
        if parser.index < parser.scalars.count {
            // Parsing stopped early: at a construct it does not handle, or at an unbalanced `)`
            // (which PCRE2 rejects anyway).
            return LiteralExtractor.unsupportedReason(in: node).map { .unsupported($0) }
                ?? .unsupported("unbalanced parenthesis")
        }
        return node
    }

    // MARK: - Structure

    private static let maxDepth = 200

    private mutating func parseAlternation(_ flags: inout Flags, depth: Int) -> RegexNode {
        guard depth < Self.maxDepth else { return .unsupported("nesting deeper than \(Self.maxDepth)") }
        var branches: [RegexNode] = []
        // Option changes inside a group last to its end, across alternatives (PCRE2 semantics).
        while true {
            branches.append(parseConcat(&flags, depth: depth))
            if peek() == "|" {
                index += 1
                continue
            }
            break
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseConcat(_ flags: inout Flags, depth: Int) -> RegexNode {
        var items: [RegexNode] = []
        while let c = peek(), c != "|", c != ")" {
            if flags.extended, skipExtendedWhitespaceAndComments() { continue }
            guard var atom = parseAtom(&flags, depth: depth) else {
                // Nothing to add; a quantifier right after it repeats the item before (else PCRE2
                // rejects the pattern).
                if let last = items.last, let c = peek(), c == "*" || c == "+" || c == "?" || c == "{" {
                    let repeated = parseQuantifiers(last, flags)
                    if case .unsupported = repeated { return repeated }
                    items[items.count - 1] = repeated
                }
                continue
            }
            if case .unsupported = atom { return atom }
            atom = parseQuantifiers(atom, flags)
            if case .unsupported = atom { return atom }
            items.append(atom)
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .concat(items)
        }
    }

    /// Skips white space and `#` comments in extended mode; returns whether it skipped anything.
    private mutating func skipExtendedWhitespaceAndComments() -> Bool {
        guard let c = peek() else { return false }
        if Self.isExtendedSpace(c) {
            index += 1
            return true
        }
        if c == "#" {
            while let d = peek(), d != "\n" { index += 1 }
            return true
        }
        return false
    }

    private static func isExtendedSpace(_ c: Unicode.Scalar) -> Bool {
        // PCRE2 ignores these in extended mode (ASCII white space; in UTF mode also U+0085, U+200E,
        // U+200F, U+2028, U+2029 — "Pattern White Space").
        switch c.value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x200E, 0x200F, 0x2028, 0x2029: true
        default: false
        }
    }

    /// One atom, or `nil` for something that matches nothing and is not quantifiable (an option
    /// setting such as `(?i)`, a comment).
    private mutating func parseAtom(_ flags: inout Flags, depth: Int) -> RegexNode? {
        guard let c = next() else { return .empty }
        switch c {
        case "(":
            return parseGroup(&flags, depth: depth)
        case "[":
            return parseClass(flags)
        case ".":
            return .charClass(CharacterClass(
                ranges: flags.dotAll ? nil : [0x0A...0x0A], negated: !flags.dotAll, caseless: false, maxBytes: 4,
                minBytes: 1))
        case "^", "$":
            return .empty
        case "\\":
            // PCRE2 ignores `\E` outside `\Q…\E`, and an empty `\Q\E`: a quantifier after them
            // repeats the item before them (`(ab)\E*` is `(ab)*`).
            if peek() == "E" {
                index += 1
                return nil
            }
            if peek() == "Q", index + 2 < scalars.count, scalars[index + 1] == "\\", scalars[index + 2] == "E" {
                index += 3
                return nil
            }
            return parseEscape(flags)
        case "*", "+", "?":
            return .unsupported("quantifier '\(c)' with nothing to repeat")
        case "{":
            if quantifierAhead(from: index - 1) != nil {
                return .unsupported("quantifier '{' with nothing to repeat")
            }
            return .char(c, caseless: false)
        default:
            return .char(c, caseless: flags.caseless)
        }
    }

    private mutating func parseGroup(_ flags: inout Flags, depth: Int) -> RegexNode? {
        if peek() == "*" { return .unsupported("verb or option '(*…)'") }
        guard peek() == "?" else {
            var inner = flags
            let body = parseAlternation(&inner, depth: depth + 1)
            return closeGroup(body)
        }
        index += 1
        guard let kind = next() else { return .unsupported("unterminated group") }
        switch kind {
        case ":", "|", ">":
            var inner = flags
            return closeGroup(parseAlternation(&inner, depth: depth + 1))
        case "=", "!":
            var inner = flags
            let body = parseAlternation(&inner, depth: depth + 1)
            return closeGroup(body).map { node in
                if case .unsupported = node { return node }
                return .lookaround(node, behind: false)
            }
        case "#":
            while let d = next() {
                if d == ")" { return nil }
            }
            return .unsupported("unterminated comment")
        case "<":
            if let d = peek(), d == "=" || d == "!" {
                index += 1
                var inner = flags
                let body = parseAlternation(&inner, depth: depth + 1)
                return closeGroup(body).map { node in
                    if case .unsupported = node { return node }
                    return .lookaround(node, behind: true)
                }
            }
            return parseNamedGroup(terminator: ">", &flags, depth: depth)
        case "'":
            return parseNamedGroup(terminator: "'", &flags, depth: depth)
        case "P":
            if peek() == "<" {
                index += 1
                return parseNamedGroup(terminator: ">", &flags, depth: depth)
            }
            if peek() == "=" {
                // (?P=name) back reference
                while let d = next() {
                    if d == ")" { return .backReference }
                }
                return .unsupported("unterminated (?P=")
            }
            return .unsupported("subroutine call '(?P>…)'")
        default:
            index -= 1
            return parseOptionGroup(&flags, depth: depth)
        }
    }

    private mutating func parseNamedGroup(terminator: Unicode.Scalar, _ flags: inout Flags, depth: Int)
        -> RegexNode?
    {
        while let d = next() {
            if d == terminator {
                var inner = flags
                return closeGroup(parseAlternation(&inner, depth: depth + 1))
            }
            guard d.properties.isAlphabetic || d == "_" || ("0"..."9").contains(d) else {
                return .unsupported("malformed group name")
            }
        }
        return .unsupported("unterminated group name")
    }

    /// `(?imsx-imsx)`, `(?imsx-imsx:…)`, `(?^…)`; anything else here is unsupported.
    private mutating func parseOptionGroup(_ flags: inout Flags, depth: Int) -> RegexNode? {
        var updated = flags
        var on = true
        if peek() == "^" {
            index += 1
            updated = Flags()
        }
        while let c = next() {
            switch c {
            case "i": updated.caseless = on
            case "s": updated.dotAll = on
            case "x":
                if peek() == "x" {
                    index += 1
                    updated.extendedMore = on
                }
                updated.extended = on
            case "m", "n", "U", "J": break  // multiline, no-auto-capture, ungreedy, dup names: no effect on literals
            case "-":
                guard on else { return .unsupported("malformed option setting") }
                on = false
            case ")":
                flags = updated
                return nil
            case ":":
                var inner = updated
                return closeGroup(parseAlternation(&inner, depth: depth + 1))
            default:
                return .unsupported("group '(?\(c)…)' (recursion, conditional, callout or unknown option)")
            }
        }
        return .unsupported("unterminated group")
    }

    private mutating func closeGroup(_ body: RegexNode) -> RegexNode? {
        if case .unsupported = body { return body }
        guard next() == ")" else { return .unsupported("missing ')'") }
        return body
    }

    // MARK: - Quantifiers

    private mutating func parseQuantifiers(_ atom: RegexNode, _ flags: Flags) -> RegexNode {
        var node = atom
        while true {
            if flags.extended {
                // In extended mode white space may sit between an atom and its quantifier.
                let save = index
                while let c = peek(), Self.isExtendedSpace(c) || c == "#" {
                    if c == "#" {
                        while let d = peek(), d != "\n" { index += 1 }
                    } else {
                        index += 1
                    }
                }
                if let c = peek(), c == "*" || c == "+" || c == "?" || c == "{" {
                    // fall through to quantifier parsing
                } else {
                    index = save
                    return node
                }
            }
            guard let c = peek() else { return node }
            var bounds: (Int, Int?)
            switch c {
            case "*": bounds = (0, nil); index += 1
            case "+": bounds = (1, nil); index += 1
            case "?": bounds = (0, 1); index += 1
            case "{":
                guard let (quantifier, end) = quantifierAhead(from: index) else { return node }
                bounds = quantifier
                index = end
            default:
                return node
            }
            // Lazy or possessive suffix: no effect on the set of possible matches.
            if let s = peek(), s == "?" || s == "+" { index += 1 }
            if let max = bounds.1, max < bounds.0 { return .unsupported("quantifier {m,n} with n < m") }
            node = .repetition(node, min: bounds.0, max: bounds.1)
        }
    }

    /// Parses `{n}`, `{n,}` or `{n,m}` starting at the `{` at `start` (PCRE2 10.42: digits only, no
    /// spaces, no `{,m}`); returns the bounds and the index after `}`, or `nil` when the brace is a
    /// literal.
    private func quantifierAhead(from start: Int) -> ((Int, Int?), Int)? {
        var i = start + 1
        func number() -> Int? {
            var value = 0
            var digits = 0
            while i < scalars.count, scalars[i].isASCII, ("0"..."9").contains(scalars[i]) {
                value = min(value * 10 + Int(scalars[i].value - 0x30), 1_000_000)
                digits += 1
                i += 1
            }
            return digits > 0 ? value : nil
        }
        guard let low = number() else { return nil }
        guard i < scalars.count else { return nil }
        if scalars[i] == "}" { return ((low, low), i + 1) }
        guard scalars[i] == "," else { return nil }
        i += 1
        guard i < scalars.count else { return nil }
        if scalars[i] == "}" { return ((low, nil), i + 1) }
        guard let high = number(), i < scalars.count, scalars[i] == "}" else { return nil }
        return ((low, high), i + 1)
    }

    // MARK: - Escapes

    private mutating func parseEscape(_ flags: Flags) -> RegexNode {
        guard let c = next() else { return .unsupported("trailing backslash") }
        switch c {
        case "d": return .charClass(Self.digit(negated: false))
        case "D": return .charClass(CharacterClass.opaque())
        case "w": return .charClass(Self.word)
        case "W": return .charClass(CharacterClass.opaque())
        case "s": return .charClass(Self.space)
        case "S": return .charClass(CharacterClass.opaque())
        case "h": return .charClass(CharacterClass.opaque(maxBytes: 3))
        case "H": return .charClass(CharacterClass.opaque())
        case "v": return .charClass(CharacterClass.opaque(maxBytes: 3))
        case "V": return .charClass(CharacterClass.opaque())
        case "R":
            // \R: LF, CR, CRLF, VT, FF, NEL, LS, PS — one to three bytes.
            return .charClass(CharacterClass.opaque(minBytes: 1, maxBytes: 3))
        case "N":
            if peek() == "{" { return parseNamedCharacter(flags) }
            return .charClass(CharacterClass(
                ranges: [0x0A...0x0A], negated: true, caseless: false, maxBytes: 4, minBytes: 1))
        case "p", "P":
            guard skipPropertyName() else { return .unsupported("malformed \\\(c)") }
            return .charClass(CharacterClass.opaque())
        case "X": return .unsupported("\\X (grapheme cluster of unbounded length)")
        case "C": return .unsupported("\\C (single code unit)")
        case "K": return .unsupported("\\K (match start reset)")
        case "G": return .unsupported("\\G (anchor at the search start)")
        case "b", "B", "A", "z", "Z": return .empty
        case "Q":
            var items: [RegexNode] = []
            while let d = next() {
                if d == "\\", peek() == "E" {
                    index += 1
                    break
                }
                items.append(.char(d, caseless: flags.caseless))
            }
            // A quantifier after `\Q…\E` repeats its last character only.
            if items.count > 1, let c = peek(), c == "*" || c == "+" || c == "?" || c == "{" {
                return .unsupported("a quantifier after \\Q…\\E")
            }
            return items.isEmpty ? .empty : .concat(items)
        case "g":
            if peek() == "<" || peek() == "'" { return .unsupported("subroutine call '\\g<…>'") }
            if peek() == "{" {
                while let d = next(), d != "}" {}
            } else {
                if peek() == "-" || peek() == "+" { index += 1 }
                while let d = peek(), d.isASCII, ("0"..."9").contains(d) { index += 1 }
            }
            return .backReference
        case "k":
            guard let open = next(), open == "<" || open == "'" || open == "{" else {
                return .unsupported("malformed \\k")
            }
            let close: Unicode.Scalar = open == "<" ? ">" : open == "{" ? "}" : "'"
            while let d = next() {
                if d == close { return .backReference }
            }
            return .unsupported("unterminated \\k")
        case "1"..."9":
            // \1-\9 are back references; longer numbers may be octal: either way, unknown text.
            while let d = peek(), d.isASCII, ("0"..."9").contains(d) { index += 1 }
            return .backReference
        default:
            guard let scalar = parseCharacterEscape(c) else {
                return .unsupported("escape '\\\(c)'")
            }
            return .char(scalar, caseless: flags.caseless)
        }
    }

    /// Escapes that stand for one character, shared by classes and the top level. `c` has been
    /// consumed; returns `nil` for escapes this parser does not know.
    private mutating func parseCharacterEscape(_ c: Unicode.Scalar) -> Unicode.Scalar? {
        switch c {
        case "a": return "\u{07}"
        case "e": return "\u{1B}"
        case "f": return "\u{0C}"
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "0":
            // \0 followed by up to two more octal digits.
            var value: UInt32 = 0
            var count = 0
            while count < 2, let d = peek(), ("0"..."7").contains(d) {
                value = value * 8 + (d.value - 0x30)
                index += 1
                count += 1
            }
            return Unicode.Scalar(value)
        case "o":
            guard next() == "{" else { return nil }
            return parseNumber(radix: 8, terminator: "}")
        case "x":
            if peek() == "{" {
                index += 1
                return parseNumber(radix: 16, terminator: "}")
            }
            var value: UInt32 = 0
            var count = 0
            while count < 2, let d = peek(), let v = Self.hexValue(d) {
                value = value * 16 + UInt32(v)
                index += 1
                count += 1
            }
            return Unicode.Scalar(value)
        case "c":
            guard let d = next(), d.isASCII else { return nil }
            let upper = d.value >= 0x61 && d.value <= 0x7A ? d.value - 0x20 : d.value
            return Unicode.Scalar(upper ^ 0x40)
        default:
            // An escaped non-alphanumeric character stands for itself.
            if c.isASCII, !(c.properties.isAlphabetic || ("0"..."9").contains(c)) { return c }
            if !c.isASCII { return c }
            return nil
        }
    }

    private mutating func parseNumber(radix: UInt32, terminator: Unicode.Scalar) -> Unicode.Scalar? {
        var value: UInt32 = 0
        var digits = 0
        while let d = next() {
            if d == terminator { return digits > 0 ? Unicode.Scalar(value) : nil }
            guard let v = Self.hexValue(d), UInt32(v) < radix else { return nil }
            value = value &* radix &+ UInt32(v)
            digits += 1
            if value > 0x10FFFF { return nil }
        }
        return nil
    }

    private mutating func parseNamedCharacter(_ flags: Flags) -> RegexNode {
        // \N{U+hhhh}
        index += 1
        guard next() == "U", next() == "+", let scalar = parseNumber(radix: 16, terminator: "}") else {
            return .unsupported("malformed \\N{…}")
        }
        return .char(scalar, caseless: flags.caseless)
    }

    private mutating func skipPropertyName() -> Bool {
        guard let c = next() else { return false }
        if c != "{" { return c.isASCII && c.properties.isAlphabetic }
        while let d = next() {
            if d == "}" { return true }
        }
        return false
    }

    // MARK: - Classes

    private static func digit(negated: Bool) -> CharacterClass {
        CharacterClass(ranges: [0x30...0x39], negated: negated, caseless: false, maxBytes: 1, minBytes: 1)
    }

    /// `\w` without UCP: ASCII letters, digits and underscore. Caseless matching does not widen it.
    private static let word = CharacterClass(
        ranges: [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A], negated: false, caseless: false,
        maxBytes: 1, minBytes: 1)

    private static let space = CharacterClass(
        ranges: [0x09...0x0D, 0x20...0x20], negated: false, caseless: false, maxBytes: 1, minBytes: 1)

    private mutating func parseClass(_ flags: Flags) -> RegexNode {
        var negated = false
        if peek() == "^" {
            negated = true
            index += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        var opaque = false  // members we cannot enumerate (\p, \W, [:^alpha:] …)
        var maxBytes = 1
        var first = true
        while true {
            guard let c = next() else { return .unsupported("unterminated character class") }
            if c == "]", !first { break }
            first = false
            if flags.extendedMore, c == " " || c == "\t" { continue }
            var low: UInt32
            if c == "[", peek() == ":" {
                guard let posix = parsePosixClass() else { return .unsupported("malformed POSIX class") }
                if let members = posix { ranges += members } else { opaque = true; maxBytes = 4 }
                continue
            } else if c == "\\" {
                guard let e = next() else { return .unsupported("unterminated character class") }
                switch e {
                case "d": ranges += [0x30...0x39]; continue
                case "w": ranges += Self.word.ranges!; continue
                case "s": ranges += Self.space.ranges!; continue
                case "D", "W", "S", "H", "V", "p", "P", "N", "h", "v", "R", "X":
                    if e == "p" || e == "P" {
                        guard skipPropertyName() else { return .unsupported("malformed \\\(e)") }
                    }
                    opaque = true
                    maxBytes = 4
                    continue
                case "b": low = 0x08
                case "Q":
                    // \Q…\E inside a class: literal characters.
                    while let d = next() {
                        if d == "\\", peek() == "E" {
                            index += 1
                            break
                        }
                        ranges.append(d.value...d.value)
                        maxBytes = max(maxBytes, UTF8.width(d))
                    }
                    continue
                case "E": continue
                default:
                    guard let scalar = parseCharacterEscape(e) else {
                        return .unsupported("escape '\\\(e)' in a class")
                    }
                    low = scalar.value
                }
            } else {
                low = c.value
            }
            // A range?
            if peek() == "-", index + 1 < scalars.count, scalars[index + 1] != "]" {
                let save = index
                index += 1
                guard let d = next() else { return .unsupported("unterminated character class") }
                var high: UInt32
                if d == "\\" {
                    guard let e = next() else { return .unsupported("unterminated character class") }
                    if e == "b" {
                        high = 0x08
                    } else if let scalar = parseCharacterEscapeInRange(e) {
                        high = scalar.value
                    } else {
                        // `[a-\d]`: PCRE2 treats '-' literally here; stay conservative.
                        index = save
                        ranges.append(low...low)
                        continue
                    }
                } else if d == "[", peek() == ":" {
                    index = save
                    ranges.append(low...low)
                    continue
                } else {
                    high = d.value
                }
                guard high >= low else { return .unsupported("class range out of order") }
                ranges.append(low...high)
                maxBytes = max(maxBytes, UTF8.width(Unicode.Scalar(high) ?? "\u{10FFFF}"))
            } else {
                ranges.append(low...low)
                maxBytes = max(maxBytes, Unicode.Scalar(low).map(UTF8.width) ?? 4)
            }
        }
        if negated {
            // The complement of anything is unknown here; one character of up to four bytes.
            return .charClass(CharacterClass(ranges: opaque ? nil : ranges, negated: true, caseless: flags.caseless,
                                             maxBytes: 4, minBytes: 1))
        }
        var minBytes = 1
        if !opaque, let lowest = ranges.map(\.lowerBound).min() {
            minBytes = Unicode.Scalar(lowest).map(UTF8.width) ?? 1
        }
        if flags.caseless, !opaque, ranges.contains(where: { $0.upperBound >= 0x80 || $0.overlaps(0x41...0x7A) }) {
            // Caseless letters can match U+017F (ſ) and U+212A (K): up to three bytes.
            maxBytes = max(maxBytes, 3)
        }
        return .charClass(CharacterClass(ranges: opaque ? nil : ranges, negated: false, caseless: flags.caseless,
                                         maxBytes: maxBytes, minBytes: opaque ? 1 : minBytes))
    }

    private mutating func parseCharacterEscapeInRange(_ e: Unicode.Scalar) -> Unicode.Scalar? {
        switch e {
        case "d", "D", "w", "W", "s", "S", "h", "H", "v", "V", "p", "P", "N", "R", "X": return nil
        default: return parseCharacterEscape(e)
        }
    }

    /// `[:name:]` after the `[`; returns the member ranges, `.some(nil)` for an opaque class
    /// (negated POSIX classes), or `nil` when malformed.
    private mutating func parsePosixClass() -> [ClosedRange<UInt32>]?? {
        index += 1  // ':'
        var negated = false
        if peek() == "^" {
            negated = true
            index += 1
        }
        var name = ""
        while let d = next() {
            if d == ":" {
                guard next() == "]" else { return nil }
                if negated { return .some(nil) }
                switch name {
                case "alpha": return [0x41...0x5A, 0x61...0x7A]
                case "digit": return [0x30...0x39]
                case "alnum": return [0x30...0x39, 0x41...0x5A, 0x61...0x7A]
                case "upper": return [0x41...0x5A]
                case "lower": return [0x61...0x7A]
                case "xdigit": return [0x30...0x39, 0x41...0x46, 0x61...0x66]
                case "space": return [0x09...0x0D, 0x20...0x20]
                case "blank": return [0x09...0x09, 0x20...0x20]
                case "word": return [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]
                case "punct": return [0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E]
                case "graph": return [0x21...0x7E]
                case "print": return [0x20...0x7E]
                case "cntrl": return [0x00...0x1F, 0x7F...0x7F]
                case "ascii": return [0x00...0x7F]
                default: return nil
                }
            }
            name.unicodeScalars.append(d)
        }
        return nil
    }

    private static func hexValue(_ c: Unicode.Scalar) -> Int? {
        switch c.value {
        case 0x30...0x39: Int(c.value - 0x30)
        case 0x41...0x46: Int(c.value - 0x41 + 10)
        case 0x61...0x66: Int(c.value - 0x61 + 10)
        default: nil
        }
    }

    // MARK: - Cursor

    private func peek() -> Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private mutating func next() -> Unicode.Scalar? {
        guard index < scalars.count else { return nil }
        defer { index += 1 }
        return scalars[index]
    }
}
