import CPCRE2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CompiledRuleSet {
    /// Scans `text` and calls `onMatch` for every match of every rule: all non-overlapping matches
    /// of each rule, as PCRE2's global iteration over the whole text finds them. Matches of one rule
    /// come in ascending order; rules are not interleaved.
    ///
    /// Returns the rules that reached a PCRE2 limit in this text (usually none): their remaining
    /// matches in this text are not reported.
    @discardableResult
    public func scan(
        _ text: UnsafeRawBufferPointer, using scratch: Scratch, _ onMatch: (RawMatch) -> Void
    ) -> [RuleLimitEvent] {
        precondition(scratch.storage === storage, "a scratch belongs to the rule set that made it")
        precondition(!scratch.inUse, "a scratch is used by one scan at a time")
        scratch.inUse = true
        defer { scratch.inUse = false }
        return scratch.run(text, onMatch)
    }

    /// Scans `text` for the rules whose entry in `selected` is `true` only (indexed like
    /// ``rules``); the others are passed over in this scan. For rules that are needed only where
    /// others matched (a pattern's exclusions): their matches are exactly those a full scan reports.
    @discardableResult
    public func scan(
        _ text: UnsafeRawBufferPointer, using scratch: Scratch, selecting selected: [Bool], _ onMatch: (RawMatch) -> Void
    ) -> [RuleLimitEvent] {
        precondition(scratch.storage === storage, "a scratch belongs to the rule set that made it")
        precondition(selected.count == storage.rules.count, "one entry per rule")
        precondition(!scratch.inUse, "a scratch is used by one scan at a time")
        scratch.inUse = true
        defer { scratch.inUse = false }
        return scratch.run(text, selecting: selected, onMatch)
    }

    /// Scans an array of bytes; see ``scan(_:using:_:)``.
    @discardableResult
    public func scan(_ bytes: [UInt8], using scratch: Scratch, _ onMatch: (RawMatch) -> Void) -> [RuleLimitEvent] {
        bytes.withUnsafeBytes { scan($0, using: scratch, onMatch) }
    }

    /// All matches in `bytes`, in the order ``scan(_:using:_:)`` reports them.
    public func matches(in bytes: [UInt8], using scratch: Scratch) -> [RawMatch] {
        var out: [RawMatch] = []
        scan(bytes, using: scratch) { out.append($0) }
        return out
    }
}

extension Scratch {
    /// One scan: the prefilter pass, then each rule's confirmation.
    func run(_ text: UnsafeRawBufferPointer, selecting selected: [Bool]? = nil, _ onMatch: (RawMatch) -> Void)
        -> [RuleLimitEvent]
    {
        var events: [RuleLimitEvent] = []
        bytesScanned += text.count
        let tables = storage.tables
        let hot = tables.hot

        // Rules switched off at a limit, and this scan's unselected ones. (A rule switched off during
        // this scan has been confirmed already: each rule is confirmed in one step.)
        var disabled = UnsafePointer(self.disabled)
        if let selected {
            // SAFETY: `selected` has one entry per rule (checked by `scan`), and both buffers `ruleCount`.
            for rule in 0..<ruleCount { passedOver[rule] = self.disabled[rule] || !selected[rule] }
            disabled = UnsafePointer(passedOver)
        }

        // 1. Prefilter: every occurrence of every literal, as packed (rule, end, length) keys. Local
        //    copies keep the hot closure free of class-property accesses (and their exclusivity checks),
        //    and it captures only pointers (no retains).
        var found = candidates
        candidates = []
        found.removeAll(keepingCapacity: true)
        var hitBuffer = hits
        hits = []
        let spans = tables.spans
        let entries = tables.entries
        let tests = tables.tests
        let extensions = UnsafeBufferPointer(tables.extensions)
        let precedingLiterals = UnsafeBufferPointer(tables.precedingLiterals)
        let prefilterStart = collectsStatistics ? Self.now() : 0
        // SAFETY: the tables live as long as the storage (which this scratch holds); `id` is one of
        // the automaton's literals, so `spans[id]` exists and names entries that exist, whose rules
        // and tests index `disabled`, `hot` and `tests`. `admits` reads `extensions` and
        // `precedingLiterals` inside ranges the storage built from those same tables, and the text only
        // after checking each index against its count.
        storage.automaton.scan(text, hits: &hitBuffer) { id, end in
            let span = spans[id]
            let length = Int(span.length)
            let start = end - length
            // Lengths above 255 (whole keywords, which are never cut) only occur for gated rules,
            // which ignore them: clamp so they cannot spill into the end offset.
            let tail = UInt64(end) << 8 | UInt64(min(length, 255))
            var k = Int(span.first)
            let last = Int(span.end)
            while k < last {
                let entry = entries[k]
                k += 1
                let rule = Int(entry.rule)
                if disabled[rule] { continue }
                if entry.wholeWord, !WordBoundary.isWholeWord(start..<end, in: text) { continue }
                if entry.test >= 0, !NeighbourCheck.Test.admits(
                    tests + Int(entry.test), text, start: start, end: end, extensions: extensions,
                    literals: precedingLiterals)
                {
                    continue
                }
                if entry.startChecked,
                    hot[rule].firstStart(from: max(0, end - hot[rule].reach), through: start, in: text) == nil
                {
                    continue
                }
                found.append(UInt64(rule) << 44 | tail)
            }
        }
        if collectsStatistics { prefilterNanoseconds += Self.now() - prefilterStart }
        hits = hitBuffer

        // 2. Rules with candidates, grouped by rule, ascending ends (the order a match may start in).
        if !found.isEmpty {
            CandidateGrouping.sort(&found, ruleCount: ruleCount, counts: &ruleCounts, rules: &sortRules,
                                   buffer: &sortBuffer)
            var lower = 0
            while lower < found.count {
                let rule = Self.unpack(found[lower]).rule
                var upper = lower + 1
                while upper < found.count, Self.unpack(found[upper]).rule == rule { upper += 1 }
                if collectsStatistics { statistics[rule].candidates += upper - lower }
                let event: RuleLimitEvent?
                // SAFETY: `rule` comes from a candidate key, made from a rule index.
                if hot[rule].windowed {
                    event = confirmWindows(rule, candidates: found[lower..<upper], text, onMatch)
                } else if let gate = hot[rule].keywordRunGate {
                    // From the runs of the rule's characters long enough to hold a match.
                    CharacterRuns.find(gate.bytes, first: gate.first, in: text, minimum: gate.minimum,
                                       blocks: &characterBlocks, firstBlocks: &firstBlocks, flags: &runFlags, into: &runs)
                    event = confirmRuns(rule, runs: runs, text, onMatch)
                } else if hot[rule].keywordCharacterGated {
                    // Where the rule's own characters occur close enough together (found for it
                    // alone: `positions` may leave out those too far apart for its gate).
                    let gate = hot[rule].characterGate!
                    CharacterPositions.find(gate.characters, in: text, minimum: gate.minimum, span: hot[rule].maxLength,
                                            blocks: &characterBlocks, into: &keywordPositions)
                    event = confirmCharacterRuns(rule, positions: keywordPositions, text, onMatch)
                } else {
                    event = iterate(rule, text, onMatch)
                }
                if let event { events.append(event) }
                lower = upper
            }
        }
        candidates = found

        // 3. Rules that run from long enough runs of their characters, then rules that run where
        //    enough of some characters occur close together. A text shorter than a gate's fewest
        //    bytes holds none of its places: such gates are passed over without a look at the text.
        for gate in storage.runGates where text.count >= gate.minimum && gate.rules.contains(where: { !disabled[$0] }) {
            CharacterRuns.find(gate.bytes, first: gate.first, in: text, minimum: gate.minimum, blocks: &characterBlocks,
                               firstBlocks: &firstBlocks, flags: &runFlags, into: &runs)
            let found = runs
            for rule in gate.rules where !disabled[rule] {
                if let event = confirmRuns(rule, runs: found, text, onMatch) { events.append(event) }
            }
        }
        // Rules that run where enough of some characters occur close together.
        var located = (digits: false, uppercaseOrDigits: false)
        for rule in storage.characterGated where !disabled[rule] {
            // SAFETY: `rule` is a rule index.
            let gate = hot[rule].characterGate!
            if text.count < gate.minimum { continue }
            let characters = gate.characters
            if characters == .digits, !located.digits {
                let gate = storage.digitGate
                CharacterPositions.find(characters, in: text, minimum: gate.minimum, span: gate.span,
                                        blocks: &characterBlocks, into: &digitPositions)
                located.digits = true
            } else if characters == .uppercaseOrDigits, !located.uppercaseOrDigits {
                let gate = storage.uppercaseOrDigitGate
                CharacterPositions.find(characters, in: text, minimum: gate.minimum, span: gate.span,
                                        blocks: &characterBlocks, into: &uppercaseOrDigitPositions)
                located.uppercaseOrDigits = true
            }
            let positions = characters == .digits ? digitPositions : uppercaseOrDigitPositions
            if let event = confirmCharacterRuns(rule, positions: positions, text, onMatch) { events.append(event) }
        }

        // 4. Rules that run from the starts of their sequence gates (a text shorter than a gate holds
        //    no match), then rules that run everywhere.
        for (rule, gate) in storage.sequenceGated where !disabled[rule] && text.count >= gate.span {
            if let event = confirmSequenceStarts(rule, gate: gate, text, onMatch) { events.append(event) }
        }
        // SAFETY: `rule` is a rule index.
        for rule in storage.alwaysRun where !disabled[rule] {
            if let event = iterate(rule, text, onMatch) { events.append(event) }
        }
        return events
    }

    /// Confirms a rule in bounded windows around its literal occurrences.
    ///
    /// Every match contains an occurrence `[end - length, end)` that ends at most `reach` bytes after
    /// the match's start (``LiteralPlan/literalReach``, at most the longest match), so it starts in
    /// `[end - reach, end - length]`. Occurrences are taken in ascending `end`, so start ranges are
    /// visited in the order matches can start (`reach` is one number per rule, so the earliest
    /// starts ascend with the ends); ranges that overlap or nearly touch are merged into one search.
    /// For each, PCRE2 searches from the earliest possible start with its
    /// offset limit at the latest, over a subject that reaches `lookbehind` bytes further back and
    /// `lookahead` bytes past the longest possible end: inside that window PCRE2 sees everything it
    /// would see in the whole text, so it finds the same leftmost match. (A match found between two
    /// merged ranges is real too: it contains some occurrence, whose range covers its start.)
    /// `cursor` is the end of the last match (global iteration never reports overlapping matches);
    /// `known` is the first offset not yet proved match-free.
    private func confirmWindows(
        _ rule: Int, candidates: ArraySlice<UInt64>, _ text: UnsafeRawBufferPointer, _ onMatch: (RawMatch) -> Void
    ) -> RuleLimitEvent? {
        // SAFETY: `rule` is a rule index.
        let reach = storage.tables.hot[rule].reach
        var cursor = 0
        var known = 0
        var index = candidates.startIndex
        while index < candidates.endIndex {
            let first = Self.unpack(candidates[index])
            var earliest = first.end - reach
            var latest = first.end - first.length
            index += 1
            // Merge the following ranges while they start before this one ends (plus slack).
            while index < candidates.endIndex {
                let next = Self.unpack(candidates[index])
                guard next.end - reach <= latest + reach else { break }
                earliest = min(earliest, next.end - reach)
                latest = max(latest, next.end - next.length)
                index += 1
            }
            if earliest <= latest,
                let event = searchStarts(rule, earliest...latest, cursor: &cursor, known: &known, text, onMatch)
            {
                return event
            }
        }
        return nil
    }

    /// Confirms a rule with a run gate: a match's bytes are all of the gate's class and it begins
    /// with one of the gate's first bytes, so it lies in one of `runs` (the maximal runs, from their
    /// first such byte, of at least the group's fewest bytes) and starts in `[start, end - minimum]`
    /// of it, where `minimum` is the rule's shortest match.
    private func confirmRuns(
        _ rule: Int, runs: [Int], _ text: UnsafeRawBufferPointer, _ onMatch: (RawMatch) -> Void
    ) -> RuleLimitEvent? {
        // SAFETY: `rule` is a rule index.
        let minimum = storage.tables.hot[rule].runMinimum
        var cursor = 0
        var known = 0
        var ranges = 0
        defer { if collectsStatistics { statistics[rule].candidates += ranges } }
        for k in stride(from: 0, to: runs.count, by: 2) where runs[k + 1] - runs[k] >= minimum {
            ranges += 1
            if let event = searchStarts(rule, runs[k]...(runs[k + 1] - minimum), cursor: &cursor, known: &known, text, onMatch) {
                return event
            }
        }
        return nil
    }

    /// Confirms a rule with a character gate: every match holds `k` of the gate's characters within
    /// its at most `maxLength` bytes, so it starts in `[p[j + k - 1] - maxLength + 1, p[j]]` for the
    /// first `k` of them `p[j] …` inside it. Those ranges ascend with `j`; they are merged and
    /// searched as windows are. `positions` may leave out occurrences that belong to no such run
    /// (``CharacterPositions/find(_:in:minimum:span:blocks:into:)``);
    private func confirmCharacterRuns(
        _ rule: Int, positions: [Int], _ text: UnsafeRawBufferPointer, _ onMatch: (RawMatch) -> Void
    ) -> RuleLimitEvent? {
        // SAFETY: `rule` is a rule index.
        let hot = storage.tables.hot[rule]
        let k = hot.characterGate!.minimum
        let maxLength = hot.maxLength
        guard k >= 1, positions.count >= k else { return nil }
        var cursor = 0
        var known = 0
        var merged = StartRanges(slack: maxLength)
        var event: RuleLimitEvent?
        positions.withUnsafeBufferPointer { positions in
            for j in 0...(positions.count - k) {
                let first = positions[j]
                let last = positions[j + k - 1]
                guard last - first < maxLength else { continue }
                if let range = merged.add(max(0, last - maxLength + 1), first) {
                    event = searchStarts(rule, range, cursor: &cursor, known: &known, text, onMatch)
                    if event != nil { return }
                }
            }
        }
        if let event { return event }
        if let range = merged.finish(), let event = searchStarts(rule, range, cursor: &cursor, known: &known, text, onMatch) {
            return event
        }
        if collectsStatistics { statistics[rule].candidates += merged.count }
        return nil
    }

    /// Confirms an unfiltered rule from the starts its sequence gate passes: every match starts at
    /// one of them (``SequenceGate``), so searching ranges of them in ascending order, as windows
    /// are searched, finds what global iteration over the whole text finds. Starts at most
    /// ``sequenceMergeGap`` bytes apart share a range: PCRE2 passes over the starts between them
    /// faster than a call costs. The gate runs over the text in chunks of ``sequenceChunk`` starts.
    private func confirmSequenceStarts(
        _ rule: Int, gate: SequenceGate, _ text: UnsafeRawBufferPointer, _ onMatch: (RawMatch) -> Void
    ) -> RuleLimitEvent? {
        var cursor = 0
        var known = 0
        var merged = StartRanges(slack: Self.sequenceMergeGap)
        var gateNanoseconds: UInt64 = 0
        if gateStarts.count < Self.sequenceChunk { gateStarts = [UInt32](repeating: 0, count: Self.sequenceChunk) }
        var buffer = gateStarts
        gateStarts = []
        defer {
            gateStarts = buffer
            if collectsStatistics {
                statistics[rule].candidates += merged.count
                statistics[rule].nanoseconds += gateNanoseconds
            }
        }
        // Starts past `last` have too few bytes left for a match.
        let last = text.count - gate.span
        var from = 0
        while from <= last {
            let to = min(from + Self.sequenceChunk, last + 1)
            let before = collectsStatistics ? Self.now() : 0
            // SAFETY: `buffer` has `sequenceChunk` entries, at least the `to - from` that `starts` may write.
            let count = buffer.withUnsafeMutableBufferPointer { gate.starts(in: text, from: from, to: to, into: $0.baseAddress!) }
            if before != 0 { gateNanoseconds += Self.now() - before }
            for k in 0..<count {
                let start = from + Int(buffer[k])
                if let range = merged.add(start, start),
                    let event = searchStarts(rule, range, cursor: &cursor, known: &known, text, onMatch)
                {
                    return event
                }
            }
            from = to
        }
        if let range = merged.finish() {
            return searchStarts(rule, range, cursor: &cursor, known: &known, text, onMatch)
        }
        return nil
    }

    /// Starts of a sequence gate found per call of its kernel (``gateStarts`` holds one chunk's).
    static let sequenceChunk = 1 << 14
    /// Gated starts at most this far apart share one PCRE2 search.
    static let sequenceMergeGap = 32

    /// Finds a rule's matches that start in `starts`, as PCRE2's global iteration over the whole
    /// text finds them (see ``confirmWindows(_:candidates:_:_:)``). `cursor` is the end of the last
    /// match; `known` the first offset not yet proved match-free. Matches here are never empty
    /// (they hold a literal, gated characters, or a sequence gate's two or more bytes).
    private func searchStarts(
        _ rule: Int, _ starts: ClosedRange<Int>, cursor: inout Int, known: inout Int, _ text: UnsafeRawBufferPointer,
        _ onMatch: (RawMatch) -> Void
    ) -> RuleLimitEvent? {
        // SAFETY: `rule` is a rule index.
        let hot = storage.tables.hot[rule]
        let latest = starts.upperBound
        var low = max(starts.lowerBound, cursor, known)
        while low <= latest {
            // PCRE2 starts where the start check says no earlier start can match (nil: none can).
            // (Statistics count the check's time as the rule's confirmation time.)
            let checkStart = collectsStatistics && hot.checkMasks != nil ? Self.now() : 0
            let admitted = hot.firstStart(from: low, through: latest, in: text)
            if checkStart != 0 { statistics[rule].nanoseconds += Self.now() - checkStart }
            guard let first = admitted else {
                known = latest + 1
                break
            }
            low = first
            let windowStart = max(0, low - hot.behind)
            let windowEnd = min(text.count, latest + hot.maxLength + hot.ahead)
            let window = UnsafeRawBufferPointer(rebasing: text[windowStart..<windowEnd])
            let rc = timedMatch(rule, window, start: low - windowStart, latestStart: latest - windowStart)
            if rc == PCRE2_ERROR_NOMATCH {
                known = latest + 1
                break
            }
            if rc < 0 { return limitReached(rule, at: low, code: rc) }
            let start = pcre.ovector[0] + windowStart
            let end = pcre.ovector[1] + windowStart
            emit(rule, start..<max(start, end), base: windowStart, onMatch)
            cursor = max(end, start + 1)
            low = max(low, cursor)
        }
        return nil
    }

    /// PCRE2's global iteration over the whole text (as pcre2demo does it): after an empty match,
    /// retry at the same offset for a non-empty one, else move one character on.
    private func iterate(_ rule: Int, _ text: UnsafeRawBufferPointer, _ onMatch: (RawMatch) -> Void)
        -> RuleLimitEvent?
    {
        var start = 0
        var options: UInt32 = 0
        while start <= text.count {
            let rc = timedMatch(rule, text, start: start, latestStart: nil, options: options)
            if rc == PCRE2_ERROR_NOMATCH {
                if options == 0 { break }
                start = Self.nextCharacter(after: start, in: text)
                options = 0
                continue
            }
            if rc < 0 { return limitReached(rule, at: start, code: rc) }
            let matchStart = pcre.ovector[0]
            let matchEnd = pcre.ovector[1]
            if matchStart > matchEnd { break }  // \K in a lookahead: PCRE2's demo gives up too
            emit(rule, matchStart..<matchEnd, base: 0, onMatch)
            if matchStart == matchEnd {
                if matchEnd == text.count { break }
                options = UInt32(PCRE2_NOTEMPTY_ATSTART)
                start = matchEnd
            } else {
                options = 0
                let searchStart = start
                start = matchEnd
                // \K in a lookbehind can end a match where the search started: move on.
                if matchEnd <= searchStart {
                    if searchStart >= text.count { break }
                    start = Self.nextCharacter(after: searchStart, in: text)
                }
            }
        }
        return nil
    }

    @inline(__always)
    private func timedMatch(
        _ rule: Int, _ subject: UnsafeRawBufferPointer, start: Int, latestStart: Int?, options: UInt32 = 0
    ) -> Int32 {
        // SAFETY: `rule` is a rule index.
        let code = storage.tables.hot[rule].code
        var mode = matchModes[rule]
        if mode == 0 { mode = prepareMatching(rule) }
        guard collectsStatistics else {
            return pcre.match(code, jit: mode == 1, subject, start: start, latestStart: latestStart, options: options)
        }
        let before = Self.now()
        let rc = pcre.match(code, jit: mode == 1, subject, start: start, latestStart: latestStart, options: options)
        statistics[rule].nanoseconds += Self.now() - before
        statistics[rule].confirmations += 1
        return rc
    }

    /// Readies rule `rule`'s pattern for this scratch's first match with it (JIT-compiling it if
    /// no thread has yet) and returns its ``matchModes`` entry.
    @inline(never)
    private func prepareMatching(_ rule: Int) -> UInt8 {
        let mode: UInt8 = storage.rules[rule].pattern.prepareForMatching() ? 1 : 2
        // SAFETY: `rule` is a rule index.
        matchModes[rule] = mode
        return mode
    }

    /// Reports the match in the ovector; `base` is the offset of the subject in the text.
    @inline(__always)
    private func emit(_ rule: Int, _ range: Range<Int>, base: Int, _ onMatch: (RawMatch) -> Void) {
        // SAFETY: `rule` is a rule index.
        let groups = storage.tables.hot[rule].captureCount
        var captures: [Range<Int>?] = []
        if groups > 0 {
            captures.reserveCapacity(groups)
            let unset = cpcre2_unset()
            for g in 1...groups {
                let lower = pcre.ovector[2 * g]
                let upper = pcre.ovector[2 * g + 1]
                captures.append(lower == unset || upper < lower ? nil : (lower + base)..<(upper + base))
            }
        }
        if collectsStatistics { statistics[rule].matches += 1 }
        onMatch(RawMatch(rule: rule, range: range, captures: captures))
    }

    private func limitReached(_ rule: Int, at offset: Int, code: Int32) -> RuleLimitEvent {
        if storage.options.disableRulesAtLimit { disable(rule) }
        return RuleLimitEvent(rule: rule, ruleName: storage.rules[rule].spec.name, offset: offset,
                              message: PCRE2Pattern.message(for: code))
    }

    /// The offset of the next character after `offset`: one byte on, then past UTF-8 continuation
    /// bytes.
    static func nextCharacter(after offset: Int, in text: UnsafeRawBufferPointer) -> Int {
        var next = offset + 1
        while next < text.count, text[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }

    static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }
}

extension CompiledRuleSet {
    /// Runs only the prefilter over `text` and returns how many literal occurrences it found (each
    /// counted once per rule that wants it). For benchmarks and `sift bench`: the cost of the first
    /// stage alone.
    public func countCandidates(in text: UnsafeRawBufferPointer, using scratch: Scratch) -> Int {
        precondition(scratch.storage === storage, "a scratch belongs to the rule set that made it")
        var count = 0
        var hits = scratch.hits
        scratch.hits = []
        let spans = storage.tables.spans
        let entries = storage.tables.entries
        // SAFETY: as in `Scratch.run`: `id` is one of the automaton's literals, its span names entries.
        storage.automaton.scan(text, hits: &hits) { id, end in
            let span = spans[id]
            for k in Int(span.first)..<Int(span.end)
            where !entries[k].wholeWord || WordBoundary.isWholeWord((end - Int(span.length))..<end, in: text) {
                count += 1
            }
        }
        scratch.hits = hits
        return count
    }
}
