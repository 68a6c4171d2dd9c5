/// How the engine narrows a rule that has no usable literal: every match holds at least ``minimum``
/// bytes of ``characters`` within the rule's longest match, so PCRE2 runs only from where that
/// many occur that close together (payment cards: 14 digits within 19 bytes; IBANs: 12 capital
/// letters or digits within 43).
public struct CharacterGate: Sendable, Hashable {
    /// The bytes counted.
    public enum Characters: String, Sendable, Hashable {
        /// `0`–`9`.
        case digits
        /// `A`–`Z` and `0`–`9`.
        case uppercaseOrDigits

        /// Whether `byte` is one of them.
        @inline(__always)
        func contains(_ byte: UInt8) -> Bool {
            byte &- 0x30 < 10 || (self == .uppercaseOrDigits && byte &- 0x41 < 26)
        }

        /// The same bytes as a class.
        var byteClass: ByteClass { self == .digits ? Self.digitClass : Self.uppercaseOrDigitClass }

        private static let digitClass = ByteClass(0x30...0x39)
        private static let uppercaseOrDigitClass = ByteClass(Array(0x30...0x39) + Array(0x41...0x5A))
    }

    public var characters: Characters
    public var minimum: Int

    public init(characters: Characters, minimum: Int) {
        self.characters = characters
        self.minimum = minimum
    }

    /// The gate in words, for plans' reasons: "9 digits occur within 11 bytes".
    func describe(within maxLength: Int) -> String {
        "\(minimum) \(characters == .digits ? "digits" : "capitals or digits") occur within \(maxLength) bytes"
    }
}
