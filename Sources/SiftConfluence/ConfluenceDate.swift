import Foundation

/// Confluence's zone-less timestamps (`yyyy-MM-dd HH:mm:ss.SSS`) as ISO 8601 with an offset
/// (`2021-08-15T17:54:36.860-05:00`): the `createdWhen` that identifies a content version.
public enum ConfluenceDate {
    /// Converts `text` read in `timeZone`; `nil` when it is not a Confluence timestamp.
    public static func iso8601(_ text: String, timeZone: TimeZone) -> String? {
        let digits = Array(text.trimmingWhitespace.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= digits.count else { return nil }
            var value = 0
            for byte in digits[range] {
                guard byte &- 0x30 < 10 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard digits.count >= 19, digits[4] == UInt8(ascii: "-"), digits[7] == UInt8(ascii: "-"),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        var millis = 0
        if digits.count >= 21, digits[19] == UInt8(ascii: ".") {
            let fraction = digits[20...].prefix(3)
            millis = fraction.reduce(0) { $0 * 10 + Int($1 &- 0x30) }
            for _ in fraction.count..<3 { millis *= 10 }
        }
        var components = DateComponents()
        components.year = year
        components.month = month
        components.day = day
        components.hour = hour
        components.minute = minute
        components.second = second
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61,
            let date = calendar.date(from: components)
        else { return nil }
        let offset = timeZone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        func three(_ n: Int) -> String { n < 10 ? "00\(n)" : n < 100 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second)).\(three(millis))"
            + "\(sign)\(two(magnitude / 3600)):\(two(magnitude % 3600 / 60))"
    }
}
