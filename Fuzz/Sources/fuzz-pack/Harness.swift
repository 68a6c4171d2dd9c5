import SiftPatterns
import FuzzSupport

/// Pattern packs are user files (`sift rules add`, `--rules my-pack.yaml`): any bytes must load or
/// be rejected with problems, never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let yaml = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let pack = try PackLoader.load(yaml: yaml, file: "fuzz.yaml")
        _ = PackLoader.crossCheck([pack])
    } catch {
        precondition(!error.problems.isEmpty, "a rejected pack says why")
    }
    return 0
}

/// The entry point SwiftPM names for this executable (see FuzzSupport).
@_cdecl("fuzz_pack_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in
        guard let data else { return 0 }
        return fuzz(data, size)
    }
}
