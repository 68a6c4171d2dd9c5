import SiftCore
@testable import SiftExtract
import Testing

@Suite struct HeadExtractionTests {
    private let extractor = AttachmentExtractor()

    private func input(_ bytes: [UInt8], name: String) -> AttachmentInput {
        AttachmentInput(bytes: bytes, fileName: name, provenance: Provenance(contentType: .file, path: name))
    }

    @Test func aBinaryIsSkippedOnItsFirstBytesWithItsWholeSize() throws {
        let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46] + Array(repeating: 0, count: 70_000)
        let head = Array(elf.prefix(AttachmentExtractor.headBytes))
        let fromHead = try #require(extractor.extract(head: input(head, name: "lib.so"), fileSize: 45_000_000))
        let whole = extractor.extract(input(elf, name: "lib.so"))
        let record = try #require(fromHead.records.first)
        #expect(record.size == 45_000_000)
        #expect(record.status == .skipped && record.reason == .unsupportedFormat && record.detail == "a binary file")
        #expect(record.detectedType == whole.records.first?.detectedType)
        #expect(fromHead.items.isEmpty)
    }

    @Test func anImageToo() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 100)
        #expect(extractor.extract(head: input(png, name: "diagram.png"), fileSize: 200_000)?.records.first?.detail == "an image (no OCR)")
    }

    /// A compiled Python file as CPython 3.11 writes it: magic, flags, source mtime and size, then
    /// marshalled code holding the source's strings (a fake key among them).
    static let compiledPython: [UInt8] = {
        var bytes: [UInt8] = [0xA7, 0x0D, 0x0D, 0x0A, 0, 0, 0, 0, 0x12, 0x34, 0x56, 0x66, 0xC8, 0x01, 0, 0]
        bytes += [0xE3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x05, 0, 0, 0, 0x40, 0, 0, 0, 0xF3, 0x1C, 0, 0, 0]
        bytes += Array("AKIAFAKEFAKEFAKEFAKE token = 'example-not-a-secret'".utf8)
        bytes += (0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        return bytes
    }()

    @Test("compiled Python is skipped on its first bytes, as the byte statistics skip it")
    func compiledPythonIsBinary() throws {
        let pyc = Self.compiledPython
        let record = try #require(extractor.extract(head: input(pyc, name: "__pycache__/settings.cpython-311.pyc"), fileSize: 90_000)?
            .records.first)
        let byStatistics = try #require(extractor.extract(input(pyc, name: "settings.dat")).records.first)
        #expect(record.status == .skipped && record.detail == "a binary file")
        #expect(record.detectedType == byStatistics.detectedType && record.detail == byStatistics.detail)
        #expect(FileTypeDetector.isCompiledPython(pyc, fileName: "a/B.PYC"))
        // The magic without the name, or the name without the magic, proves nothing.
        #expect(!FileTypeDetector.isCompiledPython(pyc, fileName: "settings.dat"))
        let text = Array("password = FakeValue\n".utf8)
        #expect(!FileTypeDetector.isCompiledPython(text, fileName: "notes.pyc"))
        #expect(extractor.extract(input(text, name: "notes.pyc")).records.first?.detectedType == "text")
    }

    @Test("a magic number decides on the first 4 KiB what the whole file would give")
    func magicDecidesLikeTheWholeFile() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 10_000)
        let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46] + Array(repeating: 0, count: 10_000)
        for (name, bytes) in [("logo.png", png), ("lib.so", elf), ("m.cpython-311.pyc", Self.compiledPython + Array(repeating: 0, count: 9_000))] {
            let head = Array(bytes.prefix(AttachmentExtractor.magicBytes))
            let fromMagic = try #require(extractor.extract(magic: input(head, name: name), fileSize: bytes.count)?.records.first)
            let whole = try #require(extractor.extract(input(bytes, name: name)).records.first)
            #expect(fromMagic.detectedType == whole.detectedType && fromMagic.status == whole.status
                    && fromMagic.reason == whole.reason && fromMagic.detail == whole.detail && fromMagic.size == whole.size, "\(name)")
        }
        // Byte statistics are never applied to so few bytes: a NUL-laden head without a magic
        // number is left to the 64 KiB head or the whole file.
        #expect(extractor.extract(magic: input(Array(repeating: 0, count: 4096), name: "blob"), fileSize: 1_000_000) == nil)
    }

    @Test(arguments: heads)
    func containersAndTextAreNotDecidedByMagic(name: String, head: [UInt8]) {
        #expect(extractor.extract(magic: input(Array(head.prefix(AttachmentExtractor.magicBytes)), name: name), fileSize: 10_000_000) == nil)
    }

    static let heads: [(String, [UInt8])] = {
        let text: [UInt8] = Array(String(repeating: "password = FakeValue\n", count: 4000).utf8)
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 1, count: 1000)
        let pdf: [UInt8] = Array("%PDF-1.7\n".utf8) + [UInt8](repeating: 0, count: 1000)
        let gzip: [UInt8] = [0x1F, 0x8B, 8, 0] + [UInt8](repeating: 0, count: 1000)
        return [("notes.txt", text), ("archive.zip", zip), ("doc.pdf", pdf), ("data.gz", gzip)]
    }()

    @Test(arguments: heads)
    func textAndContainersAreReadWhole(name: String, head: [UInt8]) {
        #expect(extractor.extract(head: input(head, name: name), fileSize: 10_000_000) == nil)
    }
}
