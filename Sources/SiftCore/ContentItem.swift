/// One unit of scanning: the text of one content version (or one file) and where it came from.
///
/// Readers (the Confluence export reader, the attachment extractor, the plain-file walker) produce
/// content items; the scanner matches their text and turns matches into ``Finding``s.
public struct ContentItem: Sendable {
    public var provenance: Provenance
    public var text: ExtractedText

    public init(provenance: Provenance, text: ExtractedText) {
        self.provenance = provenance
        self.text = text
    }
}
