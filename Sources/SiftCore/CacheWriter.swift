/// Appends values as bytes, for the caches a workspace keeps (compiled rules' plans, loaded packs):
/// integers as LEB128 varints (zigzag for signed ones), strings and byte strings with their length
/// first. ``CacheReader`` reads them back.
package struct CacheWriter {
    package private(set) var bytes: [UInt8] = []

    package init() {}

    package mutating func unsigned(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    package mutating func int(_ value: Int) {
        unsigned(UInt64(bitPattern: Int64(value << 1 ^ value >> 63)))
    }

    /// `nil` as 0, a value as 1 then the value.
    package mutating func optionalInt(_ value: Int?) {
        bool(value != nil)
        if let value { int(value) }
    }

    package mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    package mutating func byteString(_ value: some Collection<UInt8>) {
        unsigned(UInt64(value.count))
        bytes += value
    }

    package mutating func string(_ value: String) { byteString(value.utf8) }

    package mutating func optionalString(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    package mutating func double(_ value: Double) { fixed(value.bitPattern) }

    /// A 64-bit FNV-1a checksum of everything written so far, appended (``CacheReader/verified(_:)``
    /// checks it).
    package mutating func appendChecksum() { fixed(Self.checksum(bytes[...])) }

    /// 64-bit FNV-1a.
    package static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    package mutating func strings(_ values: [String]) {
        unsigned(UInt64(values.count))
        for value in values { string(value) }
    }

    /// Eight bytes, little-endian.
    package mutating func fixed(_ value: UInt64) {
        for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(k)))) }
    }
}
