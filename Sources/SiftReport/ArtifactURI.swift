import SiftCore

/// The SARIF artifact URI of a content version: stable, and a valid URI reference.
///
/// - Confluence content: `confluence://SPACE/content/ID?version=N` (the content id is the id of
///   the current version; `version` the version number, else `versionContentId=`, else
///   `createdWhen=`). Without a space: `confluence:///content/ID?…`.
/// - Plain files: the path, percent-encoded; an absolute path as a `file://` URI.
enum ArtifactURI {
    static func of(_ p: Provenance) -> String {
        if p.contentType == .file || p.contentId == nil {
            let path = p.path ?? p.title ?? ""
            let encoded = encode(path, keeping: pathCharacters)
            return path.hasPrefix("/") ? "file://" + encoded : encoded
        }
        var uri = "confluence://" + encode(p.spaceKey ?? "", keeping: unreserved) + "/content/"
            + encode(p.contentId ?? "", keeping: unreserved)
        if let version = p.version {
            uri += "?version=\(version)"
        } else if let id = p.versionContentId {
            uri += "?versionContentId=" + encode(id, keeping: unreserved)
        } else if let when = p.createdWhen {
            uri += "?createdWhen=" + encode(when, keeping: unreserved + ":")
        }
        return uri
    }

    private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".unicodeScalars)
    private static let pathCharacters = unreserved.union("/!$&'()*+,;=:@".unicodeScalars)

    private static func encode(_ text: String, keeping allowed: Set<Unicode.Scalar>) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if allowed.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                for byte in String(scalar).utf8 {
                    let hex = String(byte, radix: 16, uppercase: true)
                    out += "%" + (hex.count == 1 ? "0" + hex : hex)
                }
            }
        }
        return out
    }
}

private func + (lhs: Set<Unicode.Scalar>, rhs: String) -> Set<Unicode.Scalar> { lhs.union(rhs.unicodeScalars) }
