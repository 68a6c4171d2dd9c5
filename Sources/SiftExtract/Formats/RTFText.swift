/// Plain text of an RTF document: control words dropped, `\par` and `\line` as line breaks, `\tab`,
/// hex escapes (`\'e9`, Windows-1252) and Unicode escapes (`\u8212?`) decoded, and destinations that
/// are not text (font and colour tables, pictures, metadata) skipped.
enum RTFText {
    static let skippedDestinations: Set<String> = [
        "fonttbl", "colortbl", "stylesheet", "info", "pict", "themedata", "colorschememapping", "latentstyles",
        "datastore", "xmlnstbl", "listtable", "listoverridetable", "rsidtbl", "generator", "objdata", "fldinst",
    ]

    static func text(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var skipDepth: Int?
        var depth = 0
        var i = 0
        var pendingUnicodeSkip = 0
        func emit(_ scalar: UInt32) {
            guard skipDepth == nil, let unicode = Unicode.Scalar(scalar) else { return }
            out.append(contentsOf: Array(String(unicode).utf8))
        }
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "{"):
                depth += 1
                i += 1
            case UInt8(ascii: "}"):
                if let skip = skipDepth, depth <= skip { skipDepth = nil }
                depth -= 1
                i += 1
            case UInt8(ascii: "\\"):
                i += 1
                guard i < bytes.count else { break }
                let next = bytes[i]
                if next == UInt8(ascii: "'"), i + 2 < bytes.count,
                    let value = UInt8(String(decoding: bytes[(i + 1)...(i + 2)], as: UTF8.self), radix: 16)
                {
                    if pendingUnicodeSkip > 0 {
                        pendingUnicodeSkip -= 1
                    } else {
                        emit(windows1252(value))
                    }
                    i += 3
                } else if next == UInt8(ascii: "*") {
                    skipDepth = skipDepth ?? depth
                    i += 1
                } else if (next | 0x20) &- 0x61 < 26 {
                    var end = i
                    while end < bytes.count, (bytes[end] | 0x20) &- 0x61 < 26 { end += 1 }
                    let word = String(decoding: bytes[i..<end], as: UTF8.self)
                    var numberEnd = end
                    if numberEnd < bytes.count, bytes[numberEnd] == UInt8(ascii: "-") { numberEnd += 1 }
                    while numberEnd < bytes.count, bytes[numberEnd] &- 0x30 < 10 { numberEnd += 1 }
                    let parameter = Int(String(decoding: bytes[end..<numberEnd], as: UTF8.self))
                    i = numberEnd
                    if i < bytes.count, bytes[i] == 0x20 { i += 1 }
                    switch word {
                    case "par", "line", "row", "sect", "page": if skipDepth == nil { out.append(0x0A) }
                    case "tab", "cell": if skipDepth == nil { out.append(0x09) }
                    case "u":
                        // A signed 16-bit value (negative above U+7FFF); anything outside that, or
                        // past U+10FFFF, is damaged input and gives no character.
                        if let parameter, parameter >= -32768, parameter <= 0x10FFFF {
                            emit(UInt32(parameter < 0 ? parameter + 65536 : parameter))
                        }
                        pendingUnicodeSkip = 1
                    default:
                        if skippedDestinations.contains(word), skipDepth == nil { skipDepth = depth }
                    }
                } else {
                    // Escaped symbol: \\ \{ \} or \~ (non-breaking space) …
                    if skipDepth == nil {
                        out.append(next == UInt8(ascii: "~") ? 0x20 : next)
                    }
                    i += 1
                }
            case 0x0D, 0x0A:
                i += 1
            default:
                if pendingUnicodeSkip > 0 {
                    pendingUnicodeSkip -= 1
                } else if skipDepth == nil {
                    out.append(byte)
                }
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Windows-1252 to Unicode (the common RTF code page); 0x80–0x9F differ from Latin-1.
    static func windows1252(_ byte: UInt8) -> UInt32 {
        let table: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
            0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
            0x0153, 0x9D, 0x017E, 0x0178,
        ]
        return byte >= 0x80 && byte < 0xA0 ? table[Int(byte - 0x80)] : UInt32(byte)
    }
}
