/// The tables a scan reads for every prefilter hit and every confirmation, as plain memory that
/// ``CompiledRuleSet/Storage`` allocates once and frees when it goes.
///
/// The scan's per-hit closure used to capture eight of the storage's arrays: every scan retained
/// and released each of them (and the closure's context), every hit paid a bounds check per array,
/// and reading a ``NeighbourCheck/Test`` (about 300 bytes) out of its array copied it. Here one
/// entry per (literal, rule) pair holds what the three parallel arrays held, and the closure
/// captures only pointers.
struct ScanTables: @unchecked Sendable {
    // SAFETY (`@unchecked Sendable`): every pointer is allocated and initialized once while the
    // storage is built, only read afterwards, and freed by the storage's `deinit` (`free()`), after
    // the last scan: a scratch holds its storage.

    /// What a hit of one literal costs to look up: its length and the range of its entries.
    struct Span {
        /// `entries[first ..< end]` are the rules that want the literal.
        let first: Int32
        let end: Int32
        /// The literal's length in bytes.
        let length: Int32
    }

    /// One rule that wants one literal.
    struct Entry {
        /// The rule.
        let rule: Int32
        /// The index in ``tests`` of the test its hits must pass (``NeighbourCheck``), or -1.
        let test: Int32
        /// Whether the rule wants the literal only where it occurs as a whole word
        /// (``RuleSpec/keywordsWholeWord``).
        let wholeWord: Bool
        /// Whether a hit must have a start that the rule's start check admits
        /// (``CompiledRuleSet/Options/prefilterStartChecks``).
        let startChecked: Bool
    }

    /// Indexed by the automaton's literal ids.
    let spans: UnsafeMutablePointer<Span>
    /// Each literal's entries, literal after literal.
    let entries: UnsafeMutablePointer<Entry>
    let tests: UnsafeMutablePointer<NeighbourCheck.Test>
    /// The byte sets of the tests' extensions, back to back.
    let extensions: UnsafeMutableBufferPointer<NeighbourCheck.Bytes>
    /// The literals of the tests' preceding requirements, back to back.
    let precedingLiterals: UnsafeMutableBufferPointer<Literal>
    /// Indexed by rule.
    let hot: UnsafeMutablePointer<HotRule>

    /// Copies the tables; `entries` are grouped by literal, and `spans[id]` names its group.
    init(spans: [Span], entries: [Entry], tests: [NeighbourCheck.Test], extensions: [NeighbourCheck.Bytes],
         precedingLiterals: [Literal], hot: [HotRule]) {
        self.spans = Self.copy(spans)
        self.entries = Self.copy(entries)
        self.tests = Self.copy(tests)
        self.extensions = UnsafeMutableBufferPointer(start: Self.copy(extensions), count: extensions.count)
        self.precedingLiterals = UnsafeMutableBufferPointer(start: Self.copy(precedingLiterals),
                                                            count: precedingLiterals.count)
        self.hot = Self.copy(hot)
    }

    /// Frees the tables; none may be read afterwards.
    func free() {
        spans.deallocate()
        entries.deallocate()
        tests.deallocate()
        extensions.deallocate()
        // SAFETY: the literals were initialized by `copy` and are read by no scan any more.
        _ = precedingLiterals.baseAddress!.deinitialize(count: precedingLiterals.count)
        precedingLiterals.deallocate()
        hot.deallocate()
    }

    /// A new allocation holding `values` (at least one element's room, so that it is never empty).
    private static func copy<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(values.count, 1))
        // SAFETY: the allocation has room for `values.count` elements.
        if !values.isEmpty {
            values.withUnsafeBufferPointer { pointer.initialize(from: $0.baseAddress!, count: values.count) }
        }
        return pointer
    }
}
