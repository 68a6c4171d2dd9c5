import CPCRE2
import Synchronization

/// A compiled PCRE2 pattern (`pcre2_code`), JIT-compiled once and read-only afterwards.
///
/// Compiled with `PCRE2_UTF | PCRE2_MATCH_INVALID_UTF` (invalid UTF-8 in a text can neither crash a
/// match nor hide one), `PCRE2_USE_OFFSET_LIMIT` (so a search can be told where a match may start at
/// the latest) and `PCRE2_NEVER_BACKSLASH_C` (`\C` could split a character).
///
/// JIT compilation can wait for the first match (`lazyJIT`): most rules of a large set never
/// confirm anything in a given tree, and compiling them all cost about 8 ms per process for 300
/// rules. A scratch asks ``prepareForMatching()`` before it first matches with the pattern.
final class PCRE2Pattern: @unchecked Sendable {
    // SAFETY: `code` is created in `init` and JIT-compiled either there, before the object is shared,
    // or in `prepareForMatching()` under `jit`'s lock, before any thread matches with it (every
    // thread calls `prepareForMatching()` first, and waits on the lock while another compiles);
    // after that it is never modified. PCRE2 documents compiled patterns as safe to use from many
    // threads at once. All mutable matching state lives in `PCRE2Scratch`, one per thread.
    let code: OpaquePointer
    /// Number of capture groups (not counting group 0).
    let captureCount: Int
    /// Whether the pattern is to be JIT-compiled at all.
    private let wantsJIT: Bool
    /// Whether JIT compilation succeeded (it can fail for very large patterns; matching then uses
    /// the interpreter, which is correct but slower); `nil` until it was tried.
    private let jit: Mutex<Bool?>

    /// Compiles `spec`; with `jit` (the default) also JIT-compiles it, now or, with `lazyJIT`, in the
    /// first ``prepareForMatching()``. Without JIT the pattern is still complete and correct (PCRE2's
    /// interpreter runs it): validation needs no more.
    init(_ spec: RuleSpec, jit: Bool = true, lazyJIT: Bool = false) throws(MatcherError) {
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
        wantsJIT = jit
        self.jit = Mutex(jit && !lazyJIT ? pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0 : nil)
        var count: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        captureCount = Int(count)
    }

    deinit { pcre2_code_free_8(code) }

    /// JIT-compiles the pattern if that has not been tried yet, and returns whether matches run its
    /// JIT code. A thread must call this before it first matches with the pattern.
    func prepareForMatching() -> Bool {
        jit.withLock { compiled in
            if let compiled { return compiled }
            let done = wantsJIT && pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0
            compiled = done
            return done
        }
    }

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
