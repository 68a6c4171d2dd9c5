import SiftCore
import SiftExtract
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
