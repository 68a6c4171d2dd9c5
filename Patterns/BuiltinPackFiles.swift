import Foundation

/// Where the built-in pattern packs (the YAML files of this folder) are at run time.
public enum BuiltinPackFiles {
    /// The pack files, in load order: secrets, pii, objects.
    public static var urls: [URL] {
        ["secrets", "pii", "objects"].compactMap { Bundle.module.url(forResource: $0, withExtension: "yaml") }
    }
}
