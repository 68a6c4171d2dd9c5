import SiftMatcher
import FuzzSupport

/// Rules' regexes come from pack files. Two properties, for any pattern PCRE2 accepts:
///
/// 1. The literal extractor's contract: when a rule's plan is windowed or gated, every match PCRE2
///    finds contains at least one of the plan's literals (else the rule is unfiltered).
/// 2. The engine's contract: the prefiltered scan reports exactly what PCRE2's global iteration
///    over the whole text reports (the naive set, `everyRuleIsCandidate`), unless a PCRE2 limit
///    was reached in either; also with every start check, run gate and sequence gate the rule can
///    have (`everyStartCheck`, `everyRunGate`, `everySequenceGate`), so that their derivations meet
///    every pattern.
///
/// Input: byte 0 holds the compile options (caseless, dotAll, multiline, extended); the rest, up
/// to the first NUL, is the pattern; what follows the NUL is one more subject text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let flags = data[0]
    let rest = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let split = rest.firstIndex(of: 0) ?? rest.count
    let pattern = String(decoding: rest[..<split], as: UTF8.self)
    let extra = split < rest.count ? Array(rest[(split + 1)...]) : []
    let spec = RuleSpec(name: "FUZZ", pattern: pattern, caseless: flags & 1 != 0, dotAll: flags & 2 != 0,
                        multiline: flags & 4 != 0, extended: flags & 8 != 0)
    // Small limits: the property is about what is found, and catastrophic patterns must end fast.
    let limits = MatchLimits(matchLimit: 20_000, depthLimit: 2_000, heapLimitKibibytes: 4_096, jitStackBytes: 256 << 10)
    guard let engine = try? CompiledRuleSet([spec], options: .init(limits: limits, disableRulesAtLimit: false)),
        let naive = try? CompiledRuleSet([spec], options: .init(limits: limits, disableRulesAtLimit: false, everyRuleIsCandidate: true))
    else { return 0 }
    var checkedOptions = CompiledRuleSet.Options(limits: limits, disableRulesAtLimit: false)
    checkedOptions.everyStartCheck = true
    checkedOptions.everyRunGate = true
    checkedOptions.everySequenceGate = true
    guard let checked = try? CompiledRuleSet([spec], options: checkedOptions) else { return 0 }
    let checkedScratch = checked.makeScratch()
    let plan = engine.rules[0].plan
    let engineScratch = engine.makeScratch(), naiveScratch = naive.makeScratch()
    for text in subjects(pattern: pattern, literals: plan.literals, extra: extra) {
        var found: [RawMatch] = []
        let naiveLimits = naive.scan(text, using: naiveScratch) { found.append($0) }
        if plan.strategy != .unfiltered {
            for match in found {
                let slice = Array(text[match.range])
                precondition(plan.literals.contains { contains(slice, $0) },
                             "match \(match.range) of \(pattern.debugDescription) in \(text) contains none of \(plan.literals)")
            }
        }
        var reported: [RawMatch] = []
        let engineLimits = engine.scan(text, using: engineScratch) { reported.append($0) }
        if naiveLimits.isEmpty, engineLimits.isEmpty {
            precondition(reported == found, """
                engine and PCRE2 differ for \(pattern.debugDescription) (\(plan.strategy)) on \(text): \
                engine \(reported.map(\.range)), PCRE2 \(found.map(\.range))
                """)
        }
        var checkedReported: [RawMatch] = []
        let checkedLimits = checked.scan(text, using: checkedScratch) { checkedReported.append($0) }
        if naiveLimits.isEmpty, checkedLimits.isEmpty {
            precondition(checkedReported == found, """
                engine with every start check, run gate and sequence gate and PCRE2 differ for \(pattern.debugDescription) on \(text): \
                engine \(checkedReported.map(\.range)), PCRE2 \(found.map(\.range))
                """)
        }
    }
    return 0
}

/// Subjects made of the pattern's own pieces: the pattern text, its literals in context, the
/// extra bytes of the input, and a few fixed texts.
private func subjects(pattern: String, literals: [Literal], extra: [UInt8]) -> [[UInt8]] {
    let raw = Array(pattern.utf8)
    let unescaped = raw.filter { !"\\()[]{}?*+|^$.".utf8.contains($0) }
    var out: [[UInt8]] = [raw, unescaped, unescaped + unescaped, Array("x \(pattern) y\n".utf8), extra,
                          Array("AKIAIOSFODNN7EXAMPLE aaaa\nabc123 \u{212A}\u{017F}é\n".utf8)]
    var mixed: [UInt8] = []
    for (i, literal) in literals.prefix(8).enumerated() {
        mixed += literal.bytes + unescaped.prefix(i * 3) + [0x20] + literal.bytes.map { $0 ^ (i % 2 == 0 ? 0x20 : 0) }
    }
    out.append(mixed)
    out.append(extra + mixed + extra)
    return out
}

/// Whether `text` contains `literal` (ASCII-case-insensitively when the literal is caseless).
private func contains(_ text: [UInt8], _ literal: Literal) -> Bool {
    let needle = literal.bytes
    guard !needle.isEmpty else { return true }
    guard text.count >= needle.count else { return false }
    func fold(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }
    for start in 0...(text.count - needle.count) {
        var ok = true
        for i in 0..<needle.count {
            let a = literal.caseless ? fold(text[start + i]) : text[start + i]
            if a != needle[i] { ok = false; break }
        }
        if ok { return true }
    }
    return false
}

/// The entry point SwiftPM names for this executable (see FuzzSupport).
@_cdecl("fuzz_regex_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in
        guard let data else { return 0 }
        return fuzz(data, size)
    }
}
