import SiftCore
import Testing

/// The concrete `append` overloads must build exactly what the generic one builds.
@Suite struct ExtractedTextBuilderTests {
    @Test func overloadsMatchTheGenericAppend() {
        let pieces: [(String, Part)] = [
            ("Title", Part(.title)), ("", Part(.title)), ("first ", Part(.paragraph)), ("second", Part(.paragraph)),
            ("tëxt €", Part(.code, "bash")), ("x", Part(.paragraph)),
        ]
        var generic = ExtractedTextBuilder()
        var strings = ExtractedTextBuilder()
        var arrays = ExtractedTextBuilder()
        var slices = ExtractedTextBuilder()
        var buffers = ExtractedTextBuilder()
        for (text, part) in pieces {
            generic.append(text.utf8.lazy.map { $0 }, as: part)
            strings.append(text, as: part)
            let bytes = Array(text.utf8)
            arrays.append(bytes, as: part)
            slices.append((Array("--".utf8) + bytes)[2...], as: part)
            bytes.withUnsafeBufferPointer { buffers.append($0, as: part) }
        }
        for other in [strings, arrays, slices, buffers] {
            #expect(other.bytes == generic.bytes)
            #expect(other.parts == generic.parts)
        }
        #expect(generic.parts.count == 4, "adjacent equal parts share a span: \(generic.parts)")
    }

    /// The first array is taken without a copy; what follows must not change the caller's array.
    @Test func theFirstArrayIsSharedNotChanged() {
        let first = Array("first".utf8)
        var builder = ExtractedTextBuilder()
        builder.append([], as: Part(.title))
        builder.append(first, as: Part(.paragraph))
        builder.newline()
        builder.append(Array("second".utf8), as: Part(.paragraph))
        #expect(first == Array("first".utf8))
        #expect(builder.bytes == Array("first\nsecond".utf8))
        #expect(builder.parts == [PartSpan(range: 0..<5, part: Part(.paragraph)), PartSpan(range: 6..<12, part: Part(.paragraph))])
    }
}
