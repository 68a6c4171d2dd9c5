/// A byte range of an ``ExtractedText`` and the ``Part`` it came from.
public struct PartSpan: Hashable, Sendable {
    /// Half-open range of UTF-8 byte offsets into ``ExtractedText/bytes``.
    public var range: Range<Int>
    public var part: Part

    public init(range: Range<Int>, part: Part) {
        self.range = range
        self.part = part
    }
}
