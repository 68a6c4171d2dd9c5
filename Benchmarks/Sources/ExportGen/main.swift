import BenchSupport
import Foundation

// export-gen: writes a deterministic Confluence export (unpacked) with planted fake secrets and a
// ground-truth manifest.json.
//
//   export-gen --mb 1024 --out /tmp/sift-export-1g [--seed 7] [--density 20] [--spaces 4]
var megabytes = 64
var output = "bench-out/export"
var seed: UInt64 = 7
var density = 20.0
var spaces = 4
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--mb": megabytes = Int(arguments.next() ?? "") ?? megabytes
    case "--out": output = arguments.next() ?? output
    case "--seed": seed = UInt64(arguments.next() ?? "") ?? seed
    case "--density": density = Double(arguments.next() ?? "") ?? density
    case "--spaces": spaces = Int(arguments.next() ?? "") ?? spaces
    default:
        FileHandle.standardError.write(Data("usage: export-gen --mb N --out DIR [--seed S] [--density PER_MIB] [--spaces N]\n".utf8))
        exit(2)
    }
}
let started = Date()
var corpus = ExportCorpus(seed: seed, secretsPerMiB: density)
let manifest = try corpus.write(to: URL(fileURLWithPath: output), totalBytes: megabytes << 20, spaces: spaces)
print(String(format: "%@: %.1f MiB, %d spaces, %d pages and blog posts, %d versions, %d attachments, %d planted values in %.1f s",
             output, Double(manifest.bytes) / 1_048_576, manifest.spaces, manifest.contents, manifest.versions,
             manifest.attachments, manifest.planted.count, Date().timeIntervalSince(started)))
