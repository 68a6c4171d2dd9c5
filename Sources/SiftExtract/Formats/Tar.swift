/// POSIX ustar / GNU tar archives: the regular files, with long names (GNU `L` and pax `path`).
enum Tar {
    struct File {
        var name: String
        var range: Range<Int>
    }

    /// Whether `bytes` look like a tar archive ("ustar" magic at offset 257).
    static func isTar(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 512 && bytes[257..<262].elementsEqual("ustar".utf8)
    }

    /// The regular files of the archive; stops at the end marker or at a truncated header.
    static func files(_ bytes: [UInt8]) -> (files: [File], truncated: Bool) {
        var files: [File] = []
        var at = 0
        var longName: String?
        while at + 512 <= bytes.count {
            let header = bytes[at..<(at + 512)]
            if header.allSatisfy({ $0 == 0 }) { return (files, false) }
            func field(_ offset: Int, _ length: Int) -> String {
                let slice = bytes[(at + offset)..<(at + offset + length)]
                return String(decoding: slice.prefix { $0 != 0 }, as: UTF8.self)
            }
            let sizeField = field(124, 12).trimmingCharacters()
            guard let size = Int(sizeField.isEmpty ? "0" : sizeField, radix: 8), size >= 0 else { return (files, true) }
            let type = bytes[at + 156]
            var name = field(0, 100)
            let prefix = field(345, 155)
            if !prefix.isEmpty { name = prefix + "/" + name }
            let dataStart = at + 512
            let dataEnd = dataStart + size
            guard dataEnd <= bytes.count else { return (files, true) }
            switch type {
            case UInt8(ascii: "L"):  // GNU long name for the next entry
                longName = String(decoding: bytes[dataStart..<dataEnd].prefix { $0 != 0 }, as: UTF8.self)
            case UInt8(ascii: "x"):  // pax extended header: "len path=…\n" records
                let text = String(decoding: bytes[dataStart..<dataEnd], as: UTF8.self)
                for record in text.split(separator: "\n") {
                    if let range = record.range(of: " path=") { longName = String(record[range.upperBound...]) }
                }
            case 0, UInt8(ascii: "0"), UInt8(ascii: "7"):
                files.append(File(name: longName ?? name, range: dataStart..<dataEnd))
                longName = nil
            default:
                longName = nil
            }
            at = dataStart + (size + 511) / 512 * 512
        }
        return (files, at < bytes.count)
    }
}

extension String {
    fileprivate func trimmingCharacters() -> String {
        String(unicodeScalars.filter { $0 != " " && $0 != "\0" })
    }
}
