/// gzip (RFC 1952): the header, a raw DEFLATE stream, the trailer's size.
enum Gzip {
    struct Member {
        /// The original file name stored in the header, if any.
        var name: String?
        /// The uncompressed size the trailer declares (modulo 2^32).
        var declaredSize: Int
        var deflateStart: Int
    }

    static func member(_ bytes: [UInt8]) -> Member? {
        guard bytes.count >= 18, bytes[0] == 0x1F, bytes[1] == 0x8B, bytes[2] == 8 else { return nil }
        let flags = bytes[3]
        var at = 10
        if flags & 0x04 != 0 {  // FEXTRA
            guard at + 2 <= bytes.count else { return nil }
            at += 2 + (Int(bytes[at]) | Int(bytes[at + 1]) << 8)
            // An extra field longer than the file: without this, the name below was sliced with
            // its start past its end (a trap; found by fuzz-attachment).
            guard at <= bytes.count else { return nil }
        }
        var name: String?
        if flags & 0x08 != 0 {  // FNAME
            let start = at
            while at < bytes.count, bytes[at] != 0 { at += 1 }
            name = String(decoding: bytes[start..<min(at, bytes.count)], as: UTF8.self)
            at += 1
        }
        if flags & 0x10 != 0 {  // FCOMMENT
            while at < bytes.count, bytes[at] != 0 { at += 1 }
            at += 1
        }
        if flags & 0x02 != 0 { at += 2 }  // FHCRC
        guard at < bytes.count - 8 else { return nil }
        let n = bytes.count
        let size = Int(bytes[n - 4]) | Int(bytes[n - 3]) << 8 | Int(bytes[n - 2]) << 16 | Int(bytes[n - 1]) << 24
        return Member(name: name, declaredSize: size, deflateStart: at)
    }
}
