/// Reads what ``CacheWriter`` wrote, checking bounds: any read past the end, or a value out of
/// range, throws ``Malformed`` (the cache is then ignored, never trusted in part).
package struct CacheReader {
    /// The bytes do not hold what the reader expects.
    package struct Malformed: Error {
        package init() {}
    }

    private let bytes: [UInt8]
    private(set) var position: Int
    private let end: Int

    package init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        position = start
        self.end = end ?? bytes.count
    }

    package var isAtEnd: Bool { position == end }

    /// Bytes left to read.
    package var remaining: Int { end - position }

    package mutating func byte() throws(Malformed) -> UInt8 {
        guard position < end else { throw Malformed() }
        defer { position += 1 }
        return bytes[position]
    }

    package mutating func unsigned() throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw Malformed() }
            value |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return value }
            shift += 7
        }
    }

    package mutating func int() throws(Malformed) -> Int {
        let raw = try unsigned()
        return Int(truncatingIfNeeded: Int64(bitPattern: raw >> 1 ^ (0 &- (raw & 1))))
    }

    /// A count or length: not negative, and at most `limit`.
    package mutating func count(atMost limit: Int) throws(Malformed) -> Int {
        let value = try unsigned()
        guard value <= UInt64(limit) else { throw Malformed() }
        return Int(value)
    }

    package mutating func optionalInt() throws(Malformed) -> Int? {
        try bool() ? try int() : nil
    }

    package mutating func bool() throws(Malformed) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw Malformed()
        }
    }

    package mutating func byteString() throws(Malformed) -> [UInt8] {
        let length = try count(atMost: remaining)
        defer { position += length }
        return Array(bytes[position..<position + length])
    }

    package mutating func string() throws(Malformed) -> String {
        let raw = try byteString()
        guard let string = String(validating: raw, as: UTF8.self) else { throw Malformed() }
        return string
    }

    package mutating func optionalString() throws(Malformed) -> String? {
        try bool() ? try string() : nil
    }

    package mutating func strings() throws(Malformed) -> [String] {
        var values: [String] = []
        for _ in 0..<(try count(atMost: remaining)) { values.append(try string()) }
        return values
    }

    package mutating func double() throws(Malformed) -> Double { Double(bitPattern: try fixed()) }

    /// A reader of `bytes` without their trailing checksum, when it holds (``CacheWriter/appendChecksum()``).
    package static func verified(_ bytes: [UInt8]) -> CacheReader? {
        guard bytes.count >= 8 else { return nil }
        let body = bytes.count - 8
        var trailer = CacheReader(bytes, from: body)
        guard let stored = try? trailer.fixed(), stored == CacheWriter.checksum(bytes[..<body]) else { return nil }
        return CacheReader(bytes, to: body)
    }

    package mutating func fixed() throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        for k in 0..<8 { value |= UInt64(try byte()) << (8 * UInt64(k)) }
        return value
    }
}
