import Foundation
import Sift

/// A one-line progress display on standard error (only on a terminal): items, MB, MB/s and, while
/// an export's entities.xml is read, how much of it and an estimate of the time left.
final class ProgressBar {
    private let enabled: Bool
    private var shown = false

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ progress: ScanProgress) {
        guard enabled else { return }
        let megabytes = Double(progress.bytesScanned) / 1_048_576
        let rate = progress.elapsedSeconds > 0 ? megabytes / progress.elapsedSeconds : 0
        var line = String(format: "scanning: %d items, %.1f MB, %.1f MB/s", progress.items, megabytes, rate)
        if progress.skippedUnchanged > 0 { line += ", \(progress.skippedUnchanged) unchanged" }
        if let total = progress.exportBytesTotal, total > 0, let phase = progress.phase {
            let fraction = min(1, Double(progress.exportBytesRead) / Double(total))
            line += String(format: " — %@ entities.xml %.0f%%", phase, fraction * 100)
            if phase == "reading", fraction > 0.02, progress.elapsedSeconds > 2 {
                let left = progress.elapsedSeconds * (1 - fraction) / fraction
                line += left > 90 ? String(format: ", about %.0f min left", left / 60) : String(format: ", about %.0f s left", left)
            }
        }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        shown = true
    }

    func finish() {
        guard enabled, shown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
