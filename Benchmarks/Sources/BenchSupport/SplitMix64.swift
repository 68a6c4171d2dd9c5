/// A deterministic generator: the same seed gives the same corpus on every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    public mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    public mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

    public mutating func string(_ alphabet: [UInt8], count: Int) -> String {
        String(decoding: (0..<count).map { _ in pick(alphabet) }, as: UTF8.self)
    }
}

public enum Alphabet {
    public static let upper = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
    public static let lower = Array("abcdefghijklmnopqrstuvwxyz".utf8)
    public static let digits = Array("0123456789".utf8)
    public static let alnum = upper + lower + digits
    public static let base32 = upper + Array("234567".utf8)
    public static let base64 = alnum + Array("+/".utf8)
    public static let base64url = alnum + Array("-_".utf8)
    public static let hex = digits + Array("abcdef".utf8)
}
