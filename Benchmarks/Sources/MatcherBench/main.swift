// matcher-bench: the matcher core's throughput against the naive way, side by side in one run.
//
//   swift run -c release matcher-bench [--mib 256] [--rules 300] [--runs 3] [--text python-stdlib|generated]
//
// Measures, over the same corpus (documents of 1-64 KiB scanned one by one, as content versions are):
// - compile: CompiledRuleSet construction with PCRE2 JIT for every rule (median of 5);
// - prefilter: the literal automaton alone;
// - engine: prefilter + windowed PCRE2 confirmation (the real thing);
// - naive: every regex over every document with PCRE2 JIT global iteration (the oracle).
// Prints MB/s (MiB/s) medians and their ratios, and checks that engine and naive agree.
import BenchSupport
import Foundation
import SiftMatcher

var mib = 256
var ruleCount = 300
var runs = 3
var textSource = "generated"
var naiveMiB: Int?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--mib": mib = Int(arguments.popFirst() ?? "") ?? mib
    case "--rules": ruleCount = Int(arguments.popFirst() ?? "") ?? ruleCount
    case "--runs": runs = Int(arguments.popFirst() ?? "") ?? runs
    case "--naive-mib": naiveMiB = Int(arguments.popFirst() ?? "")
    case "--text": textSource = arguments.popFirst() ?? textSource
    case "--explain": break
    default:
        FileHandle.standardError.write(Data("usage: matcher-bench [--mib N] [--rules N] [--runs N] [--naive-mib N] [--text generated|python-stdlib]\n".utf8))
        exit(2)
    }
}

func pythonStdlibDocuments(limit: Int) -> [[UInt8]] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try? process.run()
    process.waitUntilExit()
    let root = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines)
    var documents: [[UInt8]] = []
    var total = 0
    let enumerator = FileManager.default.enumerator(atPath: root)
    var paths: [String] = []
    while let path = enumerator?.nextObject() as? String {
        if path.hasSuffix(".py") { paths.append(path) }
    }
    for path in paths.sorted() where total < limit {
        guard let data = FileManager.default.contents(atPath: root + "/" + path) else { continue }
        documents.append([UInt8](data))
        total += data.count
    }
    return documents
}

let corpusStart = Measure.now()
var corpus = TextCorpus(seed: 42)
let documents = textSource == "python-stdlib" ? pythonStdlibDocuments(limit: mib << 20) : corpus.documents(totalBytes: mib << 20)
let totalBytes = documents.reduce(0) { $0 + $1.count }
let mebibytes = Double(totalBytes) / 1_048_576
print("corpus: \(textSource), \(documents.count) documents, \(String(format: "%.1f", mebibytes)) MiB, built in \(String(format: "%.1f", Double(Measure.now() - corpusStart) / 1e9)) s")

var specs = BenchRules.rules(count: ruleCount)
if ProcessInfo.processInfo.environment["FILTERED_ONLY"] != nil {
    // Drop the rules the extractor cannot filter, to see the cost of everything else.
    specs = specs.filter { LiteralExtractor.plan(pattern: $0.pattern, caseless: $0.caseless).strategy == .windowed }
}
var compileTimes: [Double] = []
var set: CompiledRuleSet!
for _ in 0..<5 {
    compileTimes.append(Measure.seconds { set = try! CompiledRuleSet(specs) })
}
let strategies = Dictionary(grouping: set.rules, by: \.plan.strategy).mapValues(\.count)
print("rules: \(specs.count) (windowed \(strategies[.windowed, default: 0]), gated \(strategies[.gated, default: 0]), unfiltered \(strategies[.unfiltered, default: 0])); literals \(set.literalCount); prefilter tables \(set.memoryFootprint / 1024) KiB")
print(String(format: "compile: median %.1f ms (%d rules, PCRE2 JIT + literal extraction + automaton)", Measure.median(compileTimes) * 1000, specs.count))

// DUMP_PREFILTER=dir: writes the rule set's literals (`dir/literals.txt`: a caseless flag and the
// bytes in hex per line) and the corpus's first 8 MiB (`dir/text.bin`), for C drivers of the kernels.
if let dump = ProcessInfo.processInfo.environment["DUMP_PREFILTER"] {
    var seen = Set<Literal>()
    var lines = ""
    for literal in set.rules.flatMap(\.plan.literals) where seen.insert(literal).inserted {
        lines += (literal.caseless ? "i " : "s ") + literal.bytes.map { String(format: "%02x", $0) }.joined() + "\n"
    }
    try! lines.write(toFile: dump + "/literals.txt", atomically: true, encoding: .utf8)
    var text: [UInt8] = []
    for document in documents where text.count < 8 << 20 { text += document }
    _ = FileManager.default.createFile(atPath: dump + "/text.bin", contents: Data(text))
    print("dumped \(seen.count) literals and \(text.count) bytes to \(dump)")
    exit(0)
}
// PROFILE=1: only the engine (automatic prefilter, default options), `runs` passes over the corpus,
// then exit: a clean profile for `perf record`.
// PROFILE=prefilter: the same with the prefilter alone (`countCandidates`).
if ProcessInfo.processInfo.environment["PROFILE"] == "prefilter" {
    let scratch = set.makeScratch()
    var count = 0
    let seconds = Measure.seconds {
        for _ in 0..<runs { for document in documents { count += document.withUnsafeBytes { set.countCandidates(in: $0, using: scratch) } } }
    }
    print(String(format: "prefilter: %.1f MiB/s over %d runs, %d candidates", mebibytes * Double(runs) / seconds, runs, count))
    exit(0)
}
// PROFILE=calls: the cost of one call on tiny documents (the prefilter alone, then the engine).
if ProcessInfo.processInfo.environment["PROFILE"] == "calls" {
    let scratch = set.makeScratch()
    for size in [16, 256, 4096] {
        let document = Array(documents[0].prefix(size))
        let calls = 200_000 * 16 / size
        var count = 0
        let prefilterSeconds = Measure.seconds {
            for _ in 0..<calls { count += document.withUnsafeBytes { set.countCandidates(in: $0, using: scratch) } }
        }
        let engineSeconds = Measure.seconds {
            for _ in 0..<calls { set.scan(document, using: scratch) { _ in count += 1 } }
        }
        print(String(format: "%5d bytes: prefilter %.2f us/call, engine %.2f us/call (%d)", size,
                     prefilterSeconds / Double(calls) * 1e6, engineSeconds / Double(calls) * 1e6, count))
    }
    exit(0)
}
if ProcessInfo.processInfo.environment["PROFILE"] != nil {
    let scratch = set.makeScratch()
    var count = 0
    let seconds = Measure.seconds {
        for _ in 0..<runs { for document in documents { set.scan(document, using: scratch) { _ in count += 1 } } }
    }
    print(String(format: "engine: %.1f MiB/s over %d runs, %d matches", mebibytes * Double(runs) / seconds, runs, count))
    exit(0)
}

func rate(_ seconds: Double, _ megabytes: Double) -> String { String(format: "%7.1f MiB/s", megabytes / seconds) }

// Prefilter alone and the engine, for each prefilter kind, alternating run by run so that load
// from other processes falls on all of them alike.
// START_CHECKS=0 turns the start checks off; START_CHECKS=ab times the automatic prefilter with
// and without them instead of the three kinds, alternating run by run (`auto-` is without).
// RUN_GATES and GATED_WINDOWS (=0 or =ab) do the same for run gates and for windows of gated rules
// (`runs-`, `gwin-` are without); NEW_CONFIRMATION=ab times both off (`old`) against both on (`new`).
// NEIGHBOUR_CHECKS (=0 or =ab) does the same for the checks of the bytes around literal hits (`nbr-`),
// WIDER_CHECKS (=0 or =ab) for their earlier required literals and bytes further away (`wide-`),
// PREFILTER_STARTS (=0 or =ab) for start checks of each hit as the prefilter finds it (`pst-`),
// START_TABLE (=0 or =ab) for the start table that checks the gram filter's positions (`trie` is without),
// BUCKET_FILTER (=0 or =ab) for the bucket filter in place of the gram filter (`gram` is without),
// SEQUENCE_GATE (=0 or =ab) for sequence gates of the rules that would run everywhere (`seq-`).
let startChecks = ProcessInfo.processInfo.environment["START_CHECKS"]
let runGates = ProcessInfo.processInfo.environment["RUN_GATES"]
let gatedWindows = ProcessInfo.processInfo.environment["GATED_WINDOWS"]
let neighbourChecks = ProcessInfo.processInfo.environment["NEIGHBOUR_CHECKS"]
let widerChecks = ProcessInfo.processInfo.environment["WIDER_CHECKS"]
let prefilterStarts = ProcessInfo.processInfo.environment["PREFILTER_STARTS"]
let startTable = ProcessInfo.processInfo.environment["START_TABLE"]
let bucketFilter = ProcessInfo.processInfo.environment["BUCKET_FILTER"]
let sequenceGate = ProcessInfo.processInfo.environment["SEQUENCE_GATE"]
func options(
    _ kind: PrefilterKind, startChecks: Bool = startChecks != "0", runGates: Bool = runGates != "0",
    gatedWindows: Bool = gatedWindows != "0", neighbourChecks: Bool = neighbourChecks != "0",
    widerChecks: Bool = widerChecks != "0", prefilterStarts: Bool = prefilterStarts != "0",
    startTable: Bool = startTable != "0", bucketFilter: Bool = bucketFilter != "0",
    sequenceGate: Bool = sequenceGate != "0"
) -> CompiledRuleSet.Options {
    var options = CompiledRuleSet.Options(prefilter: kind, startChecks: startChecks)
    options.runGates = runGates
    options.gatedWindows = gatedWindows
    options.neighbourChecks = neighbourChecks
    options.widerChecks = widerChecks
    options.prefilterStartChecks = prefilterStarts
    options.startTable = startTable
    options.bucketFilter = bucketFilter
    options.sequenceGates = sequenceGate
    return options
}
let kinds: [(name: String, options: CompiledRuleSet.Options)] = startChecks == "ab"
    ? [("auto-", options(.automatic, startChecks: false)), ("auto+", options(.automatic, startChecks: true)),
       ("auto", options(.automatic, startChecks: true))]
    : runGates == "ab"
    ? [("runs-", options(.automatic, runGates: false)), ("runs+", options(.automatic, runGates: true)),
       ("auto", options(.automatic, runGates: true))]
    : ProcessInfo.processInfo.environment["NEW_CONFIRMATION"] == "ab"
    ? [("old", options(.automatic, runGates: false, gatedWindows: false)), ("new", options(.automatic)),
       ("auto", options(.automatic))]
    : neighbourChecks == "ab"
    ? [("nbr-", options(.automatic, neighbourChecks: false)), ("nbr+", options(.automatic, neighbourChecks: true)),
       ("auto", options(.automatic, neighbourChecks: true))]
    : widerChecks == "ab"
    ? [("wide-", options(.automatic, widerChecks: false)), ("wide+", options(.automatic, widerChecks: true)),
       ("auto", options(.automatic, widerChecks: true))]
    : prefilterStarts == "ab"
    ? [("pst-", options(.automatic, prefilterStarts: false)), ("pst+", options(.automatic, prefilterStarts: true)),
       ("auto", options(.automatic, prefilterStarts: true))]
    : startTable == "ab"
    ? [("trie", options(.automatic, startTable: false)), ("table", options(.automatic, startTable: true)),
       ("auto", options(.automatic, startTable: true))]
    : bucketFilter == "ab"
    ? [("gram", options(.automatic, bucketFilter: false)), ("bucket", options(.automatic, bucketFilter: true)),
       ("auto", options(.automatic, bucketFilter: true))]
    : sequenceGate == "ab"
    ? [("seq-", options(.automatic, sequenceGate: false)), ("seq+", options(.automatic, sequenceGate: true)),
       ("auto", options(.automatic, sequenceGate: true))]
    : gatedWindows == "ab"
    ? [("gwin-", options(.automatic, gatedWindows: false)), ("gwin+", options(.automatic, gatedWindows: true)),
       ("auto", options(.automatic, gatedWindows: true))]
    : [("dfa", options(.automaton)), ("filter", options(.gramFilter)), ("auto", options(.automatic))]
let sets = kinds.map { try! CompiledRuleSet(specs, options: $0.options) }
var prefilterTimesByKind = [[Double]](repeating: [], count: kinds.count)
var engineTimesByKind = [[Double]](repeating: [], count: kinds.count)
var candidatesByKind = [Int](repeating: 0, count: kinds.count)
var matchesByKind = [Int](repeating: 0, count: kinds.count)
// The order of the kinds is reversed every other run: the first engine pass of a run was measured
// 2-7 % slower than the same configuration after it (three identical kinds, 64 MiB, 9 runs).
for run in 0..<runs {
    let order = run % 2 == 0 ? Array(sets.indices) : sets.indices.reversed()
    for k in order {
        let kindSet = sets[k]
        let prefilterScratch = kindSet.makeScratch()
        var count = 0
        prefilterTimesByKind[k].append(Measure.seconds {
            for document in documents { count += document.withUnsafeBytes { kindSet.countCandidates(in: $0, using: prefilterScratch) } }
        })
        candidatesByKind[k] = count
    }
    for k in order {
        let kindSet = sets[k]
        let scratch = kindSet.makeScratch()
        var count = 0
        engineTimesByKind[k].append(Measure.seconds {
            for document in documents { kindSet.scan(document, using: scratch) { _ in count += 1 } }
        })
        matchesByKind[k] = count
    }
}
// Per run, each kind's speed over the first kind's in the same run (the median of those ratios
// holds still better than the ratio of medians when the machine's load drifts).
func pairedRatio(_ times: [[Double]], _ k: Int) -> Double {
    Measure.median(zip(times[0], times[k]).map { $0 / $1 })
}
for k in kinds.indices {
    print("  \(kinds[k].name.padding(toLength: 6, withPad: " ", startingAt: 0)) prefilter \(rate(Measure.median(prefilterTimesByKind[k]), mebibytes))  engine \(rate(Measure.median(engineTimesByKind[k]), mebibytes))  candidates \(candidatesByKind[k])  matches \(matchesByKind[k])"
        + String(format: "  paired x%.2f / x%.2f", pairedRatio(prefilterTimesByKind, k), pairedRatio(engineTimesByKind, k)))
}
// Neighbour checks drop candidates by design: only the matches must agree then.
print(Set(candidatesByKind).count == 1 && Set(matchesByKind).count == 1 ? "kinds agree: same candidates and matches"
    : (neighbourChecks == "ab" || widerChecks == "ab" || prefilterStarts == "ab") && Set(matchesByKind).count == 1 ? "kinds agree: same matches" : "KINDS DISAGREE")
set = sets[2]
let prefilterTimes = prefilterTimesByKind[2]
let engineTimes = engineTimesByKind[2]
let candidateCount = candidatesByKind[2]
let engineMatches = matchesByKind[2]
let scratch = set.makeScratch()

// The naive way, on the first `naiveMiB` of the corpus (all of it by default).
let naive = try! CompiledRuleSet(specs, options: .init(everyRuleIsCandidate: true))
let naiveScratch = naive.makeScratch()
var naiveDocuments: [[UInt8]] = []
var naiveBytes = 0
for document in documents where naiveBytes < (naiveMiB ?? mib) << 20 {
    naiveDocuments.append(document)
    naiveBytes += document.count
}
var engineOnNaiveSet = 0
for document in naiveDocuments { set.scan(document, using: scratch) { _ in engineOnNaiveSet += 1 } }
var naiveMatches = 0
let naiveTime = Measure.seconds {
    for document in naiveDocuments { naive.scan(document, using: naiveScratch) { _ in naiveMatches += 1 } }
}
let naiveMiBScanned = Double(naiveBytes) / 1_048_576

let prefilter = Measure.median(prefilterTimes)
let engine = Measure.median(engineTimes)
print("prefilter: \(rate(prefilter, mebibytes))  (median of \(runs); \(candidateCount) candidates, one per \(totalBytes / max(candidateCount, 1)) bytes)")
print("engine:    \(rate(engine, mebibytes))  (median of \(runs); \(engineMatches) matches)")
print("naive:     \(rate(naiveTime, naiveMiBScanned))  (1 run over \(String(format: "%.0f", naiveMiBScanned)) MiB; \(naiveMatches) matches)")
print(String(format: "ratios: engine/naive %.1fx, prefilter/engine %.1fx", (mebibytes / engine) / (naiveMiBScanned / naiveTime), engine / prefilter))
print(engineOnNaiveSet == naiveMatches ? "agreement: engine and naive report the same number of matches" : "DISAGREEMENT: engine \(engineOnNaiveSet) vs naive \(naiveMatches)")
print(String(format: "peak RSS: %.0f MiB", Measure.peakResidentMiB()))
if textSource == "generated" { print("planted values: \(corpus.planted.count)") }

if CommandLine.arguments.contains("--explain") || ProcessInfo.processInfo.environment["EXPLAIN"] != nil {
    let explain = set.makeScratch()
    explain.collectsStatistics = true
    for document in documents { set.scan(document, using: explain) { _ in } }
    let top = explain.statistics.enumerated().sorted { $0.element.nanoseconds > $1.element.nanoseconds }.prefix(Int(ProcessInfo.processInfo.environment["EXPLAIN_TOP"] ?? "") ?? 15)
    print("most expensive rules:")
    for (index, stats) in top {
        let rule = set.rules[index]
        print(String(format: "  %6.1f ms  cand %8d  conf %8d  match %5d  %@  %@", Double(stats.nanoseconds) / 1e6, stats.candidates,
                     stats.confirmations, stats.matches, rule.plan.literals.prefix(3).map(\.description).joined(separator: ","),
                     String(rule.spec.pattern.prefix(60))))
    }
}
