/// Checksums of identifiers: Luhn, IBAN, US SSN structure, CRC32-in-base62 tokens.
enum Checksums {
    /// Luhn mod 10 over the digits of `text` (non-digits ignored); needs at least two digits.
    static func luhn(_ text: String) -> Bool {
        let digits = text.unicodeScalars.compactMap { $0.value >= 0x30 && $0.value <= 0x39 ? Int($0.value - 0x30) : nil }
        guard digits.count >= 2 else { return false }
        var sum = 0
        for (index, digit) in digits.reversed().enumerated() {
            if index % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }

    /// IBAN: spaces ignored; a known country code, that country's length, check digits by mod 97.
    static func iban(_ text: String) -> Bool {
        let compact = text.uppercased().unicodeScalars.filter { $0 != " " && $0 != "-" }
        let characters = Array(compact)
        guard characters.count >= 15, characters.count <= 34,
            characters.allSatisfy({ ("0"..."9").contains($0) || ("A"..."Z").contains($0) })
        else { return false }
        let country = String(String.UnicodeScalarView(characters[0..<2]))
        guard let length = ibanLengths[country], length == characters.count,
            characters[2].properties.numericType != nil, characters[3].properties.numericType != nil
        else { return false }
        // Move the first four characters to the end; letters become 10…35; the number mod 97 must be 1.
        var remainder = 0
        for scalar in characters[4...] + characters[0..<4] {
            let value: Int
            if ("0"..."9").contains(scalar) {
                value = Int(scalar.value - 0x30)
                remainder = (remainder * 10 + value) % 97
            } else {
                value = Int(scalar.value - 0x41 + 10)
                remainder = (remainder * 100 + value) % 97
            }
        }
        return remainder == 1
    }

    /// IBAN length by country (ISO 13616 registry).
    static let ibanLengths: [String: Int] = [
        "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27, "BR": 29,
        "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
        "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
        "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28,
        "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20,
        "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29, "PT": 25,
        "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27,
        "SO": 23, "ST": 25, "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
    ]

    /// US SSN `AAA-GG-SSSS` (separators optional): area not 000, 666 or 900–999; group not 00;
    /// serial not 0000.
    static func ssnUS(_ text: String) -> Bool {
        let digits = text.unicodeScalars.filter { ("0"..."9").contains($0) }.map { Int($0.value - 0x30) }
        guard digits.count == 9 else { return false }
        let area = digits[0] * 100 + digits[1] * 10 + digits[2]
        let group = digits[3] * 10 + digits[4]
        let serial = digits[5...].reduce(0) { $0 * 10 + $1 }
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
    }

    /// GitHub-style checksummed tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, npm `npm_`): after the
    /// last `_`, 30 or more random base62 characters then 6 characters that are the CRC32 of the
    /// random part in base62 (0-9A-Za-z), left-padded with zeros.
    static func githubChecksum(_ text: String) -> Bool {
        let body = text.split(separator: "_").last.map(String.init) ?? text
        let bytes = Array(body.utf8)
        guard bytes.count > 6, bytes.allSatisfy({ base62Value($0) != nil }) else { return false }
        let random = bytes.dropLast(6)
        var crc = crc32(random)
        var encoded = [UInt8](repeating: UInt8(ascii: "0"), count: 6)
        var index = 5
        while crc > 0, index >= 0 {
            encoded[index] = base62Digits[Int(crc % 62)]
            crc /= 62
            index -= 1
        }
        return crc == 0 && Array(bytes.suffix(6)) == encoded
    }

    static let base62Digits = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    static func base62Value(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x5A: Int(byte - 0x41 + 10)
        case 0x61...0x7A: Int(byte - 0x61 + 36)
        default: nil
        }
    }

    /// CRC-32 (IEEE 802.3, reflected, as zlib computes it).
    static func crc32(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return crc ^ 0xFFFF_FFFF
    }

    private static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }
}
