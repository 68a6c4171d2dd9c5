import SiftConfluence
import FuzzSupport
import SiftCore

/// Storage-format bodies are page content anyone with edit rights writes: any bytes must convert
/// without a crash, a leak or unbounded time, into a text whose part map is well formed.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var builder = ExtractedTextBuilder()
    let conversion = StorageFormat.append(body, to: &builder, location: SourceLocation(file: "fuzz"))
    let text = builder.build()
    var previous = 0
    for span in text.parts {
        precondition(span.range.lowerBound >= previous && span.range.upperBound <= text.count && !span.range.isEmpty,
                     "part spans are ordered, disjoint, non-empty and inside the text")
        previous = span.range.upperBound
    }
    if conversion.degraded { precondition(!conversion.diagnostics.isEmpty, "a degraded conversion says why") }
    if !body.contains("<"), !body.contains("&") {
        precondition(text.bytes == Array(body.utf8), "a body without markup is its own text")
    }
    return 0
}

/// The entry point SwiftPM names for this executable (see FuzzSupport).
@_cdecl("fuzz_storage_format_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in
        guard let data else { return 0 }
        return fuzz(data, size)
    }
}
