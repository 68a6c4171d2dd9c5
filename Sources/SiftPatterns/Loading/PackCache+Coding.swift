import SiftCore

// The serialized form of a pack cache:
//
//   "SIFTPACK" | format | identity | entry count | entries (file, YAML bytes, pack) | checksum
//
// with ``CacheWriter``'s encodings. A pack's fields are written in declaration order; objects'
// expressions are parsed again from their source.
extension PackCache {
    static let magic = Array("SIFTPACK".utf8)
    /// Changes whenever the layout below does (the build id changes with it anyway).
    static let format: UInt64 = 1

    static func encode(_ entries: [String: Entry], identity: [UInt8]) -> [UInt8] {
        var writer = CacheWriter()
        writer.byteString(magic)
        writer.unsigned(format)
        writer.byteString(identity)
        writer.unsigned(UInt64(entries.count))
        for (file, entry) in entries.sorted(by: { $0.key < $1.key }) {
            writer.string(file)
            writer.byteString(entry.yaml)
            encode(entry.pack, into: &writer)
        }
        writer.appendChecksum()
        return writer.bytes
    }

    static func decode(_ bytes: [UInt8], identity: [UInt8]) -> [String: Entry]? {
        guard var reader = CacheReader.verified(bytes) else { return nil }
        do {
            guard try reader.byteString() == magic, try reader.unsigned() == format,
                  try reader.byteString() == identity else { return nil }
            var entries: [String: Entry] = [:]
            for _ in 0..<(try reader.count(atMost: reader.remaining)) {
                let file = try reader.string()
                entries[file] = Entry(yaml: try reader.byteString(), pack: try decodePack(&reader))
            }
            return reader.isAtEnd ? entries : nil
        } catch {
            return nil
        }
    }

    static func encode(_ pack: Pack, into writer: inout CacheWriter) {
        writer.string(pack.id)
        writer.int(pack.version)
        writer.string(pack.description)
        writer.string(pack.file)
        writer.strings(pack.allow)
        writer.unsigned(UInt64(pack.patterns.count))
        for pattern in pack.patterns { encode(pattern, into: &writer) }
        writer.unsigned(UInt64(pack.objects.count))
        for object in pack.objects {
            writer.string(object.id)
            writer.string(object.name)
            writer.string(object.description)
            writer.string(object.severity.rawValue)
            writer.string(object.expressionSource)
            writer.bool(object.report)
            writer.strings(object.examples)
            writer.strings(object.negativeExamples)
            encode(object.location, into: &writer)
        }
    }

    static func decodePack(_ reader: inout CacheReader) throws(CacheReader.Malformed) -> Pack {
        var pack = Pack(id: try reader.string(), version: try reader.int(), description: try reader.string(),
                        file: try reader.string(), allow: try reader.strings())
        for _ in 0..<(try reader.count(atMost: reader.remaining)) { pack.patterns.append(try decodePattern(&reader)) }
        for _ in 0..<(try reader.count(atMost: reader.remaining)) {
            let id = try reader.string(), name = try reader.string(), description = try reader.string()
            let severity = try decodeSeverity(&reader)
            let source = try reader.string()
            guard let expression = try? ObjectExpressionParser.parse(source) else { throw CacheReader.Malformed() }
            pack.objects.append(DataObject(
                id: id, name: name, description: description, severity: severity, expressionSource: source,
                expression: expression, report: try reader.bool(), examples: try reader.strings(),
                negativeExamples: try reader.strings(), location: try decodeLocation(&reader)))
        }
        return pack
    }

    private static func encode(_ pattern: DataPattern, into writer: inout CacheWriter) {
        writer.string(pattern.id)
        writer.string(pattern.name)
        writer.string(pattern.description)
        writer.string(pattern.category)
        writer.string(pattern.severity.rawValue)
        writer.strings(pattern.regexes)
        writer.optionalInt(pattern.secretGroup)
        writer.bool(pattern.caseSensitive)
        writer.bool(pattern.keywords != nil)
        if let keywords = pattern.keywords { writer.strings(keywords) }
        writer.bool(pattern.ignoreWordBoundaries)
        writer.strings(pattern.exclude)
        encode(pattern.validators, into: &writer)
        encode(pattern.confirmedBy, into: &writer)
        writer.bool(pattern.context != nil)
        if let context = pattern.context {
            writer.int(context.within)
            writer.strings(context.require)
            writer.strings(context.raise)
            writer.strings(context.lower)
        }
        writer.strings(pattern.allow)
        writer.bool(pattern.useAllowList)
        writer.bool(pattern.report)
        writer.strings(pattern.references)
        writer.strings(pattern.examples)
        writer.strings(pattern.negativeExamples)
        encode(pattern.location, into: &writer)
        writer.unsigned(UInt64(pattern.regexLocations.count))
        for location in pattern.regexLocations { encode(location, into: &writer) }
    }

    private static func decodePattern(_ reader: inout CacheReader) throws(CacheReader.Malformed) -> DataPattern {
        let id = try reader.string(), name = try reader.string(), description = try reader.string()
        let category = try reader.string()
        let severity = try decodeSeverity(&reader)
        let regexes = try reader.strings()
        let secretGroup = try reader.optionalInt()
        let caseSensitive = try reader.bool()
        let keywords = try reader.bool() ? try reader.strings() : nil
        let ignoreWordBoundaries = try reader.bool()
        let exclude = try reader.strings()
        let validators = try decodeValidators(&reader), confirmedBy = try decodeValidators(&reader)
        var context: ContextWords?
        if try reader.bool() {
            context = ContextWords(within: try reader.int(), require: try reader.strings(), raise: try reader.strings(),
                                   lower: try reader.strings())
        }
        let allow = try reader.strings()
        let useAllowList = try reader.bool(), report = try reader.bool()
        let references = try reader.strings(), examples = try reader.strings(), negativeExamples = try reader.strings()
        let location = try decodeLocation(&reader)
        var regexLocations: [SourceLocation] = []
        for _ in 0..<(try reader.count(atMost: reader.remaining)) { regexLocations.append(try decodeLocation(&reader)) }
        return DataPattern(
            id: id, name: name, description: description, category: category, severity: severity, regexes: regexes,
            secretGroup: secretGroup, caseSensitive: caseSensitive, keywords: keywords,
            ignoreWordBoundaries: ignoreWordBoundaries, exclude: exclude, validators: validators,
            confirmedBy: confirmedBy, context: context, allow: allow, useAllowList: useAllowList, report: report,
            references: references, examples: examples, negativeExamples: negativeExamples, location: location,
            regexLocations: regexLocations)
    }

    private static func decodeSeverity(_ reader: inout CacheReader) throws(CacheReader.Malformed) -> Severity {
        guard let severity = Severity(rawValue: try reader.string()) else { throw CacheReader.Malformed() }
        return severity
    }

    private static func encode(_ location: SourceLocation, into writer: inout CacheWriter) {
        writer.optionalString(location.file)
        writer.optionalInt(location.line)
        writer.optionalInt(location.column)
        writer.optionalString(location.object)
        writer.optionalString(location.rule)
        writer.optionalInt(location.offset)
    }

    private static func decodeLocation(_ reader: inout CacheReader) throws(CacheReader.Malformed) -> SourceLocation {
        SourceLocation(file: try reader.optionalString(), line: try reader.optionalInt(), column: try reader.optionalInt(),
                       object: try reader.optionalString(), rule: try reader.optionalString(), offset: try reader.optionalInt())
    }

    /// Validators by name, with their parameters.
    private static func encode(_ validators: [Validator], into writer: inout CacheWriter) {
        writer.unsigned(UInt64(validators.count))
        for validator in validators {
            writer.string(validator.name)
            switch validator {
            case .luhn, .iban, .ssnUS, .githubChecksum, .jwt, .pem, .hex, .notAllSame, .notSequential, .hasDigit: break
            case .entropy(let bits): writer.double(bits)
            case .charset(let classes): writer.int(classes)
            case .length(let min, let max):
                writer.optionalInt(min)
                writer.optionalInt(max)
            case .base64(let bytes): writer.int(bytes)
            }
        }
    }

    private static func decodeValidators(_ reader: inout CacheReader) throws(CacheReader.Malformed) -> [Validator] {
        var validators: [Validator] = []
        for _ in 0..<(try reader.count(atMost: reader.remaining)) {
            let name = try reader.string()
            let simple: [Validator] = [.luhn, .iban, .ssnUS, .githubChecksum, .jwt, .pem, .hex, .notAllSame,
                                       .notSequential, .hasDigit]
            if let validator = simple.first(where: { $0.name == name }) {
                validators.append(validator)
                continue
            }
            switch name {
            case Validator.entropy(0).name: validators.append(.entropy(try reader.double()))
            case Validator.charset(minClasses: 0).name: validators.append(.charset(minClasses: try reader.int()))
            case Validator.length(min: nil, max: nil).name:
                validators.append(.length(min: try reader.optionalInt(), max: try reader.optionalInt()))
            case Validator.base64(minBytes: 0).name: validators.append(.base64(minBytes: try reader.int()))
            default: throw CacheReader.Malformed()
            }
        }
        return validators
    }
}
