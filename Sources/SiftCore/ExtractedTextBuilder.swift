/// Builds an ``ExtractedText`` piece by piece, keeping the part map in step with the bytes.
///
/// Readers append text with the part it belongs to; ``newline()`` separates blocks so that a match
/// never runs from one paragraph into the next by accident, and line numbers mean something.
public struct ExtractedTextBuilder: Sendable {
    public private(set) var bytes: [UInt8] = []
    public private(set) var parts: [PartSpan] = []

    public init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Whether nothing has been appended yet.
    public var isEmpty: Bool { bytes.isEmpty }

    /// Appends `text` as part of `part`. Adjacent appends to an equal part share one span.
    public mutating func append(_ text: some Sequence<UInt8>, as part: Part) {
        let start = bytes.count
        bytes.append(contentsOf: text)
        extend(from: start, as: part)
    }

    // Concrete overloads for what readers append most: called from other modules, the generic
    // `append` runs unspecialised (metadata and witness-table lookups on every call, an element-wise
    // copy); these copy with one memcpy.

    /// Appends `text` as part of `part`. Adjacent appends to an equal part share one span.
    public mutating func append(_ text: UnsafeBufferPointer<UInt8>, as part: Part) {
        let start = bytes.count
        bytes.append(contentsOf: text)
        extend(from: start, as: part)
    }

    /// Appends `text` as part of `part`. Adjacent appends to an equal part share one span.
    ///
    /// The first text is taken as it is, not copied: a plain file is one text, and copying it was
    /// a second pass over every byte a scan reads (and page faults for the new buffer).
    public mutating func append(_ text: [UInt8], as part: Part) {
        if bytes.isEmpty {
            bytes = text
            extend(from: 0, as: part)
            return
        }
        text.withUnsafeBufferPointer { append($0, as: part) }
    }

    /// Appends `text` as part of `part`. Adjacent appends to an equal part share one span.
    public mutating func append(_ text: ArraySlice<UInt8>, as part: Part) {
        text.withUnsafeBufferPointer { append($0, as: part) }
    }

    /// Appends a string as part of `part`.
    public mutating func append(_ text: String, as part: Part) {
        var text = text
        text.withUTF8 { append($0, as: part) }
    }

    /// Records the bytes from `start` to the end as `part`, merged with the last span when it is
    /// the same part and adjacent.
    private mutating func extend(from start: Int, as part: Part) {
        let end = bytes.count
        guard end > start else { return }
        if let last = parts.last, last.part == part, last.range.upperBound == start {
            parts[parts.count - 1].range = last.range.lowerBound..<end
        } else {
            parts.append(PartSpan(range: start..<end, part: part))
        }
    }

    /// Appends a line feed unless the text is empty or already ends with one.
    public mutating func newline() {
        if let last = bytes.last, last != 0x0A { bytes.append(0x0A) }
    }

    /// Appends a separator byte (a space) unless the text is empty or ends in white space.
    public mutating func space() {
        if let last = bytes.last, last != 0x20, last != 0x0A, last != 0x09 { bytes.append(0x20) }
    }

    /// The finished text.
    public func build() -> ExtractedText { ExtractedText(bytes: bytes, parts: parts) }
}
