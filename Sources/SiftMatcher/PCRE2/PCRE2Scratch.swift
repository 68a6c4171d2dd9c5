import CPCRE2

/// Per-thread PCRE2 state: match data sized for the largest pattern, a match context with the
/// limits, and a JIT stack ("each thread must use its own JIT stack", pcre2_jit_stack_assign(3)).
final class PCRE2Scratch {
    let matchData: OpaquePointer
    let context: OpaquePointer
    let jitStack: OpaquePointer?
    let ovector: UnsafeMutablePointer<Int>
    private var offsetLimitSet = false

    init(maxCaptureCount: Int, limits: MatchLimits) {
        matchData = pcre2_match_data_create_8(UInt32(maxCaptureCount + 1), nil)!
        context = pcre2_match_context_create_8(nil)!
        jitStack = pcre2_jit_stack_create_8(32 * 1024, limits.jitStackBytes, nil)
        pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack))
        pcre2_set_match_limit_8(context, limits.matchLimit)
        pcre2_set_depth_limit_8(context, limits.depthLimit)
        pcre2_set_heap_limit_8(context, limits.heapLimitKibibytes)
        ovector = pcre2_get_ovector_pointer_8(matchData)
    }

    deinit {
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
        pcre2_match_context_free_8(context)
        pcre2_match_data_free_8(matchData)
    }

    /// Runs `pattern` over `subject` from `start`; a match may begin at `latestStart` at the latest
    /// (`nil`: anywhere). Returns PCRE2's result code: > 0 matched (ovector holds offsets relative to
    /// `subject`), `PCRE2_ERROR_NOMATCH`, or another negative error (limits).
    @inline(__always)
    func match(
        _ pattern: PCRE2Pattern, _ subject: UnsafeRawBufferPointer, start: Int, latestStart: Int?, options: UInt32 = 0
    ) -> Int32 {
        match(pattern.code, jit: pattern.prepareForMatching(), subject, start: start, latestStart: latestStart,
              options: options)
    }

    /// ``match(_:_:start:latestStart:options:)`` with the compiled pattern's code and whether it
    /// was JIT-compiled, for callers that keep those without the pattern object (no retain).
    @inline(__always)
    func match(
        _ code: OpaquePointer, jit: Bool, _ subject: UnsafeRawBufferPointer, start: Int, latestStart: Int?,
        options: UInt32 = 0
    ) -> Int32 {
        if let latestStart {
            pcre2_set_offset_limit_8(context, latestStart)
            offsetLimitSet = true
        } else if offsetLimitSet {
            pcre2_set_offset_limit_8(context, cpcre2_unset())
            offsetLimitSet = false
        }
        // SAFETY: `subject` is a valid buffer for the duration of the call; PCRE2 reads
        // `subject.count` bytes from its base address and writes only into `matchData`.
        let base = subject.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)
        if jit {
            // The JIT fast path skips checks that cannot fail here: the pattern is JIT-compiled,
            // the options are valid, and with PCRE2_MATCH_INVALID_UTF no UTF check is done anyway.
            return pcre2_jit_match_8(code, base, subject.count, start, options, matchData, context)
        }
        return pcre2_match_8(code, base, subject.count, start, options, matchData, context)
    }
}
