/// The mutable state of scans made by one worker with one ``CompiledRuleSet``: PCRE2 match data,
/// match context and JIT stack, the candidate buffer, rules switched off at a limit, statistics.
///
/// Create one per thread with ``CompiledRuleSet/makeScratch()`` and reuse it for every text that
/// thread scans; never use one scratch from two threads at once (it is deliberately not `Sendable`).
public final class Scratch {
    let storage: CompiledRuleSet.Storage
    let pcre: PCRE2Scratch
    /// Candidates of the current scan, packed for a fast sort: `rule << 44 | end << 8 | length`
    /// (rules below 2^20, offsets below 2^36, literals of at most 255 bytes).
    var candidates: [UInt64] = []
    /// The prefilter's hit buffer.
    var hits: [UInt64] = []
    /// Scratch space for ordering candidates (``CandidateGrouping``).
    var ruleCounts: [Int] = []
    var sortRules: [Int] = []
    var sortBuffer: [UInt64] = []
    /// Offsets of the digits, and of the capitals and digits, of the current text, for rules with
    /// a character gate (computed when one needs them).
    var digitPositions: [Int] = []
    /// The positions of one keyword rule's gated characters (``CompiledRuleSet/Options/keywordCharacterGates``).
    var keywordPositions: [Int] = []
    var uppercaseOrDigitPositions: [Int] = []
    /// The runs of one class's bytes in the current text, as `start, end` pairs, for rules with a
    /// run gate.
    var runs: [Int] = []
    /// One bitmap word per 64 bytes of the current text, for finding those positions and runs.
    var characterBlocks: [UInt64] = []
    /// The same for the bytes that can start a run-gated rule's match.
    var firstBlocks: [UInt64] = []
    /// Where runs long enough start, one word per 64 bytes (``CharacterRuns``).
    var runFlags: [UInt64] = []
    /// The starts a ``SequenceGate`` passes in one chunk of the current text, relative to the chunk.
    var gateStarts: [UInt32] = []
    /// Rules switched off after reaching a PCRE2 limit.
    public private(set) var disabledRules: Set<Int> = []
    /// For each rule: whether it is switched off (``disabledRules``). Plain memory, so that a scan
    /// reads it without retaining an array, and writes to it (``disable(_:)``) need no copy.
    let disabled: UnsafeMutablePointer<Bool>
    /// For each rule: whether the current scan passes it over (switched off, or not selected), for
    /// scans that select rules.
    let passedOver: UnsafeMutablePointer<Bool>
    let ruleCount: Int
    /// For each rule: 0 until this scratch first matches with its pattern
    /// (``PCRE2Pattern/prepareForMatching()``), then 1 when matches run JIT code, 2 when they run
    /// PCRE2's interpreter.
    let matchModes: UnsafeMutablePointer<UInt8>
    /// Whether scans collect per-rule statistics (``statistics``); costs two clock reads per PCRE2 call.
    public var collectsStatistics = false
    /// Per-rule statistics accumulated over all scans with this scratch, indexed like the rules.
    public internal(set) var statistics: [RuleStatistics]
    /// Nanoseconds spent in the prefilter, accumulated (with ``collectsStatistics``).
    public internal(set) var prefilterNanoseconds: UInt64 = 0
    /// Bytes scanned, accumulated.
    public internal(set) var bytesScanned = 0
    var inUse = false

    /// A candidate's fields.
    @inline(__always)
    static func unpack(_ key: UInt64) -> (rule: Int, end: Int, length: Int) {
        (Int(key >> 44), Int((key >> 8) & 0xF_FFFF_FFFF), Int(key & 0xFF))
    }

    init(_ set: CompiledRuleSet) {
        storage = set.storage
        pcre = PCRE2Scratch(maxCaptureCount: set.storage.maxCaptureCount, limits: set.storage.options.limits)
        ruleCount = set.storage.rules.count
        // SAFETY: the three buffers are initialized here for `ruleCount` rules, indexed by rule only, and
        // freed in `deinit`.
        disabled = .allocate(capacity: max(ruleCount, 1))
        disabled.initialize(repeating: false, count: ruleCount)
        passedOver = .allocate(capacity: max(ruleCount, 1))
        passedOver.initialize(repeating: false, count: ruleCount)
        matchModes = .allocate(capacity: max(ruleCount, 1))
        matchModes.initialize(repeating: 0, count: ruleCount)
        statistics = Array(repeating: RuleStatistics(), count: set.storage.rules.count)
        candidates.reserveCapacity(1024)
    }

    deinit {
        disabled.deallocate()
        passedOver.deallocate()
        matchModes.deallocate()
    }

    /// Switches `rule` off for the remaining scans with this scratch.
    func disable(_ rule: Int) {
        // SAFETY: `rule` is a rule index (below `ruleCount`).
        disabled[rule] = true
        disabledRules.insert(rule)
    }

    /// Forgets disabled rules and statistics.
    public func reset() {
        // SAFETY: the buffer holds `ruleCount` entries.
        disabled.update(repeating: false, count: ruleCount)
        disabledRules = []
        statistics = Array(repeating: RuleStatistics(), count: statistics.count)
        prefilterNanoseconds = 0
        bytesScanned = 0
    }
}

@available(*, unavailable)
extension Scratch: Sendable {}
