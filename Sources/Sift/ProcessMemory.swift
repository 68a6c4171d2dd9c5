import Foundation

/// The process's memory, as the kernel reports it.
enum ProcessMemory {
    /// Peak resident set size (VmHWM of /proc/self/status) in MiB; 0 where it cannot be read.
    static func peakResidentMiB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Double(line.split(whereSeparator: \.isWhitespace).dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1024
    }
}
