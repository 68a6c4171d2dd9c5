import Foundation

/// ISO 8601 timestamps as the workspace writes and accepts them.
enum Timestamp {
    /// `2024-05-01T09:30:00.000Z`.
    static func string(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// Whether `text` is an ISO 8601 date-time with an offset (`Z` or `±hh:mm`), with or without
    /// fractional seconds.
    static func isValid(_ text: String) -> Bool {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if formatter.date(from: text) != nil { return true }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text) != nil
    }
}
