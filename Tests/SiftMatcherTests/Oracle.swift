import CPCRE2
import SiftMatcher

/// The brute-force reference: every rule's regex run over the whole text with PCRE2's global
/// iteration (as pcre2demo.c does it), written independently of the engine's code.
struct Oracle {
    private let codes: [OpaquePointer]

    init(_ specs: [RuleSpec]) {
        codes = specs.map { spec in
            let code = Self.compile(spec)
            pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE))
            return code
        }
    }

    /// `spec`'s regex compiled with the options the engine uses (no JIT), independently of the
    /// engine's code; the start-check tests match it anchored.
    static func compile(_ spec: RuleSpec) -> OpaquePointer {
        var options = UInt32(PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_NEVER_BACKSLASH_C)
        if spec.caseless { options |= UInt32(PCRE2_CASELESS) }
        if spec.dotAll { options |= UInt32(PCRE2_DOTALL) }
        if spec.multiline { options |= UInt32(PCRE2_MULTILINE) }
        if spec.extended { options |= UInt32(PCRE2_EXTENDED) }
        var error: Int32 = 0
        var offset = 0
        let bytes = Array(spec.pattern.utf8)
        let code = bytes.withUnsafeBufferPointer {
            pcre2_compile_8($0.baseAddress, $0.count, options, &error, &offset, nil)
        }
        precondition(code != nil, "oracle cannot compile \(spec.pattern)")
        return code!
    }

    /// Every match of every rule, rules in order, each rule's matches in order.
    func matches(in text: [UInt8]) -> [RawMatch] {
        var out: [RawMatch] = []
        let data = pcre2_match_data_create_8(64, nil)!
        defer { pcre2_match_data_free_8(data) }
        text.withUnsafeBufferPointer { buffer in
            let subject = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
            for (rule, code) in codes.enumerated() {
                var start = 0
                var options: UInt32 = 0
                while start <= text.count {
                    let rc = pcre2_match_8(code, subject, text.count, start, options, data, nil)
                    if rc == PCRE2_ERROR_NOMATCH {
                        if options == 0 { break }
                        start += 1
                        while start < text.count, text[start] & 0xC0 == 0x80 { start += 1 }
                        options = 0
                        continue
                    }
                    precondition(rc > 0, "oracle match error \(rc)")
                    let ov = pcre2_get_ovector_pointer_8(data)!
                    var captures: [Range<Int>?] = []
                    for g in 1..<Int(rc) {
                        captures.append(ov[2 * g] == cpcre2_unset() ? nil : ov[2 * g]..<ov[2 * g + 1])
                    }
                    var groups: UInt32 = 0
                    pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_CAPTURECOUNT), &groups)
                    while captures.count < Int(groups) { captures.append(nil) }
                    out.append(RawMatch(rule: rule, range: ov[0]..<ov[1], captures: captures))
                    if ov[0] == ov[1] {
                        if ov[1] == text.count { break }
                        options = UInt32(PCRE2_NOTEMPTY_ATSTART)
                    } else {
                        options = 0
                    }
                    start = ov[1]
                }
            }
        }
        return out
    }
}

extension CompiledRuleSet {
    /// All matches in `text`, from a new scratch, ordered as the oracle lists them (by rule, then
    /// by start).
    func matchesByRule(in text: [UInt8]) -> [RawMatch] {
        matches(in: text, using: makeScratch())
            .sorted { ($0.rule, $0.range.lowerBound) < ($1.rule, $1.range.lowerBound) }
    }
}
