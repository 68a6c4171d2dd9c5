/// A lenient base64 decoder: standard or URL-safe alphabet, padding optional, no white space.
enum Base64 {
    /// The decoded bytes, or `nil` when `text` is not base64.
    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var values: [UInt8] = []
        values.reserveCapacity(text.utf8.count)
        var padding = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "=") {
                padding += 1
                continue
            }
            guard padding == 0, let value = value(of: byte) else { return nil }
            values.append(value)
        }
        guard padding <= 2, values.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(values.count * 3 / 4)
        var index = 0
        while index + 1 < values.count {
            let chunk = values[index..<min(index + 4, values.count)]
            let a = UInt32(chunk[index]), b = UInt32(chunk[index + 1])
            let c = chunk.count > 2 ? UInt32(chunk[index + 2]) : 0
            let d = chunk.count > 3 ? UInt32(chunk[index + 3]) : 0
            let triple = a << 18 | b << 12 | c << 6 | d
            out.append(UInt8(truncatingIfNeeded: triple >> 16))
            if chunk.count > 2 { out.append(UInt8(truncatingIfNeeded: triple >> 8)) }
            if chunk.count > 3 { out.append(UInt8(truncatingIfNeeded: triple)) }
            index += 4
        }
        return out
    }

    private static func value(of byte: UInt8) -> UInt8? {
        switch byte {
        case 0x41...0x5A: byte - 0x41
        case 0x61...0x7A: byte - 0x61 + 26
        case 0x30...0x39: byte - 0x30 + 52
        case UInt8(ascii: "+"), UInt8(ascii: "-"): 62
        case UInt8(ascii: "/"), UInt8(ascii: "_"): 63
        default: nil
        }
    }
}
