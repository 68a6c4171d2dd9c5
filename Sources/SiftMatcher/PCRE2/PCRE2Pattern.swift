import CPCRE2

/// A compiled PCRE2 pattern (`pcre2_code`), JIT-compiled once and read-only afterwards.
///
/// Compiled with `PCRE2_UTF | PCRE2_MATCH_INVALID_UTF` (invalid UTF-8 in a text can neither crash a
/// match nor hide one), `PCRE2_USE_OFFSET_LIMIT` (so a search can be told where a match may start at
/// the latest) and `PCRE2_NEVER_BACKSLASH_C` (`\C` could split a character).
final class PCRE2Pattern: @unchecked Sendable {
    // SAFETY: `code` is created and JIT-compiled in `init`, before the object is shared, and never
    // modified afterwards; PCRE2 documents compiled patterns as safe to use from many threads at once.
    // All mutable matching state lives in `PCRE2Scratch`, one per thread.
    let code: OpaquePointer
    /// Number of capture groups (not counting group 0).
    let captureCount: Int
    /// Whether JIT compilation succeeded (it can fail for very large patterns; matching then uses
    /// the interpreter, which is correct but slower).
    let isJITCompiled: Bool

    /// Compiles `spec`; with `jit` (the default) also JIT-compiles it. Without JIT the pattern is
    /// still complete and correct (PCRE2's interpreter runs it): validation needs no more.
    init(_ spec: RuleSpec, jit: Bool = true) throws(MatcherError) {
        var options = UInt32(PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_USE_OFFSET_LIMIT | PCRE2_NEVER_BACKSLASH_C)
        if spec.caseless { options |= UInt32(PCRE2_CASELESS) }
        if spec.dotAll { options |= UInt32(PCRE2_DOTALL) }
        if spec.multiline { options |= UInt32(PCRE2_MULTILINE) }
        if spec.extended { options |= UInt32(PCRE2_EXTENDED) }
        var errorCode: Int32 = 0
        var errorOffset = 0
        let bytes = Array(spec.pattern.utf8)
        let compiled = bytes.withUnsafeBufferPointer { buffer in
            pcre2_compile_8(buffer.baseAddress, buffer.count, options, &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            throw MatcherError(code: "regex-invalid", message: PCRE2Pattern.message(for: errorCode),
                               rule: spec.name, patternOffset: errorOffset)
        }
        code = compiled
        isJITCompiled = jit && pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
        var count: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        captureCount = Int(count)
    }

    deinit { pcre2_code_free_8(code) }

    /// The longest lookbehind in characters, as PCRE2 computed it.
    var maxLookbehind: Int {
        var value: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_MAXLOOKBEHIND), &value)
        return Int(value)
    }

    /// PCRE2's message for an error code.
    static func message(for errorCode: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = buffer.withUnsafeMutableBufferPointer { pcre2_get_error_message_8(errorCode, $0.baseAddress, 256) }
        guard length > 0 else { return "PCRE2 error \(errorCode)" }
        return String(decoding: buffer.prefix(Int(length)), as: UTF8.self)
    }
}
