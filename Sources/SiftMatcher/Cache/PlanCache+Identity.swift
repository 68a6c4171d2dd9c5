#if os(Linux)
import Glibc
#endif

extension PlanCache {
    /// The identity of this build of the code that analyses rules: the GNU build id of the running
    /// executable, which the linker derives from its contents, read from the executable's notes in
    /// memory (never from its file, which a rebuild may have replaced since). `nil` where there is
    /// none — other platforms, a linker without `--build-id`, or this module loaded from a shared
    /// library (whose code the executable's id does not cover): then caches are disabled.
    public static let codeIdentity: [UInt8]? = {
        #if os(Linux)
        return ExecutableBuildID.ofThisModule()
        #else
        return nil
        #endif
    }()
}

#if os(Linux)
/// Reads the running executable's `NT_GNU_BUILD_ID` note through its program headers, which the
/// kernel names in the auxiliary vector (`AT_PHDR`, `AT_PHNUM`; Glibc's `getauxval` and
/// `dl_iterate_phdr` are not visible to Swift).
private enum ExecutableBuildID {
    /// An address inside this module's code.
    private static let anchor: @convention(c) () -> Void = {}

    private static let programHeaderSize = 56  // Elf64_Phdr
    private static let typeLoad: UInt32 = 1, typeNote: UInt32 = 4, typeProgramHeaders: UInt32 = 6

    static func ofThisModule() -> [UInt8]? {
        guard MemoryLayout<Int>.size == 8, let (headersAddress, count) = programHeaders(), count > 0, count < 256,
              let headers = UnsafeRawPointer(bitPattern: headersAddress)
        else { return nil }
        // SAFETY: the kernel maps the program headers it names in the auxiliary vector, `count` of
        // them; each field is read unaligned within them.
        func field<T>(_ i: Int, _ offset: Int, _: T.Type) -> T {
            headers.loadUnaligned(fromByteOffset: i * programHeaderSize + offset, as: T.self)
        }
        var bias: UInt?
        for i in 0..<count where field(i, 0, UInt32.self) == typeProgramHeaders {
            bias = headersAddress &- UInt(field(i, 16, UInt64.self))
        }
        guard let bias else { return nil }
        var loaded: [Range<UInt>] = []
        for i in 0..<count where field(i, 0, UInt32.self) == typeLoad {
            let start = bias &+ UInt(field(i, 16, UInt64.self))
            loaded.append(start..<start &+ UInt(field(i, 40, UInt64.self)))
        }
        let address = UInt(bitPattern: unsafeBitCast(anchor, to: UnsafeRawPointer.self))
        guard loaded.contains(where: { $0.contains(address) }) else { return nil }
        for i in 0..<count where field(i, 0, UInt32.self) == typeNote {
            let start = bias &+ UInt(field(i, 16, UInt64.self))
            let size = Int(field(i, 32, UInt64.self))
            // Notes are read only where a loaded segment maps them.
            guard loaded.contains(where: { $0.lowerBound <= start && start &+ UInt(size) <= $0.upperBound }),
                  let notes = UnsafeRawPointer(bitPattern: start)
            else { continue }
            // SAFETY: the note segment lies inside a loaded segment of the executable (checked above).
            if let id = buildID(in: UnsafeRawBufferPointer(start: notes, count: size)) { return id }
        }
        return nil
    }

    /// `AT_PHDR` and `AT_PHNUM` from `/proc/self/auxv`.
    private static func programHeaders() -> (UInt, Int)? {
        let fd = open("/proc/self/auxv", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var vector = [UInt64](repeating: 0, count: 128)
        // SAFETY: reads at most the array's size in bytes into its storage.
        let read = vector.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        guard read > 0 else { return nil }
        var headers: UInt?, count: Int?
        entries: for pair in stride(from: 0, to: read / 8 - 1, by: 2) {
            switch vector[pair] {
            case 0: break entries  // AT_NULL
            case 3: headers = UInt(vector[pair + 1])  // AT_PHDR
            case 5: count = Int(vector[pair + 1])  // AT_PHNUM
            default: continue
            }
        }
        guard let headers, let count else { return nil }
        return (headers, count)
    }

    /// The descriptor of the `GNU` note of type `NT_GNU_BUILD_ID` in a note segment, if any.
    private static func buildID(in notes: UnsafeRawBufferPointer) -> [UInt8]? {
        func aligned(_ n: Int) -> Int { (n + 3) & ~3 }
        var offset = 0
        while offset + 12 <= notes.count {
            let nameSize = Int(notes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            let descriptorSize = Int(notes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
            let type = notes.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)
            let name = offset + 12
            let descriptor = name + aligned(nameSize)
            guard descriptor + descriptorSize <= notes.count else { return nil }
            if type == 3, nameSize == 4, Array(notes[name..<name + 4]) == Array("GNU\0".utf8), descriptorSize > 0 {
                return Array(notes[descriptor..<descriptor + descriptorSize])
            }
            offset = descriptor + aligned(descriptorSize)
        }
        return nil
    }
}
#endif
