import SiftCore

// The serialized form of a plan cache:
//
//   "SIFTPLAN" | format | identity | entry count | entries (key, plan, start check) | checksum
//
// with ``CacheWriter``'s encodings; the checksum is a 64-bit FNV-1a of every byte before it.
extension PlanCache {
    static let magic = Array("SIFTPLAN".utf8)
    /// Changes whenever the layout below does (the build id changes with it anyway).
    static let format: UInt64 = 6

    /// The key of `spec` compiled with `options`: everything the analysis reads.
    static func key(_ spec: RuleSpec, options: CompiledRuleSet.Options) -> [UInt8] {
        var writer = CacheWriter()
        writer.string(spec.pattern)
        for flag in [spec.caseless, spec.dotAll, spec.multiline, spec.extended, spec.keywordsCaseless,
                     spec.keywordsWholeWord, options.startChecks, options.everyStartCheck, options.runGates,
                     options.everyRunGate, options.gatedWindows, options.everyRuleIsCandidate, options.neighbourChecks,
                     options.widerChecks, options.sequenceGates, options.everySequenceGate] {
            writer.bool(flag)
        }
        writer.bool(spec.keywords != nil)
        if let keywords = spec.keywords {
            writer.unsigned(UInt64(keywords.count))
            for keyword in keywords { writer.string(keyword) }
        }
        return writer.bytes
    }

    static func encode(_ entries: [[UInt8]: Entry], identity: [UInt8]) -> [UInt8] {
        var writer = CacheWriter()
        writer.byteString(magic)
        writer.unsigned(format)
        writer.byteString(identity)
        writer.unsigned(UInt64(entries.count))
        // In key order, so that the same entries always give the same bytes.
        for (key, entry) in entries.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            writer.byteString(key)
            encode(entry, into: &writer)
        }
        writer.appendChecksum()
        return writer.bytes
    }

    /// The entries of `bytes`, or `nil` when they are not an intact cache of this format and identity.
    static func decode(_ bytes: [UInt8], identity: [UInt8]) -> [[UInt8]: Entry]? {
        guard var reader = CacheReader.verified(bytes) else { return nil }
        do {
            guard try reader.byteString() == magic, try reader.unsigned() == format,
                  try reader.byteString() == identity else { return nil }
            let count = try reader.count(atMost: reader.remaining)
            var entries: [[UInt8]: Entry] = [:]
            entries.reserveCapacity(count)
            for _ in 0..<count {
                let key = try reader.byteString()
                entries[key] = try decodeEntry(&reader)
            }
            return reader.isAtEnd ? entries : nil
        } catch {
            return nil
        }
    }

    private static let strategies: [LiteralPlan.Strategy] = [.windowed, .gated, .unfiltered]
    private static let gateCharacters: [CharacterGate.Characters] = [.digits, .uppercaseOrDigits]

    private static func encode(_ entry: Entry, into writer: inout CacheWriter) {
        let plan = entry.plan
        writer.unsigned(UInt64(strategies.firstIndex(of: plan.strategy)!))
        encode(plan.literals, into: &writer)
        writer.optionalInt(plan.maxMatchLength)
        writer.optionalInt(plan.literalReach)
        writer.bool(plan.characterGate != nil)
        if let gate = plan.characterGate {
            writer.unsigned(UInt64(gateCharacters.firstIndex(of: gate.characters)!))
            writer.int(gate.minimum)
        }
        writer.bool(plan.runGate != nil)
        if let gate = plan.runGate {
            writer.byteString(gate.bytes.members)
            writer.byteString(gate.first.members)
            writer.int(gate.minimum)
        }
        writer.int(plan.lookbehindBytes)
        writer.int(plan.lookaheadBytes)
        writer.optionalString(plan.reason)
        writer.bool(entry.startCheck != nil)
        if let check = entry.startCheck {
            writer.unsigned(UInt64(check.classes.count))
            for word in check.classes { writer.fixed(word) }
            writer.unsigned(UInt64(check.skips.count))
            for skip in check.skips {
                writer.int(skip.from)
                writer.int(skip.to)
            }
        }
        writer.bool(entry.neighbourCheck != nil)
        if let check = entry.neighbourCheck {
            for set in [check.before] + check.after {
                for word in set.array { writer.fixed(word) }
            }
            for sets in check.extensions { encode(sets, into: &writer) }
            writer.int(check.reach)
            writer.bool(check.run != nil)
            if let run = check.run {
                for word in run.bytes.array + run.end.array { writer.fixed(word) }
                writer.int(run.minimum)
                writer.int(run.maximum)
            }
            encode(check.behind, into: &writer)
            encode(check.ahead, into: &writer)
            writer.bool(check.preceding != nil)
            if let preceding = check.preceding {
                encode(preceding.literals, into: &writer)
                writer.int(preceding.minimumGap)
                writer.int(preceding.maximumGap)
                for word in preceding.gap.array { writer.fixed(word) }
            }
        }
    }

    private static func encode(_ literals: [Literal], into writer: inout CacheWriter) {
        writer.unsigned(UInt64(literals.count))
        for literal in literals {
            writer.bool(literal.caseless)
            writer.byteString(literal.bytes)
        }
    }

    /// Literals as ``encode(_:into:)`` wrote them, at most `limit`.
    private static func decodeLiterals(_ reader: inout CacheReader, atMost limit: Int) throws(CacheReader.Malformed)
        -> [Literal]
    {
        var literals: [Literal] = []
        for _ in 0..<(try reader.count(atMost: limit)) {
            let caseless = try reader.bool()
            literals.append(Literal(folded: try reader.byteString(), caseless: caseless))
        }
        return literals
    }

    private static func encode(_ sets: [NeighbourCheck.Bytes], into writer: inout CacheWriter) {
        writer.unsigned(UInt64(sets.count))
        for set in sets {
            for word in set.array { writer.fixed(word) }
        }
    }

    /// Byte sets written as their count and four words each, at most `limit`.
    private static func decodeSets(_ reader: inout CacheReader, atMost limit: Int) throws(CacheReader.Malformed)
        -> [NeighbourCheck.Bytes]
    {
        var sets: [NeighbourCheck.Bytes] = []
        for _ in 0..<(try reader.count(atMost: limit)) {
            var words: [UInt64] = []
            for _ in 0..<4 { words.append(try reader.fixed()) }
            sets.append(NeighbourCheck.Bytes(words))
        }
        return sets
    }

    private static func decodeEntry(_ reader: inout CacheReader) throws(CacheReader.Malformed) -> Entry {
        let strategy = strategies[try reader.count(atMost: strategies.count - 1)]
        let literals = try decodeLiterals(&reader, atMost: reader.remaining)
        let maxMatchLength = try reader.optionalInt()
        let literalReach = try reader.optionalInt()
        var gate: CharacterGate?
        if try reader.bool() {
            let characters = gateCharacters[try reader.count(atMost: gateCharacters.count - 1)]
            gate = CharacterGate(characters: characters, minimum: try reader.int())
        }
        var runGate: RunGate?
        if try reader.bool() {
            let bytes = try reader.byteString(), first = try reader.byteString(), minimum = try reader.int()
            // Run gates are ASCII classes (ByteClass holds no more).
            guard minimum >= 1, !bytes.isEmpty, bytes.allSatisfy({ $0 < 0x80 }), first.allSatisfy({ $0 < 0x80 }) else {
                throw CacheReader.Malformed()
            }
            runGate = RunGate(bytes: ByteClass(bytes), first: ByteClass(first), minimum: minimum)
        }
        var plan = LiteralPlan(strategy: strategy, literals: literals, maxMatchLength: maxMatchLength,
                               literalReach: literalReach, characterGate: gate, lookbehindBytes: try reader.int(),
                               lookaheadBytes: try reader.int(), reason: try reader.optionalString())
        plan.runGate = runGate
        var startCheck: StartCheck?
        if try reader.bool() {
            let words = try reader.count(atMost: 4 * StartCheck.maxPositions)
            guard words % 4 == 0 else { throw CacheReader.Malformed() }
            var classes: [UInt64] = []
            classes.reserveCapacity(words)
            for _ in 0..<words { classes.append(try reader.fixed()) }
            var skips: [StartCheck.Skip] = []
            for _ in 0..<(try reader.count(atMost: StartCheck.maxPositions)) {
                let skip = StartCheck.Skip(from: try reader.int(), to: try reader.int())
                guard 0 <= skip.from, skip.from < skip.to, skip.to <= words / 4,
                      skip.from >= (skips.last?.from ?? 0) else { throw CacheReader.Malformed() }
                skips.append(skip)
            }
            startCheck = StartCheck(classes: classes, skips: skips)
        }
        var neighbourCheck: NeighbourCheck?
        if try reader.bool() {
            // One set before, one after each literal.
            var sets: [NeighbourCheck.Bytes] = []
            for _ in 0...literals.count {
                var words: [UInt64] = []
                for _ in 0..<4 { words.append(try reader.fixed()) }
                sets.append(NeighbourCheck.Bytes(words))
            }
            var extensions: [[NeighbourCheck.Bytes]] = []
            for _ in literals {
                extensions.append(try decodeSets(&reader, atMost: NeighbourCheck.maxExtension))
            }
            let reach = try reader.int()
            guard reach >= 0 else { throw CacheReader.Malformed() }
            neighbourCheck = NeighbourCheck(before: sets[0], after: Array(sets.dropFirst()), extensions: extensions,
                                            reach: reach)
            if try reader.bool() {
                var words: [UInt64] = []
                for _ in 0..<8 { words.append(try reader.fixed()) }
                let minimum = try reader.int(), maximum = try reader.int()
                guard minimum >= 1, maximum >= minimum else { throw CacheReader.Malformed() }
                neighbourCheck?.run = NeighbourCheck.Run(
                    bytes: NeighbourCheck.Bytes(Array(words[0..<4])), minimum: minimum, maximum: maximum,
                    end: NeighbourCheck.Bytes(Array(words[4..<8])))
            }
            neighbourCheck?.behind = try decodeSets(&reader, atMost: NeighbourCheck.maxPositions)
            neighbourCheck?.ahead = try decodeSets(&reader, atMost: NeighbourCheck.maxPositions)
            if try reader.bool() {
                let literals = try decodeLiterals(&reader, atMost: NeighbourCheck.maxPrecedingLiterals)
                let minimum = try reader.int(), maximum = try reader.int()
                guard !literals.isEmpty, !literals.contains(where: \.bytes.isEmpty), minimum >= 0, maximum >= minimum, maximum <= NeighbourCheck.maxPrecedingGap else {
                    throw CacheReader.Malformed()
                }
                var words: [UInt64] = []
                for _ in 0..<4 { words.append(try reader.fixed()) }
                neighbourCheck?.preceding = NeighbourCheck.Preceding(
                    literals: literals, minimumGap: minimum, maximumGap: maximum, gap: NeighbourCheck.Bytes(words))
            }
        }
        return Entry(plan: plan, startCheck: startCheck, neighbourCheck: neighbourCheck)
    }
}
