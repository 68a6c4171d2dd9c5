import Foundation

/// Runs a rule set over a corpus and measures what each rule costs: `sift bench`, for rule authors
/// who want to see a slow or noisy rule before they ship it.
///
/// The corpus is read as a scan reads it (exports, REST dumps, storage files, any files, attachments
/// extracted), on one thread, with statistics collected by the matcher: the prefilter's time, each
/// rule's time in PCRE2, and the work around them (reading, extraction, validators, objects).
public enum RuleBenchmark {
    /// Benchmarks `rules` over `inputs`.
    ///
    /// - Parameter compileSeconds: how long compiling `rules` took, for the report.
    public static func run(
        rules: CompiledRules, compileSeconds: Double, inputs: [URL], options: Scanner.Options = .init()
    ) throws -> RuleBenchmarkReport {
        let engine = rules.engine
        let scratch = engine.makeScratch()
        scratch.matcherScratch.collectsStatistics = true
        scratch.excludeScratch.collectsStatistics = true
        let extractor = AttachmentExtractor(limits: options.extraction)
        var findingsByRule: [String: Int] = [:]
        var totals = RuleBenchmarkReport.Totals()
        totals.compileMilliseconds = compileSeconds * 1000
        totals.plansCached = rules.plansCached
        totals.plansAnalysed = rules.plansAnalysed
        let started = DispatchTime.now().uptimeNanoseconds
        var workNanoseconds: UInt64 = 0
        try SourceReader.read(inputs, scope: options.scope, options: options.read) { event in
            guard let work = ScanWork(event, skip: nil) else { return }
            let before = DispatchTime.now().uptimeNanoseconds
            let result = work.run(engine: engine, extractor: extractor, options: options, scratch: scratch)
            workNanoseconds += DispatchTime.now().uptimeNanoseconds - before
            if !result.isDiagnosticOnly { totals.items += 1 }
            totals.diagnostics += result.diagnostics.count
            for finding in result.findings { findingsByRule[finding.ruleName, default: 0] += 1 }
        }
        let matcher = scratch.matcherScratch
        let wall = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        totals.bytes = matcher.bytesScanned
        totals.seconds = wall
        // Exclude rules run in a second pass with a scratch of their own; statistics line up with
        // `engine.compiledRules` (the rule set's rules, then the exclusions).
        let excludes = scratch.excludeScratch
        let statistics = matcher.statistics + excludes.statistics
        let prefilterNanoseconds = matcher.prefilterNanoseconds + excludes.prefilterNanoseconds
        totals.prefilterSeconds = Double(prefilterNanoseconds) / 1e9
        let confirmationNanoseconds = statistics.reduce(0) { $0 + $1.nanoseconds }
        totals.confirmationSeconds = Double(confirmationNanoseconds) / 1e9
        totals.workSeconds = Double(workNanoseconds) / 1e9
        totals.readSeconds = max(0, wall - totals.workSeconds)
        let matcherSeconds = totals.prefilterSeconds + totals.confirmationSeconds
        totals.matcherMegabytesPerSecond = matcherSeconds > 0 ? Double(totals.bytes) / 1e6 / matcherSeconds : 0
        totals.megabytesPerSecond = wall > 0 ? Double(totals.bytes) / 1e6 / wall : 0
        totals.findings = findingsByRule.values.reduce(0, +)
        totals.literals = engine.ruleSet.literalCount + engine.excludeSet.literalCount
        totals.prefilterBytes = engine.ruleSet.memoryFootprint + engine.excludeSet.memoryFootprint
        totals.peakResidentMiB = ProcessMemory.peakResidentMiB()
        totals.patterns = engine.patterns.count
        totals.regexes = engine.compiledRules.count

        let matcherTotal = max(1, prefilterNanoseconds + confirmationNanoseconds)
        var byPattern: [String: RuleBenchmarkReport.Rule] = [:]
        var order: [String] = []
        for (index, rule) in engine.compiledRules.enumerated() {
            let name = rule.spec.name
            let id = String(name.prefix { $0 != "#" && $0 != "/" })
            let stats = statistics[index]
            if byPattern[id] == nil {
                order.append(id)
                byPattern[id] = RuleBenchmarkReport.Rule(id: id)
            }
            byPattern[id]!.add(rule: rule, statistics: stats, isExclude: name.contains("/exclude"))
        }
        var rules: [RuleBenchmarkReport.Rule] = order.map { id in
            var rule = byPattern[id]!
            rule.findings = findingsByRule[id] ?? 0
            rule.shareOfMatcherTime = Double(rule.nanoseconds) / Double(matcherTotal)
            return rule
        }
        for object in engine.objects {
            var rule = RuleBenchmarkReport.Rule(id: object.id)
            rule.strategy = "object"
            rule.findings = findingsByRule[object.id] ?? 0
            rules.append(rule)
        }
        rules.sort { ($0.nanoseconds, $0.candidates, $0.id) > ($1.nanoseconds, $1.candidates, $1.id) }
        return RuleBenchmarkReport(totals: totals, rules: rules)
    }
}
