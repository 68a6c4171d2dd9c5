import SiftCore
import Testing

/// ``SAXAttributes`` reads libxml2's five-pointers-per-attribute array as a dictionary by local
/// name would: the prefix does not count, a repeated name gives its last value, a missing one nil.
@Suite struct SAXAttributesTests {
    /// Calls `body` with attributes laid out as libxml2 lays them out.
    static func withAttributes<R>(_ list: [(local: String, prefix: String?, value: String)], _ body: (SAXAttributes) -> R) -> R {
        var storage: [UnsafeMutablePointer<UInt8>] = []
        defer { storage.forEach { $0.deallocate() } }
        func cString(_ text: String) -> UnsafeMutablePointer<UInt8> {
            let bytes = Array(text.utf8) + [0]
            let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
            pointer.initialize(from: bytes, count: bytes.count)
            storage.append(pointer)
            return pointer
        }
        var pointers: [UnsafePointer<UInt8>?] = []
        for (local, prefix, value) in list {
            let start = cString(value)
            pointers += [UnsafePointer(cString(local)), prefix.map { UnsafePointer(cString($0)) }, nil,
                         UnsafePointer(start), UnsafePointer(start + value.utf8.count)]
        }
        return pointers.withUnsafeMutableBufferPointer { body(SAXAttributes(pointers: $0.baseAddress, count: list.count)) }
    }

    @Test func readsByLocalNameLikeADictionary() {
        Self.withAttributes([("name", "table", "Sheet 1"), ("r", nil, "B7"), ("na", nil, "short"), ("r", nil, "C9"),
                             ("number-columns-repeated", "table", "3"), ("empty", nil, "")]) { attributes in
            #expect(attributes["name"] == "Sheet 1")
            #expect(attributes["r"] == "C9", "the last of a repeated name")
            #expect(attributes["na"] == "short")
            #expect(attributes["nam"] == nil, "a prefix of a name is not the name")
            #expect(attributes["number-columns-repeated"] == "3")
            #expect(attributes["empty"] == "")
            #expect(attributes["missing"] == nil)
        }
        #expect(SAXAttributes(pointers: nil, count: 0)["name"] == nil)
    }
}
