/// The central directory of a zip archive in memory: names, flags (encryption), methods, sizes and
/// where each entry's data starts. Written here rather than through ZIPFoundation's `Archive`
/// because a scanner needs what that API does not expose (the encryption flag, the local data
/// offset for bounded inflation) and must survive truncated and hostile archives.
struct ZipDirectory {
    struct Entry {
        var name: String
        var flags: UInt16
        var method: UInt16
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int

        var isEncrypted: Bool { flags & 1 != 0 }
        var isDirectory: Bool { name.hasSuffix("/") }
    }

    enum Problem: Error {
        case notAZip
        case truncated
    }

    let entries: [Entry]

    init(_ bytes: [UInt8]) throws(Problem) {
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        func u64(_ at: Int) -> Int { u32(at) | u32(at + 4) << 32 }
        guard bytes.count >= 22, bytes[0] == 0x50, bytes[1] == 0x4B else { throw .notAZip }
        // End of central directory: last occurrence of PK\5\6 within the last 64 KiB + 22 bytes.
        var eocd = -1
        var at = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while at >= lowest {
            if bytes[at] == 0x50, bytes[at + 1] == 0x4B, bytes[at + 2] == 0x05, bytes[at + 3] == 0x06 {
                eocd = at
                break
            }
            at -= 1
        }
        guard eocd >= 0 else { throw .truncated }
        var count = u16(eocd + 10)
        var directoryOffset = u32(eocd + 16)
        // ZIP64: the locator sits 20 bytes before the end record.
        if count == 0xFFFF || directoryOffset == 0xFFFF_FFFF, eocd >= 20,
            u32(eocd - 20) == 0x0706_4B50
        {
            let record = u64(eocd - 20 + 8)
            guard record >= 0, record + 56 <= bytes.count, u32(record) == 0x0606_4B50 else { throw .truncated }
            count = u64(record + 32)
            directoryOffset = u64(record + 48)
        }
        var entries: [Entry] = []
        var offset = directoryOffset
        for _ in 0..<count {
            guard offset >= 0, offset + 46 <= bytes.count, u32(offset) == 0x0201_4B50 else { throw .truncated }
            let nameLength = u16(offset + 28)
            let extraLength = u16(offset + 30)
            let commentLength = u16(offset + 32)
            guard offset + 46 + nameLength + extraLength <= bytes.count else { throw .truncated }
            let name = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            var compressed = u32(offset + 20)
            var uncompressed = u32(offset + 24)
            var local = u32(offset + 42)
            // ZIP64 extended information (0x0001): the fields that are all ones, in order.
            var extra = offset + 46 + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let id = u16(extra)
                let size = u16(extra + 2)
                if id == 0x0001 {
                    var field = extra + 4
                    if uncompressed == 0xFFFF_FFFF, field + 8 <= extraEnd { uncompressed = u64(field); field += 8 }
                    if compressed == 0xFFFF_FFFF, field + 8 <= extraEnd { compressed = u64(field); field += 8 }
                    if local == 0xFFFF_FFFF, field + 8 <= extraEnd { local = u64(field) }
                }
                extra += 4 + size
            }
            entries.append(Entry(name: name, flags: UInt16(u16(offset + 8)), method: UInt16(u16(offset + 10)),
                                 compressedSize: compressed, uncompressedSize: uncompressed, localHeaderOffset: local))
            offset += 46 + nameLength + extraLength + commentLength
        }
        self.entries = entries
    }

    /// The bytes of `entry`, inflated, at most `limit` of them.
    static func contents(of entry: Entry, in bytes: [UInt8], limit: Int) throws -> [UInt8] {
        let local = entry.localHeaderOffset
        guard local >= 0, local + 30 <= bytes.count, bytes[local] == 0x50, bytes[local + 1] == 0x4B,
            bytes[local + 2] == 0x03, bytes[local + 3] == 0x04
        else { throw Problem.truncated }
        let nameLength = Int(bytes[local + 26]) | Int(bytes[local + 27]) << 8
        let extraLength = Int(bytes[local + 28]) | Int(bytes[local + 29]) << 8
        let start = local + 30 + nameLength + extraLength
        guard start <= bytes.count else { throw Problem.truncated }
        let end = min(bytes.count, start + entry.compressedSize)
        let data = bytes[start..<end]
        switch entry.method {
        case 0:
            guard data.count <= limit else { throw Inflate.LimitExceeded(produced: data.count) }
            guard end - start == entry.compressedSize else { throw Problem.truncated }
            return Array(data)
        case 8:
            return try Inflate.raw(data, limit: limit, expectedSize: entry.uncompressedSize)
        default:
            throw UnsupportedMethod(method: entry.method)
        }
    }

    struct UnsupportedMethod: Error {
        var method: UInt16
    }
}
