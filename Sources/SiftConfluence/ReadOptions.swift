import Foundation

/// How to read a source.
public struct ReadOptions: Sendable {
    /// The time zone of the export's zone-less dates when its descriptor names none (default UTC).
    public var defaultTimeZone: TimeZone
    /// Read the secret-bearing objects of site backups too: users' password hashes, trusted-app
    /// private keys, remember-me tokens, settings (Bandana) values.
    public var includeSiteObjects: Bool
    /// Bodies larger than this many bytes are cut (with a diagnostic).
    public var maxBodyBytes: Int
    /// In directory trees, walk into hidden directories too (names starting with a dot: `.git`,
    /// `.github`, `.aws` …); off, each tree's skipped ones are reported in one warning.
    public var readsHiddenDirectories = false
    /// Test hook: whether the bodies' text goes around libxml2 (see `CDATABlanker`): dropped in
    /// the index pass, kept aside and put back in the body pass; off, every byte is parsed in both
    /// passes, as before.
    package var blanksBodiesInIndexPass = true

    public init(defaultTimeZone: TimeZone = TimeZone(identifier: "UTC")!, includeSiteObjects: Bool = true,
                maxBodyBytes: Int = 256 << 20)
    {
        self.defaultTimeZone = defaultTimeZone
        self.includeSiteObjects = includeSiteObjects
        self.maxBodyBytes = maxBodyBytes
    }
}
