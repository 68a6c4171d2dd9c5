/// libFuzzer's entry for programs that have their own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Runs libFuzzer with the process's arguments and `callback` as the fuzz target.
///
/// Why: on Linux, SwiftPM links an executable with `main` aliased to `<module>_main` (so that tests
/// can import executables); with `-parse-as-library` nothing defines that symbol, so each harness
/// defines it (`@_cdecl("fuzz_regex_main")` …) and hands over to libFuzzer here. Where SwiftPM does
/// not alias `main`, libFuzzer's own `main` runs and this is never called.
public func runLibFuzzer(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, callback)
}
