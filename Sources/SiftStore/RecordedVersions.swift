import GRDB

/// The content versions recorded under the content ids of a batch being recorded, kept up to date
/// as the batch writes: which row holds each version, and which versions each content id has.
///
/// Read with one query per batch, so that a version seen for the first time (every one, on a first
/// scan) costs no delete — a delete that finds nothing still runs SQLite's whole delete program,
/// with its foreign-key cascades — and a version recorded before is rewritten in place. Updated by
/// the batch's own writes, so that a version given twice in one batch (a damaged export can list
/// an object twice) replaces itself as it did when every version was deleted first.
///
/// Read inside the batch's write transaction: no other writer can add a version in between.
struct RecordedVersions {
    /// Where a version is recorded: its row, the indexed columns that its key does not fix, and
    /// what hangs off it. A rescan of a plain file (one attachment record, usually no finding)
    /// then rewrites that record in place and deletes no findings, instead of running a delete
    /// that finds nothing and a delete and an insert of the record.
    struct Row {
        var id: Int64
        var spaceKey: String
        var contentId: String?
        /// Whether findings are recorded for the version.
        var hasFindings: Bool
        /// The ids of its attachment records, ascending.
        var attachmentRecords: [Int64]
    }

    /// The versions recorded under each content id and their rows: one hash of the content id per
    /// lookup (a version's key hashed both its strings, twice per version), and most content ids
    /// (every plain file) have one version.
    private var byContent: [String: [(version: String, row: Row)]] = [:]

    /// The versions recorded under the content ids of `keys` (a batch's).
    init(of keys: [ContentVersionKey], in db: Database) throws {
        // One cached statement of a fixed number of parameters (a batch's usual size); the unused
        // ones are NULL, which equals nothing. A statement prepared per batch cost more than
        // running it (GRDB's authorizer runs at every prepare).
        let width = 200
        let placeholders = Array(repeating: "?", count: width).joined(separator: ",")
        // The subquery is an index lookup inside the one statement: cheaper than the statements it
        // saves (a delete and an insert of the attachment record, each with SQLite's per-statement
        // work); the finding count saves deleting findings that are not there.
        let select = try db.cachedStatement(
            sql: """
                SELECT keyContentId, keyVersion, id, spaceKey, contentId, findingCount,
                  (SELECT group_concat(id) FROM attachmentRecord WHERE contentVersionId = contentVersion.id)
                FROM contentVersion WHERE keyContentId IN (\(placeholders))
                """)
        var contentIds: [String] = []
        contentIds.reserveCapacity(keys.count)
        for key in keys where byContent.updateValue([], forKey: key.contentId) == nil {
            contentIds.append(key.contentId)
        }
        for start in stride(from: 0, to: contentIds.count, by: width) {
            let chunk = contentIds[start..<min(start + width, contentIds.count)]
            try StatementBinder.query(select, in: db) { binder in
                for id in chunk { binder.bind(id) }
                for _ in chunk.count..<width { binder.bind(nil as String?) }
            } row: { columns in
                guard let keyContentId = columns.text(0), let version = columns.text(1), let id = columns.int64(2)
                else { return }
                inserted(ContentVersionKey(contentId: keyContentId, version: version),
                         Row(id: id, spaceKey: columns.text(3) ?? "", contentId: columns.text(4),
                             hasFindings: columns.int64(5) != 0, attachmentRecords: columns.integers(6).sorted()))
            }
        }
    }

    /// The row of `key`, if recorded.
    func row(of key: ContentVersionKey) -> Row? {
        byContent[key.contentId]?.first { $0.version == key.version }?.row
    }

    /// How many versions are recorded under `contentId`.
    func count(of contentId: String) -> Int { byContent[contentId]?.count ?? 0 }

    /// `key` is now recorded in `row`.
    mutating func inserted(_ key: ContentVersionKey, _ row: Row) {
        if let index = index(of: key) {
            byContent[key.contentId]![index].row = row
        } else {
            byContent[key.contentId, default: []].append((key.version, row))
        }
    }

    /// `key`, recorded in `row` (given the version is), now has `hasFindings` and `attachmentRecords`.
    mutating func rewrote(_ key: ContentVersionKey, hasFindings: Bool, attachmentRecords: [Int64]) {
        guard let index = index(of: key) else { return }
        byContent[key.contentId]![index].row.hasFindings = hasFindings
        byContent[key.contentId]![index].row.attachmentRecords = attachmentRecords
    }

    /// Every version under `contentId` was deleted.
    mutating func deletedAll(of contentId: String) {
        byContent[contentId] = []
    }

    /// Where `key` is in the list of its content id.
    private func index(of key: ContentVersionKey) -> Int? {
        byContent[key.contentId]?.firstIndex { $0.version == key.version }
    }
}
