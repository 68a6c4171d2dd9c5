import CLibXML2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The attributes libxml2's SAX2 `startElementNs` passes: five pointers per attribute (local
/// name, prefix, URI, value start, value end), read only when asked for: no dictionary per element.
struct SAXAttributes {
    let pointers: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    /// The value of the attribute with local name `name` (the last one, if it is repeated).
    subscript(_ name: StaticString) -> String? {
        guard let pointers, count > 0 else { return nil }
        var value: String?
        for i in 0..<count {
            // SAFETY: libxml2 passes `count` groups of five pointers, valid during the callback.
            guard let local = pointers[5 * i], let start = pointers[5 * i + 3], let end = pointers[5 * i + 4] else {
                continue
            }
            let length = name.utf8CodeUnitCount
            guard memcmp(local, name.utf8Start, length) == 0, local[length] == 0 else { continue }
            value = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
        }
        return value
    }
}
