import SiftCore
import SiftMatcher

extension DetectionEngine {
    /// The findings of one content item.
    public func findings(in item: ContentItem, using scratch: DetectionScratch) -> DetectionResult {
        item.text.bytes.withUnsafeBytes { findings(in: $0, text: item.text, provenance: item.provenance, using: scratch) }
    }

    /// The findings in a string (for embedders and tests); provenance defaults to an anonymous file.
    public func findings(
        in string: String, provenance: Provenance = Provenance(contentType: .file), using scratch: DetectionScratch
    ) -> DetectionResult {
        findings(in: ContentItem(provenance: provenance, text: ExtractedText(string)), using: scratch)
    }

    /// A match of a pattern that passed every check.
    struct Accepted {
        var pattern: Int
        var range: Range<Int>
        var secret: Range<Int>
        var confidence: Confidence
    }

    /// What one item yields before findings are built: accepted pattern matches (building blocks
    /// included), objects that evaluated true with their evidence, and diagnostics.
    struct Analysis {
        var accepted: [Accepted] = []
        var objects: [(index: Int, evidence: [(String, ObjectEvaluator.Span)])] = []
        var diagnostics: [Diagnostic] = []
    }

    /// The ids of every pattern (building blocks included) with an accepted match in `text`, and of
    /// every object that is true: for testing packs' examples.
    package func detectedIDs(in text: String, using scratch: DetectionScratch) -> Set<String> {
        let bytes = Array(text.utf8)
        let analysis = bytes.withUnsafeBytes { analyze($0, provenance: Provenance(contentType: .file), using: scratch) }
        return Set(analysis.accepted.map { patterns[$0.pattern].id } + analysis.objects.map { objects[$0.index].id })
    }

    /// The order in which matches of the same secret are preferred (higher wins).
    private func rank(_ match: Accepted) -> (Int, Int, Int) {
        (patterns[match.pattern].category == "generic" ? 0 : 1, severities[match.pattern].rank, -match.pattern)
    }

    private func findings(
        in bytes: UnsafeRawBufferPointer, text: ExtractedText, provenance: Provenance, using scratch: DetectionScratch
    ) -> DetectionResult {
        let analysis = analyze(bytes, provenance: provenance, using: scratch)
        var result = DetectionResult(diagnostics: analysis.diagnostics)
        guard !analysis.accepted.isEmpty else { return result }

        // One finding per secret: where several patterns accept exactly the same secret bytes (a
        // GitHub token that is also a bearer token and a value assigned to `token`), keep the most
        // specific — a provider pattern before a `generic` one — then the most severe, then the first
        // declared.
        var bestBySecret: [Range<Int>: Accepted] = [:]
        for match in analysis.accepted where patterns[match.pattern].report {
            if let existing = bestBySecret[match.secret], rank(existing) >= rank(match) { continue }
            bestBySecret[match.secret] = match
        }
        let lines = text.lineIndex
        for match in bestBySecret.values.sorted(by: { ($0.range.lowerBound, $0.pattern) < ($1.range.lowerBound, $1.pattern) }) {
            let pattern = patterns[match.pattern]
            result.findings.append(finding(
                rule: pattern.id, severity: severities[match.pattern], confidence: match.confidence, range: match.range,
                secret: pattern.secretGroup == nil ? nil : match.secret, bytes: bytes, text: text, lines: lines,
                provenance: provenance))
        }
        for (index, evidence) in analysis.objects where objects[index].report {
            let object = objects[index]
            let sorted = evidence.sorted { $0.1.start < $1.1.start }
            // The object is located at its first piece of evidence from a reported pattern (a card,
            // not the word "card number"), so that its match text means something in reviews.
            let first = (sorted.first { reportedIDs.contains($0.0) } ?? sorted[0]).1
            var finding = self.finding(
                rule: object.id, severity: objectSeverities[index], confidence: .high, range: first.start..<first.end,
                secret: nil, bytes: bytes, text: text, lines: lines, provenance: provenance)
            finding.evidence = sorted.map {
                Finding.Evidence(ruleName: $0.0, matchText: $0.1.text, startOffset: $0.1.start, endOffset: $0.1.end)
            }
            finding.fingerprint = Fingerprint.of(ruleName: object.id,
                                                 secret: Set(sorted.map(\.1.text)).sorted().joined(separator: "\u{0}"))
            result.findings.append(finding)
        }
        return result
    }

    /// Matching, checks and objects for one text.
    private func analyze(_ bytes: UnsafeRawBufferPointer, provenance: Provenance, using scratch: DetectionScratch) -> Analysis {
        var analysis = Analysis()
        // 1. One matcher pass for every pattern's regexes.
        for rule in scratch.matchesByRule.indices where !scratch.matchesByRule[rule].isEmpty {
            scratch.matchesByRule[rule].removeAll(keepingCapacity: true)
        }
        var any = false
        var events = ruleSet.scan(bytes, using: scratch.matcher) { match in
            scratch.matchesByRule[match.rule].append(match)
            any = true
        }
        // 1b. A second pass for the exclude rules of the patterns that matched, if they have any.
        for rule in scratch.excludeMatches.indices where !scratch.excludeMatches[rule].isEmpty {
            scratch.excludeMatches[rule].removeAll(keepingCapacity: true)
        }
        if any {
            var needed = [Bool](repeating: false, count: excludeSet.rules.count)
            var anyNeeded = false
            for (rule, p) in patternOfRule.enumerated() where !scratch.matchesByRule[rule].isEmpty {
                for exclude in excludeRules[p] {
                    needed[exclude] = true
                    anyNeeded = true
                }
            }
            if anyNeeded {
                events += excludeSet.scan(bytes, using: scratch.exclude, selecting: needed) { match in
                    scratch.excludeMatches[match.rule].append(match)
                }
            }
        }
        for event in events {
            analysis.diagnostics.append(Diagnostic(
                .warning, code: "rule-limit",
                "rule \(event.ruleName) reached PCRE2's limit (\(event.message)) at byte \(event.offset); its other matches in this content are not reported, and it is switched off for the rest of the scan",
                at: SourceLocation(file: provenance.path, object: provenance.versionContentId ?? provenance.contentId,
                                   rule: event.ruleName, offset: event.offset)))
        }
        guard any else { return analysis }

        // 2. Checks, pattern by pattern.
        for (rule, p) in patternOfRule.enumerated() where !scratch.matchesByRule[rule].isEmpty {
            let pattern = patterns[p]
            // Keywords are part of a pattern's meaning (at least one occurs in the item), not only a
            // prefilter hint: check them, so every engine agrees.
            if let gate = keywords[p], !gate.words.contains(where: {
                WordSearch.contains($0, in: bytes, range: 0..<bytes.count, caseless: gate.caseless, wholeWord: gate.wholeWord)
            }) {
                continue
            }
            for match in scratch.matchesByRule[rule] {
                let secret = pattern.secretGroup.flatMap { group in
                    group <= match.captures.count ? match.captures[group - 1] : nil
                } ?? match.range
                guard !secret.isEmpty else { continue }
                if excluded(match.range, pattern: p, scratch: scratch) { continue }
                let secretText = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[secret]), as: UTF8.self)
                guard pattern.validators.allSatisfy({ $0.validate(secretText) }) else { continue }
                if allowed(secretText, pattern: p, scratch: scratch) { continue }
                var confidence = Confidence.medium
                if !pattern.validators.isEmpty || (!pattern.confirmedBy.isEmpty
                    && pattern.confirmedBy.allSatisfy({ $0.validate(secretText) }))
                {
                    confidence = .high
                }
                if let context = contextWords[p] {
                    if !context.require.isEmpty, !context.occurs(context.require, around: match.range, in: bytes) { continue }
                    if context.occurs(context.raise, around: match.range, in: bytes) { confidence = confidence.raised }
                    if context.occurs(context.lower, around: match.range, in: bytes) { confidence = confidence.lowered }
                }
                analysis.accepted.append(Accepted(pattern: p, range: match.range, secret: secret, confidence: confidence))
            }
        }
        guard !analysis.accepted.isEmpty, !objects.isEmpty else { return analysis }

        // 3. Objects, over every accepted match (building blocks included).
        var spans: [String: [ObjectEvaluator.Span]] = [:]
        for match in analysis.accepted where referenced.contains(patterns[match.pattern].id) {
            spans[patterns[match.pattern].id, default: []].append(ObjectEvaluator.Span(
                start: match.range.lowerBound, end: match.range.upperBound,
                text: String(decoding: UnsafeRawBufferPointer(rebasing: bytes[match.range]), as: UTF8.self)))
        }
        for index in objectOrder where !objects[index].expression.references.isDisjoint(with: spans.keys) {
            let (value, evidence) = ObjectEvaluator(spans: spans).evaluate(objects[index].expression)
            guard value != 0, let first = evidence.min(by: { $0.1.start < $1.1.start }) else { continue }
            // An object's own "match" is its first piece of evidence, so other objects can refer to it.
            spans[objects[index].id, default: []].append(first.1)
            analysis.objects.append((index, evidence))
        }
        return analysis
    }

    private func excluded(_ range: Range<Int>, pattern: Int, scratch: DetectionScratch) -> Bool {
        for rule in excludeRules[pattern] {
            for exclusion in scratch.excludeMatches[rule] where exclusion.range.overlaps(range) { return true }
        }
        return false
    }

    private func allowed(_ secret: String, pattern: Int, scratch: DetectionScratch) -> Bool {
        let rules = allowRules[pattern]
        guard !rules.isEmpty else { return false }
        var hit = false
        allowSet.scan(Array(secret.utf8), using: scratch.allow) { match in
            if rules.contains(match.rule) { hit = true }
        }
        return hit
    }

    private func finding(
        rule: String, severity: Severity, confidence: Confidence, range: Range<Int>, secret: Range<Int>?,
        bytes: UnsafeRawBufferPointer, text: ExtractedText, lines: LineIndex, provenance: Provenance
    ) -> Finding {
        let lineNumber = lines.lineNumber(at: range.lowerBound)
        let lineRange = lines.lineRange(lineNumber, in: text.bytes)
        let matchText = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        let secretText = secret.map { String(decoding: UnsafeRawBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
        return Finding(
            ruleName: rule, severity: severity, confidence: confidence, matchText: matchText, secret: secretText,
            provenance: provenance, part: text.part(at: range.lowerBound), lineNumber: lineNumber,
            line: String(decoding: text.bytes[lineRange], as: UTF8.self), startOffset: range.lowerBound,
            endOffset: range.upperBound)
    }
}
