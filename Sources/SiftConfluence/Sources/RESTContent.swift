import Foundation
import SiftCore

/// Pages, blog posts and comments dumped from Confluence's REST API: v1
/// (`/rest/api/content/{id}?expand=body.storage,version,history,space`, one object, an array, or a
/// `{"results": [...]}` page) and Cloud v2 (`/wiki/api/v2/pages/{id}?body-format=storage`).
enum RESTContent {
    /// Whether `object` looks like a content object of either API.
    static func isContent(_ object: [String: Any]) -> Bool {
        object["id"] != nil && (object["body"] is [String: Any] || object["title"] is String)
            && (object["type"] is String || object["spaceId"] != nil || object["version"] is [String: Any])
    }

    /// The content objects of a parsed JSON document, or `nil` when it is not a REST dump.
    static func objects(in json: Any) -> [[String: Any]]? {
        if let object = json as? [String: Any] {
            if let results = object["results"] as? [[String: Any]] { return results.filter(isContent) }
            return isContent(object) ? [object] : nil
        }
        if let array = json as? [[String: Any]] {
            let contents = array.filter(isContent)
            return contents.isEmpty ? nil : contents
        }
        return nil
    }

    /// One content object as a content item.
    static func item(_ object: [String: Any], file: String) -> (ContentItem, [Diagnostic]) {
        let id = (object["id"] as? String) ?? (object["id"] as? NSNumber)?.stringValue ?? "?"
        let space = object["space"] as? [String: Any]
        let version = object["version"] as? [String: Any]
        let history = object["history"] as? [String: Any]
        var spaceKey = space?["key"] as? String
        if spaceKey == nil, let webui = (object["_links"] as? [String: Any])?["webui"] as? String {
            // v2 has only spaceId; its web UI link is /spaces/KEY/pages/…
            let parts = webui.split(separator: "/")
            if parts.count >= 2, parts[0] == "spaces" { spaceKey = String(parts[1]) }
        }
        let type = (object["type"] as? String).map { ContentType(rawValue: $0) } ?? .page
        let status = object["status"] as? String
        let when = (version?["when"] as? String) ?? (version?["createdAt"] as? String)
        let container = (object["container"] as? [String: Any])?["id"].flatMap { ($0 as? String) ?? ($0 as? NSNumber)?.stringValue }
        let provenance = Provenance(
            spaceKey: spaceKey, spaceName: space?["name"] as? String, contentId: id, versionContentId: id,
            contentType: type, title: object["title"] as? String, version: (version?["number"] as? NSNumber)?.intValue,
            createdWhen: when.map(normalized), isHistorical: status == "historical" || history?["latest"] as? Bool == false,
            status: status, containerId: container, path: file)
        var builder = ExtractedTextBuilder()
        if let title = provenance.title, !title.isEmpty {
            builder.append(title, as: Part(.title))
            builder.newline()
        }
        var diagnostics: [Diagnostic] = []
        let body = object["body"] as? [String: Any]
        if let storage = (body?["storage"] as? [String: Any])?["value"] as? String {
            diagnostics += StorageFormat.append(storage, to: &builder, location: SourceLocation(file: file, object: id)).diagnostics
        }
        if let adf = (body?["atlas_doc_format"] as? [String: Any])?["value"] as? String {
            builder.newline()
            builder.append(adf, as: Part(.body, "adf"))
        }
        return (ContentItem(provenance: provenance, text: builder.build()), diagnostics)
    }

    /// `…Z` as `…+00:00`, so that dates compare equal to those read from exports.
    static func normalized(_ date: String) -> String {
        date.hasSuffix("Z") ? String(date.dropLast()) + "+00:00" : date
    }
}
