/// A small deterministic generator (SplitMix64) so that property tests are reproducible.
struct RandomSource: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }
}

extension RandomSource {
    /// A text of random `pieces`, up to 300 bytes (5 000 every tenth round), often with a few bytes
    /// cut off either end so that matches and literals meet the text's edges.
    mutating func piecesText(_ pieces: [String], round: Int) -> [UInt8] {
        var text: [UInt8] = []
        let length = int(0...(round % 10 == 9 ? 5000 : 300))
        while text.count < length { text += Array(pick(pieces).utf8) }
        if !text.isEmpty, chance(0.5) { text.removeFirst(int(0...min(6, text.count))) }
        if !text.isEmpty, chance(0.5) { text.removeLast(int(0...min(6, text.count))) }
        return text
    }
}
