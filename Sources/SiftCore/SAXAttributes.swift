#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The attributes that libxml2's SAX2 `startElementNs` callback passes: five pointers per
/// attribute (local name, prefix, URI, value start, value end), read only when asked for, so that
/// a reader does not build a dictionary (and hash every name) for every element.
///
/// Valid only during the callback that received the pointers: read what you need there.
public struct SAXAttributes {
    /// libxml2's `attributes` argument (`xmlChar` is `UInt8`).
    public let pointers: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    /// libxml2's `nb_attributes` argument.
    public let count: Int

    public init(pointers: UnsafeMutablePointer<UnsafePointer<UInt8>?>?, count: Int) {
        self.pointers = pointers
        self.count = count
    }

    /// The value of the attribute with local name `name`, whatever its prefix (the last one, if it
    /// is repeated, as a dictionary built from them would hold).
    public subscript(_ name: StaticString) -> String? {
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
