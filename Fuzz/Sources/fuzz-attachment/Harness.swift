import Sift
import FuzzSupport

/// Attachments are arbitrary files users uploaded: any bytes, under any name, must be extracted or
/// skipped with a reason, within the limits, never crash, hang or blow up memory.
///
/// The first input byte picks the file name (the detector uses the extension as a hint); the rest
/// is the file. Limits are the defaults but for smaller byte caps, so that a legitimate large
/// inflate does not look like an out-of-memory to libFuzzer.
private let names = ["a.zip", "a.docx", "a.xlsx", "a.pptx", "a.odt", "a.ods", "a.tar", "a.tar.gz", "a.gz", "a.pdf",
                     "a.rtf", "a.txt", "a.jar", "a.bin", "a.tgz", "a"]
private let limits = ExtractionLimits(maxAttachmentBytes: 8 << 20, maxTextBytes: 8 << 20,
                                      maxTotalUncompressedBytes: 32 << 20)
private let extractor = AttachmentExtractor(limits: limits)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let name = names[Int(data[0]) % names.count]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let result = extractor.extract(AttachmentInput(
        bytes: bytes, fileName: name, provenance: Provenance(contentType: .attachment, title: name)))
    precondition(!result.records.isEmpty, "every attachment gets a record")
    let text = result.items.reduce(0) { $0 + $1.text.count }
    precondition(text <= limits.maxTextBytes + 2048 * result.items.count, "text stays within the text budget")
    return 0
}

/// The entry point SwiftPM names for this executable (see FuzzSupport).
@_cdecl("fuzz_attachment_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in
        guard let data else { return 0 }
        return fuzz(data, size)
    }
}
