import SiftCore

/// One page of query results, as the REST API pages them (0-based `page`, `size` per page).
public struct FindingPage: Hashable, Sendable {
    /// The results of this page, in order.
    public var records: [FindingRecord]
    /// The 0-based page number asked for.
    public var page: Int
    /// The page size asked for; `nil` when everything was returned.
    public var size: Int?
    /// How many results match the query over all pages.
    public var total: Int

    /// A page of results.
    public init(records: [FindingRecord], page: Int, size: Int?, total: Int) {
        self.records = records
        self.page = page
        self.size = size
        self.total = total
    }

    /// The number of pages at this size.
    public var pageCount: Int {
        guard let size, size > 0 else { return total == 0 ? 0 : 1 }
        return (total + size - 1) / size
    }
}
