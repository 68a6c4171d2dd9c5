import Foundation
import FuzzSupport
import SiftConfluence

/// entities.xml is the export itself: hostile or damaged files must be read (both passes of
/// ConfluenceExport.read, libxml2's SAX push parser, then storage-format conversion of the bodies)
/// without a crash, a leak or unbounded time or memory.
///
/// The input is written to `entities.xml` in a per-process scratch directory, opened as an unpacked
/// export: the public API reads files, and this is what `sift scan DIR` does.
private let directory: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("sift-fuzz-entities-\(getpid())")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let file = directory.appendingPathComponent("entities.xml")
    guard (try? Data(bytes: data, count: size).write(to: file)) != nil else { return 0 }
    guard let export = try? ConfluenceExport(url: directory) else { return 0 }
    var events = 0
    try? export.read { event in
        events += 1
        if case .attachment(let attachment) = event {
            // Loading must stay inside the export, whatever ids the file gives.
            _ = try? attachment.load(maxBytes: 1 << 16)
        }
    }
    _ = events
    return 0
}

/// The entry point SwiftPM names for this executable (see FuzzSupport).
@_cdecl("fuzz_entities_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in
        guard let data else { return 0 }
        return fuzz(data, size)
    }
}
