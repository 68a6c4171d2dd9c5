/// A byte string that a prefilter searches for, exactly or ASCII-case-insensitively.
///
/// A caseless literal matches any text whose bytes equal its bytes after folding ASCII letters;
/// non-ASCII bytes always compare exactly. Folding more than a rule asks for is safe: the prefilter
/// may report a candidate that does not match, never miss one.
public struct Literal: Hashable, Sendable, CustomStringConvertible {
    /// The bytes; for a caseless literal, ASCII letters are stored lowercase.
    public let bytes: [UInt8]
    public let caseless: Bool

    public init(_ bytes: [UInt8], caseless: Bool) {
        self.bytes = caseless ? bytes.map(Literal.fold) : bytes
        self.caseless = caseless
    }

    public init(_ string: String, caseless: Bool = false) {
        self.init(Array(string.utf8), caseless: caseless)
    }

    /// A literal from bytes that are already folded when `caseless` (no copy, no second pass).
    init(folded bytes: [UInt8], caseless: Bool) {
        self.bytes = bytes
        self.caseless = caseless
    }

    /// The empty literal: a set that contains it matches everywhere.
    static let empty = Literal([], caseless: false)

    /// ASCII lowercase of one byte.
    @inline(__always)
    static func fold(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    /// Whether the literal has ASCII letters, so that caselessness matters.
    var hasLetters: Bool { bytes.contains { $0 | 0x20 &- 0x61 < 26 } }

    /// The concatenation of two literals; caseless if either is (folding more is safe).
    static func + (lhs: Literal, rhs: Literal) -> Literal {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lhs.bytes.count + rhs.bytes.count)
        // A caseless literal's bytes are folded already; only a case-sensitive side joining a
        // caseless one needs folding.
        let caseless = lhs.caseless || rhs.caseless
        if caseless, !lhs.caseless {
            for byte in lhs.bytes { bytes.append(fold(byte)) }
        } else {
            bytes += lhs.bytes
        }
        if caseless, !rhs.caseless {
            for byte in rhs.bytes { bytes.append(fold(byte)) }
        } else {
            bytes += rhs.bytes
        }
        return Literal(folded: bytes, caseless: caseless)
    }

    /// Whether `text[at..<at+count]` matches this literal.
    @inline(__always)
    func matches(_ text: UnsafeRawBufferPointer, at start: Int) -> Bool {
        guard start >= 0, start + bytes.count <= text.count else { return false }
        if caseless {
            for (i, b) in bytes.enumerated() where Literal.fold(text[start + i]) != b { return false }
        } else {
            for (i, b) in bytes.enumerated() where text[start + i] != b { return false }
        }
        return true
    }

    public var description: String {
        var out = ""
        for byte in bytes {
            if byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
            }
        }
        return caseless && hasLetters ? "(?i)" + out : out
    }
}
