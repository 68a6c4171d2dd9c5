// Micro-benchmarks with ordo-one/benchmark: throughput and allocations of the hot paths, so that
// regressions show up side by side with a saved baseline.
//
//   cd Benchmarks && swift package benchmark --target SiftMicro
//   swift package benchmark baseline update main --target SiftMicro      # then, after a change:
//   swift package benchmark baseline compare main --target SiftMicro
import Benchmark
import BenchSupport
import Foundation
import Sift

/// Inputs built once, deterministically, outside the measured closures.
private enum Inputs {
    static let documents: [[UInt8]] = {
        var corpus = TextCorpus(seed: 11, secretsPerMiB: 40)
        return corpus.documents(totalBytes: 8 << 20)
    }()
    static let bytes = documents.reduce(0) { $0 + $1.count }
    static let engine = try! DetectionEngine(packs: BuiltinPacks.all())
    static let storageBody: String = {
        var corpus = TextCorpus(seed: 12, secretsPerMiB: 40)
        let lines = String(decoding: corpus.document(index: 0, size: 256 << 10), as: UTF8.self).split(separator: "\n")
        return lines.enumerated().map { index, line in
            let text = line.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            return index % 7 == 0
                ? "<ac:structured-macro ac:name=\"code\"><ac:plain-text-body><![CDATA[\(line)]]></ac:plain-text-body></ac:structured-macro>"
                : "<p>\(text)</p>"
        }.joined()
    }()
    static let export: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sift-micro-export")
        if !FileManager.default.fileExists(atPath: url.appendingPathComponent("manifest.json").path) {
            var corpus = ExportCorpus(seed: 13, secretsPerMiB: 20)
            _ = try! corpus.write(to: url, totalBytes: 16 << 20, spaces: 2)
        }
        return url
    }()
    /// What a scan of a source tree records: 10 000 plain files in batches of 200, one finding in
    /// every 25th, a binary skipped in every other (as in the Python standard library's tree).
    static let fileBatches: [[ContentVersionResult]] = {
        let finding = records[0].finding
        return (0..<50).map { batch in
            (0..<200).map { index in
                let path = "pkg\(batch)/module_\(index).py"
                let provenance = Provenance.file(path)
                var result = ContentVersionResult(provenance: provenance, contentHash: "size:\(index * 97),mtime:1778312132000")
                result.attachments = [AttachmentScanRecord(
                    provenance: provenance, fileName: path, size: index * 97, detectedType: index % 2 == 0 ? "binary" : "text",
                    status: index % 2 == 0 ? .skipped : .scanned, textBytes: index % 2 == 0 ? 0 : index * 97)]
                if index % 25 == 0 {
                    var planted = finding
                    planted.provenance = provenance
                    result.findings = [planted]
                }
                return result
            }
        }
    }()

    static let records: [FindingRecord] = {
        let scratch = engine.makeScratch()
        var out: [FindingRecord] = []
        for document in documents.prefix(200) {
            for finding in engine.findings(in: String(decoding: document, as: UTF8.self), using: scratch).findings {
                out.append(FindingRecord(finding: finding))
            }
        }
        return out
    }()
}

let benchmarks: @Sendable () -> Void = {
    let throughput = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(5), maxIterations: 20)

    Benchmark("prefilter: built-in packs' literals over 8 MiB", configuration: throughput) { benchmark in
        let set = Inputs.engine.ruleSet
        let scratch = set.makeScratch()
        benchmark.startMeasurement()
        for document in Inputs.documents {
            document.withUnsafeBytes { blackHole(set.countCandidates(in: $0, using: scratch)) }
        }
    }

    Benchmark("engine: built-in packs, findings in 8 MiB", configuration: throughput) { benchmark in
        let scratch = Inputs.engine.makeScratch()
        let texts = Inputs.documents.map { String(decoding: $0, as: UTF8.self) }
        benchmark.startMeasurement()
        for text in texts { blackHole(Inputs.engine.findings(in: text, using: scratch).findings.count) }
    }

    Benchmark("storage format: 256 KiB body to text", configuration: throughput) { _ in
        blackHole(StorageFormat.text(Inputs.storageBody).count)
    }

    Benchmark("entities streaming: read a 16 MiB export", configuration: throughput) { _ in
        var items = 0
        try SourceReader.read([Inputs.export]) { event in
            if case .content = event { items += 1 }
        }
        blackHole(items)
    }

    // CPU time too: each batch's commit waits for an fsync (synchronous = FULL), which wall time counts.
    let storage = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal], maxDuration: .seconds(10), maxIterations: 15)
    Benchmark("workspace: record 10 000 plain files (50 batches)", configuration: storage) { benchmark in
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sift-micro-ws-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let workspace = try Workspace.open(at: directory)
        let scan = try workspace.beginScan(scope: .files("tree"), ruleSetFingerprint: "rules", settingsFingerprint: "settings")
        benchmark.startMeasurement()
        for batch in Inputs.fileBatches { try workspace.record(batch, scan: scan) }
        benchmark.stopMeasurement()
    }

    Benchmark("workspace: record the same 10 000 plain files again (a --full rescan)", configuration: storage) { benchmark in
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sift-micro-ws-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let workspace = try Workspace.open(at: directory)
        let first = try workspace.beginScan(scope: .files("tree"), ruleSetFingerprint: "rules", settingsFingerprint: "settings")
        for batch in Inputs.fileBatches { try workspace.record(batch, scan: first) }
        let again = try workspace.beginScan(scope: .files("tree"), ruleSetFingerprint: "rules", settingsFingerprint: "settings")
        benchmark.startMeasurement()
        for batch in Inputs.fileBatches { try workspace.record(batch, scan: again) }
        benchmark.stopMeasurement()
    }

    Benchmark("exporters: JSON Lines of the findings of 200 documents", configuration: throughput) { _ in
        var exporter = JSONLinesExporter(sink: MemorySink(), schema: .findings(ExportOptions()))
        for record in Inputs.records { try exporter.write(record) }
        try exporter.finish()
        blackHole(exporter.sink.bytes.count)
    }
}
