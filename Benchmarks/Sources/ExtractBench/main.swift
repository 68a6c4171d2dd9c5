// extract-bench: attachment text-extraction throughput, one row per file format.
//
//   python3 make-extract-corpus.py                        # writes .corpus/extract/ (git-ignored)
//   swift build -c release --product extract-bench
//   .build/release/extract-bench [--runs 5] [--dir .corpus/extract] [FILE …]
//
// For each file: AttachmentExtractor (default limits) over its bytes `--runs` times; prints the
// input size, the extracted text (all items, UTF-8), the median wall time, MB/s of input and of
// text, the peak RSS (and, in brackets, the RSS before extracting, with the input loaded), and the
// status and reason of the file's scan record, with the inner files' records counted by status
// for archives (so a skipped or cut file is visible). MB are 10^6 bytes.
//
// Each file is measured in a child process of its own (this executable with `--one FILE`), so that
// the peak RSS (VmHWM of /proc/self/status) is that file's and not the largest so far.
import BenchSupport
import Foundation
import Sift

var runs = 5
var directory = ".corpus/extract"
var files: [String] = []
var one: String?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--runs": runs = max(1, Int(arguments.popFirst() ?? "") ?? runs)
    case "--dir": directory = arguments.popFirst() ?? directory
    case "--one": one = arguments.popFirst()
    case "-h", "--help":
        print("usage: extract-bench [--runs N] [--dir DIR] [FILE …]")
        exit(0)
    default:
        if argument.hasPrefix("-") {
            FileHandle.standardError.write(Data("usage: extract-bench [--runs N] [--dir DIR] [FILE …]\n".utf8))
            exit(2)
        }
        files.append(argument)
    }
}

/// What one child reports, as one JSON line on its standard output.
struct Row: Codable {
    var file: String
    var detectedType: String
    var inputBytes: Int
    var textBytes: Int
    var items: Int
    var seconds: [Double]
    var baselineMiB: Double
    var peakMiB: Double
    var status: String
    var reason: String?
    var detail: String?
    var innerRecords: [String: Int]
}

/// Measures one file in this process.
func measure(_ path: String, runs: Int) -> Row {
    func load() -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            FileHandle.standardError.write(Data("extract-bench: cannot read \(path)\n".utf8))
            exit(1)
        }
        return [UInt8](data)
    }
    let bytes = load()
    let name = (path as NSString).lastPathComponent
    let input = AttachmentInput(bytes: bytes, fileName: name, provenance: Provenance(contentType: .file, path: path))
    let extractor = AttachmentExtractor()
    let baseline = Measure.peakResidentMiB()
    var seconds: [Double] = []
    var last = AttachmentExtraction()
    for _ in 0..<runs {
        var extraction = AttachmentExtraction()
        seconds.append(Measure.seconds { extraction = extractor.extract(input) })
        last = extraction
    }
    // The attachment's own record is appended last (inner files' records come first).
    let top = last.records.last
    var inner: [String: Int] = [:]
    for record in last.records.dropLast() { inner[record.status.rawValue, default: 0] += 1 }
    return Row(
        file: name, detectedType: top?.detectedType ?? "?", inputBytes: bytes.count,
        textBytes: last.items.reduce(0) { $0 + $1.text.bytes.count }, items: last.items.count, seconds: seconds,
        baselineMiB: baseline, peakMiB: Measure.peakResidentMiB(), status: top?.status.rawValue ?? "?",
        reason: top?.reason?.rawValue, detail: top?.detail, innerRecords: inner)
}

if let one {
    let row = measure(one, runs: runs)
    let json = try JSONEncoder().encode(row)
    FileHandle.standardOutput.write(json + Data("\n".utf8))
    exit(0)
}

if files.isEmpty {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    files = names.filter { !$0.hasPrefix(".") }.map { directory + "/" + $0 }
    if files.isEmpty {
        FileHandle.standardError.write(Data("extract-bench: no files in \(directory); run make-extract-corpus.py first\n".utf8))
        exit(1)
    }
}
// A stable order: by detected format family, as the table in BENCHMARKS.md lists them.
let order = ["log", "csv", "json", "docx", "xlsx", "pptx", "odt", "ods", "pdf", "zip", "gz", "rtf"]
func rank(_ path: String) -> (Int, String) {
    let name = (path as NSString).lastPathComponent
    let index = order.firstIndex { name.hasSuffix("." + $0) } ?? order.count
    return (index, name)
}
files.sort { rank($0) < rank($1) }

/// Runs this executable on one file and decodes its row.
func child(_ path: String, runs: Int) -> Row? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
    process.arguments = ["--runs", String(runs), "--one", path]
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch {
        FileHandle.standardError.write(Data("extract-bench: cannot start a child: \(error)\n".utf8))
        return nil
    }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let row = try? JSONDecoder().decode(Row.self, from: output) else {
        FileHandle.standardError.write(Data("extract-bench: \(path): the child failed (status \(process.terminationStatus))\n".utf8))
        return nil
    }
    return row
}

func mb(_ bytes: Int) -> String { String(format: "%.2f", Double(bytes) / 1e6) }

print("extract-bench: \(files.count) files, \(runs) runs each, default ExtractionLimits; MB = 10^6 bytes; "
    + "load average \(((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3).joined(separator: " "))")
print()
print("| file | detected | input MB | text MB | median s (min–max) | input MB/s | text MB/s | peak RSS MiB (before) | status (reason) | records |")
print("|---|---|---|---|---|---|---|---|---|---|")
for path in files {
    guard let row = child(path, runs: runs) else { continue }
    let median = Measure.median(row.seconds)
    let range = String(format: "%.3f (%.3f–%.3f)", median, row.seconds.min() ?? 0, row.seconds.max() ?? 0)
    let status = row.status + (row.reason.map { " (\($0))" } ?? "")
    var records = row.innerRecords.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
    if let detail = row.detail { records = records.isEmpty ? detail : "\(detail); \(records)" }
    if records.isEmpty { records = "–" }
    print("| \(row.file) | \(row.detectedType) | \(mb(row.inputBytes)) | \(mb(row.textBytes)) | \(range) | "
        + String(format: "%.1f | %.1f | %.0f (%.0f)", Double(row.inputBytes) / 1e6 / median, Double(row.textBytes) / 1e6 / median,
                 row.peakMiB, row.baselineMiB)
        + " | \(status) | \(records) |")
}
