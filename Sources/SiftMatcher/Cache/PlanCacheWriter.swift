/// Appends the values of a ``PlanCache`` entry as bytes: integers as LEB128 varints (zigzag for
/// signed ones), strings and byte strings with their length first. ``PlanCacheReader`` reads them.
struct PlanCacheWriter {
    private(set) var bytes: [UInt8] = []

    mutating func unsigned(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func int(_ value: Int) {
        unsigned(UInt64(bitPattern: Int64(value << 1 ^ value >> 63)))
    }

    /// `nil` as 0, a value as 1 then the value.
    mutating func optionalInt(_ value: Int?) {
        bool(value != nil)
        if let value { int(value) }
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func byteString(_ value: some Collection<UInt8>) {
        unsigned(UInt64(value.count))
        bytes += value
    }

    mutating func string(_ value: String) { byteString(value.utf8) }

    mutating func optionalString(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    /// Eight bytes, little-endian.
    mutating func fixed(_ value: UInt64) {
        for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(k)))) }
    }
}
