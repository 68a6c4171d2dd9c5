import Foundation
import SiftCore
import Testing

@Suite struct ProvenanceTests {
    private let page = Provenance(
        spaceKey: "ENG", spaceName: "Engineering", contentId: "100", versionContentId: "100-v2", contentType: .page,
        title: "Deploy notes", version: 2, createdWhen: "2024-03-02T10:00:00.000+01:00", isHistorical: true,
        status: "current", containerId: "7", attachmentName: nil, path: nil)

    /// Copies share one box until one of them changes: the other never sees the change.
    @Test func aCopyChangesAlone() {
        var copy = page
        copy.title = "Other"
        copy.version = 3
        #expect(page.title == "Deploy notes" && page.version == 2)
        #expect(copy.title == "Other" && copy.version == 3 && copy.spaceKey == "ENG")
        #expect(copy != page)
        copy.title = "Deploy notes"
        copy.version = 2
        #expect(copy == page && copy.hashValue == page.hashValue)
        var file = Provenance.file("a.txt")
        let before = file
        file.path = "b.txt"
        #expect(before.path == "a.txt" && file.path == "b.txt" && file.title == "a.txt")
    }

    /// The JSON is what the synthesized coding gave: every field by name, nil ones absent.
    @Test func codingKeepsItsShape() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(Provenance.file("src/a.txt")), as: UTF8.self)
        #expect(json == #"{"contentType":"file","isHistorical":false,"path":"src\/a.txt","title":"src\/a.txt"}"#)
        #expect(try JSONDecoder().decode(Provenance.self, from: try encoder.encode(page)) == page)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Provenance.self, from: Data(#"{"contentType":"page"}"#.utf8)) }
    }
}
