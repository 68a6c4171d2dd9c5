import SiftPatterns
import FuzzSupport

/// Object expressions come from pack files: any text must parse or be rejected with an offset
/// inside the text, never crash (deep nesting included) or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let expression = try ObjectExpressionParser.parse(text)
        _ = expression.references
    } catch {
        precondition(error.offset >= 0 && error.offset <= text.count, "the error offset is inside the text")
    }
    return 0
}

/// The entry point SwiftPM names for this executable (see FuzzSupport).
@_cdecl("fuzz_object_expression_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in
        guard let data else { return 0 }
        return fuzz(data, size)
    }
}
