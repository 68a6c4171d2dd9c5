import SiftCore

/// Detects a file's type from its bytes first (magic numbers, the entries of a zip), then its name,
/// then the media type the export declares.
public enum FileTypeDetector {
    /// The type of `bytes` named `fileName` with declared media type `mediaType`.
    public static func detect(_ bytes: [UInt8], fileName: String = "", mediaType: String? = nil) -> DetectedType {
        detection(bytes, fileName: fileName, mediaType: mediaType).type
    }

    /// The type of `bytes`, and their text encoding when the type was decided by it (text and
    /// UTF-16 text), so that the extractor need not work it out a second time.
    static func detection(_ bytes: [UInt8], fileName: String, mediaType: String?)
        -> (type: DetectedType, encoding: TextDecoder.Encoding?)
    {
        if bytes.isEmpty { return (.empty, nil) }
        if let type = byMagic(bytes, fileName: fileName) { return (type, nil) }
        if let encoding = TextDecoder.encoding(of: bytes) {
            return (encoding == .utf16LE || encoding == .utf16BE ? .utf16Text : .text, encoding)
        }
        let name = fileName.lowercased()
        let mime = mediaType?.lowercased() ?? ""
        if name.hasSuffix(".rtf") || mime == "application/rtf" || mime == "text/rtf" { return (.rtf, nil) }
        if mime.hasPrefix("image/") { return (.image, nil) }
        return (.binary, nil)
    }

    private static let pdfMagic = Array("%PDF-".utf8)
    private static let rtfMagic = Array("{\\rtf".utf8)
    private static let imageMagics: [[UInt8]] = [
        [0x89, 0x50, 0x4E, 0x47], Array("GIF87a".utf8), Array("GIF89a".utf8), [0xFF, 0xD8, 0xFF],
        [0x49, 0x49, 0x2A, 0x00], [0x4D, 0x4D, 0x00, 0x2A], [0x00, 0x00, 0x01, 0x00],
    ]
    private static let binaryMagics: [[UInt8]] = [
        [0x7F, 0x45, 0x4C, 0x46], Array("MZ".utf8), [0xCF, 0xFA, 0xED, 0xFE], [0xFE, 0xED, 0xFA, 0xCF],
        [0xCA, 0xFE, 0xBA, 0xBE], [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], Array("Rar!".utf8),
        [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], Array("BZh".utf8), Array("SQLite format 3".utf8),
        [0x00, 0x61, 0x73, 0x6D], Array("OggS".utf8), Array("ID3".utf8), Array("fLaC".utf8),
    ]

    /// Compiled Python (`__pycache__/*.pyc`, most of a Python tree's files): a two-byte version,
    /// `\r\n`, then a flags word of 0 to 3 (Python 3.7 and later). Such a file is binary by the
    /// statistics too (it holds NUL bytes, and `\r\n` as two bytes rules out UTF-16), but those
    /// read until enough zeros are seen, often most of the file. The name must say `.pyc` as well.
    static func isCompiledPython(_ bytes: [UInt8], fileName: String) -> Bool {
        guard bytes.count >= 8, bytes[2] == 0x0D, bytes[3] == 0x0A, bytes[4] <= 3, bytes[5] == 0, bytes[6] == 0,
            bytes[7] == 0
        else { return false }
        let name = fileName.utf8
        guard name.count >= 4 else { return false }
        let suffix = name.suffix(4).map { $0 | 0x20 }
        return suffix == Array(".pyc".utf8) || suffix == Array(".pyo".utf8)
    }

    /// The type the first bytes of a file name, if any: every check looks at the first 4 KiB only
    /// (``AttachmentExtractor/magicBytes``), and only a zip's kind depends on more.
    static func byMagic(_ bytes: [UInt8], fileName: String) -> DetectedType? {
        if let type = byMagic(bytes) { return type }
        return isCompiledPython(bytes, fileName: fileName) ? .binary : nil
    }

    // Runs once per file: the checks compare bytes in place (no slices copied into arrays, no
    // generic collection search), which used to cost more than matching the text.
    private static func byMagic(_ bytes: [UInt8]) -> DetectedType? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            guard bytes.count >= offset + prefix.count else { return false }
            for i in prefix.indices where bytes[offset + i] != prefix[i] { return false }
            return true
        }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) { return zipFamily(bytes) }
        if starts([0x1F, 0x8B]) { return .gzip }
        if contains(pdfMagic, inFirst: 1024, of: bytes) { return .pdf }
        if starts(rtfMagic) { return .rtf }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .ole }
        if Tar.isTar(bytes) { return .tar }
        if imageMagics.contains(where: { starts($0) }) { return .image }
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) { return .image }
        if starts(Array("ftyp".utf8), at: 4), starts(Array("hei".utf8), at: 8) || starts(Array("avif".utf8), at: 8) { return .image }
        if binaryMagics.contains(where: { starts($0) }) { return .binary }
        return nil
    }

    /// Whether `needle` (not empty) occurs entirely within the first `limit` bytes of `bytes`.
    static func contains(_ needle: [UInt8], inFirst limit: Int, of bytes: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return false }
        return bytes.withUnsafeBytes { haystack in
            needle.withUnsafeBytes { ByteSearch.contains($0, in: UnsafeRawBufferPointer(rebasing: haystack.prefix(limit))) }
        }
    }

    /// Office Open XML, OpenDocument or a plain zip (jar, war …), by the entries inside.
    private static func zipFamily(_ bytes: [UInt8]) -> DetectedType {
        guard let directory = try? ZipDirectory(bytes) else { return .zip }
        let names = Set(directory.entries.map(\.name))
        if names.contains("word/document.xml") { return .docx }
        if names.contains("xl/workbook.xml") { return .xlsx }
        if names.contains("ppt/presentation.xml") { return .pptx }
        if let mimetype = directory.entries.first(where: { $0.name == "mimetype" }),
            let content = try? ZipDirectory.contents(of: mimetype, in: bytes, limit: 256)
        {
            switch String(decoding: content, as: UTF8.self).trimmingWhitespace {
            case "application/vnd.oasis.opendocument.text": return .odt
            case "application/vnd.oasis.opendocument.spreadsheet": return .ods
            case "application/vnd.oasis.opendocument.presentation": return .odp
            default: break
            }
        }
        return .zip
    }
}
