import BenchSupport
import Foundation

// export-gen: writes a deterministic Confluence export (unpacked) with planted fake secrets and a
// ground-truth manifest.json; with --tree, a plain tree of source-like text files instead (the
// corpus for scanners that do not read Confluence), with its own manifest.json.
//
//   export-gen --mb 1024 --out /tmp/sift-export-1g [--seed 7] [--density 20] [--spaces 4]
//   export-gen --tree --mb 256 --out /tmp/sift-tree-256
var megabytes = 64
var output = "bench-out/export"
var seed: UInt64 = 7
var density = 20.0
var spaces = 4
var tree = false
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--mb": megabytes = Int(arguments.next() ?? "") ?? megabytes
    case "--out": output = arguments.next() ?? output
    case "--seed": seed = UInt64(arguments.next() ?? "") ?? seed
    case "--density": density = Double(arguments.next() ?? "") ?? density
    case "--spaces": spaces = Int(arguments.next() ?? "") ?? spaces
    case "--tree": tree = true
    default:
        FileHandle.standardError.write(Data("usage: export-gen --mb N --out DIR [--seed S] [--density PER_MIB] [--spaces N]\n".utf8))
        exit(2)
    }
}
let started = Date()
if tree {
    let root = URL(fileURLWithPath: output)
    try? FileManager.default.removeItem(at: root)
    var corpus = TextCorpus(seed: seed, secretsPerMiB: density)
    let extensions = ["md", "py", "sh", "yaml", "log", "txt", "java", "conf"]
    var written = 0
    var files: [[String: Any]] = []
    for (index, document) in corpus.documents(totalBytes: megabytes << 20).enumerated() {
        let relative = "dir\(index / 100)/file\(index).\(extensions[index % extensions.count])"
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(document).write(to: url)
        written += document.count
        files.append(["index": index, "path": relative])
    }
    let planted = corpus.planted.map { p -> [String: Any] in
        ["kind": p.kind, "value": p.value, "path": files[p.document]["path"] as! String, "offset": p.offset]
    }
    let manifest: [String: Any] = ["seed": seed, "bytes": written, "files": files.count, "planted": planted]
    try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys])
        .write(to: root.appendingPathComponent("manifest.json"))
    print(String(format: "%@: %.1f MiB in %d files, %d planted values in %.1f s", output, Double(written) / 1_048_576,
                 files.count, planted.count, Date().timeIntervalSince(started)))
    exit(0)
}
var corpus = ExportCorpus(seed: seed, secretsPerMiB: density)
let manifest = try corpus.write(to: URL(fileURLWithPath: output), totalBytes: megabytes << 20, spaces: spaces)
print(String(format: "%@: %.1f MiB, %d spaces, %d pages and blog posts, %d versions, %d attachments, %d planted values in %.1f s",
             output, Double(manifest.bytes) / 1_048_576, manifest.spaces, manifest.contents, manifest.versions,
             manifest.attachments, manifest.planted.count, Date().timeIntervalSince(started)))
