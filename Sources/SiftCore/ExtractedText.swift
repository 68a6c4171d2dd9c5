/// The scannable text of one content version: UTF-8 bytes and a map from byte ranges to parts.
///
/// Readers build it with ``ExtractedTextBuilder``; the matcher scans ``bytes``; findings are
/// located with ``part(at:)`` and ``lineIndex``. The bytes are meant to be UTF-8 but are not
/// required to be valid: the matcher copes with invalid sequences.
public struct ExtractedText: Sendable {
    /// The text, UTF-8.
    public var bytes: [UInt8]
    /// Non-overlapping spans in ascending order. Bytes not covered by any span (separators) have
    /// no part.
    public var parts: [PartSpan]

    public init(bytes: [UInt8], parts: [PartSpan]) {
        self.bytes = bytes
        self.parts = parts
    }

    /// A text that is one part from end to end.
    public init(_ string: String, part: Part = Part(.body)) {
        let bytes = Array(string.utf8)
        self.init(bytes: bytes, parts: bytes.isEmpty ? [] : [PartSpan(range: 0..<bytes.count, part: part)])
    }

    /// The number of bytes.
    public var count: Int { bytes.count }

    /// The part whose span contains `offset`, or the nearest part before it when `offset` falls on
    /// a separator. Binary search: O(log parts).
    public func part(at offset: Int) -> Part? {
        guard !parts.isEmpty else { return nil }
        var low = 0
        var high = parts.count
        while low < high {
            let mid = (low + high) / 2
            if parts[mid].range.lowerBound <= offset { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? parts[0].part : parts[low - 1].part
    }

    /// The line index of the text (computed on each call: keep it when locating many offsets).
    public var lineIndex: LineIndex { LineIndex(bytes) }
}
