#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Drops the content of chosen properties' CDATA values from entities.xml on its way to libxml2,
/// keeping their line feeds: for the index pass, which skips the bodies but still had libxml2
/// walk every byte of them (a quarter of reading an export, nearly all of it in libxml2). In the
/// body pass it keeps the values aside instead (`capturing`) and leaves a stand-in that the reader
/// swaps back (``takeCapture(replacing:)``), so that libxml2 does not walk them there either.
///
/// Only `<property name="NAME"><![CDATA[` written exactly so, in markup, starts a blanked value;
/// it ends at the first `]]>`, as CDATA does. CDATA sections, comments and processing instructions
/// are followed so that the same bytes inside them start nothing; a DOCTYPE (whose internal subset
/// could hold anything in quotes) switches blanking off for the rest of the file.
///
/// Line numbers stay those of the unfiltered file (libxml2 counts line feeds, and every one is
/// kept); columns after a blanked value on its line do not, so a caller that gets diagnostics reads
/// the file again unfiltered.
package struct CDATABlanker {
    private enum State {
        case markup, cdata, comment, instruction, blanking, off
    }

    private var state = State.markup
    private let markers: [[UInt8]]
    /// Whether blanked values are kept for ``takeCapture(replacing:)`` (the body pass) rather than dropped.
    let captures: Bool
    /// Values kept, by sequence number, until the parser reaches them.
    private var captured: [Int: [UInt8]] = [:]
    private var sequence = 0
    /// What stands in for a kept value: `#sift-<random>-<sequence>#`, after its line feeds. The
    /// random part makes it impossible for a file to contain one.
    private let tokenPrefix = Array("#sift-\(UInt64.random(in: 1...UInt64.max))-".utf8)
    /// Bytes needed after a `<` to tell what it starts.
    private let lookahead: Int

    private static let cdataStart = Array("<![CDATA[".utf8)
    private static let commentStart = Array("<!--".utf8)
    private static let instructionStart = Array("<?".utf8)
    private static let doctypeStart = Array("<!DOCTYPE".utf8)
    private static let cdataEnd = Array("]]>".utf8)
    private static let commentEnd = Array("-->".utf8)
    private static let instructionEnd = Array("?>".utf8)

    /// - Parameters:
    ///   - properties: the property names whose CDATA values are blanked (`body`).
    ///   - capturing: keep each value that ends in the same chunk (and is longer than its stand-in)
    ///     for ``takeCapture(replacing:)``: the parser then sees a few bytes instead of the body.
    package init(properties: [String], capturing: Bool = false) {
        captures = capturing
        markers = properties.map { Array("<property name=\"\($0)\"><![CDATA[".utf8) }
        lookahead = max(Self.doctypeStart.count, Self.cdataStart.count, markers.map(\.count).max() ?? 0)
    }

    /// Filters `bytes` in place. Returns how many bytes of output now start the buffer, and how many
    /// input bytes were consumed: the others (a few, at most `lookahead`) are undecided and must be
    /// passed again in front of the next bytes; with `atEnd`, every byte is consumed.
    package mutating func filter(_ bytes: UnsafeMutableBufferPointer<UInt8>, atEnd: Bool) -> (output: Int, consumed: Int) {
        guard let base = bytes.baseAddress else { return (0, 0) }
        let count = bytes.count
        var read = 0
        var written = 0

        // SAFETY: every index below stays in `0..<count`; `written <= read` always, so moving
        // bytes down never overwrites one not yet read.
        func copy(upTo end: Int) {
            if written != read { memmove(base + written, base + read, end - read) }
            written += end - read
            read = end
        }
        func find(_ byte: UInt8, from start: Int) -> Int? {
            guard start < count, let found = memchr(base + start, Int32(byte), count - start) else { return nil }
            return UnsafeMutableRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
        }
        func starts(_ pattern: [UInt8], at offset: Int) -> Bool {
            guard count - offset >= pattern.count else { return false }
            return pattern.withUnsafeBufferPointer { memcmp(base + offset, $0.baseAddress!, pattern.count) == 0 }
        }
        /// The offset of `terminator` at or after `read`; `nil` when it is not there (`partial`: the
        /// offset from which it might still begin in the next bytes).
        func terminator(_ pattern: [UInt8]) -> (found: Int?, partial: Int) {
            var from = read
            while let candidate = find(pattern[0], from: from) {
                if count - candidate < pattern.count {
                    // Cut by the end of the buffer: it may go on in the next bytes.
                    if !atEnd, (0..<(count - candidate)).allSatisfy({ base[candidate + $0] == pattern[$0] }) {
                        return (nil, candidate)
                    }
                    from = candidate + 1
                    continue
                }
                if starts(pattern, at: candidate) { return (candidate, candidate) }
                from = candidate + 1
            }
            return (nil, count)
        }
        /// Writes the line feeds of `read..<end` and consumes it.
        func blank(upTo end: Int) {
            var from = read
            while let newline = find(0x0A, from: from), newline < end {
                base[written] = 0x0A
                written += 1
                from = newline + 1
            }
            read = end
        }

        while read < count {
            switch state {
            case .off:
                copy(upTo: count)
            case .markup:
                guard let open = find(0x3C, from: read) else {  // '<'
                    copy(upTo: count)
                    continue
                }
                copy(upTo: open)
                if count - open < lookahead, !atEnd { return (written, read) }
                if let marker = markers.first(where: { starts($0, at: open) }) {
                    copy(upTo: open + marker.count)
                    state = captures ? .cdata : .blanking
                    if captures, case (let found?, _) = terminator(Self.cdataEnd) {
                        // The whole value is in this chunk: keep it, and leave its line feeds and
                        // a stand-in where it was, if the stand-in fits.
                        let token = tokenPrefix + Array("\(sequence)#".utf8)
                        let start = read
                        var newlines = 0
                        var from = start
                        while let newline = find(0x0A, from: from), newline < found {
                            newlines += 1
                            from = newline + 1
                        }
                        if found - start >= newlines + token.count {
                            captured[sequence] = Array(UnsafeBufferPointer(start: base + start, count: found - start))
                            sequence += 1
                            blank(upTo: found)
                            for byte in token {
                                base[written] = byte
                                written += 1
                            }
                            copy(upTo: found + Self.cdataEnd.count)
                            state = .markup
                        }
                    }
                } else if starts(Self.cdataStart, at: open) {
                    copy(upTo: open + Self.cdataStart.count)
                    state = .cdata
                } else if starts(Self.commentStart, at: open) {
                    copy(upTo: open + Self.commentStart.count)
                    state = .comment
                } else if starts(Self.instructionStart, at: open) {
                    copy(upTo: open + Self.instructionStart.count)
                    state = .instruction
                } else if starts(Self.doctypeStart, at: open) {
                    state = .off
                } else {
                    copy(upTo: open + 1)
                }
            case .cdata, .comment, .instruction, .blanking:
                let end: [UInt8]
                switch state {
                case .comment: end = Self.commentEnd
                case .instruction: end = Self.instructionEnd
                default: end = Self.cdataEnd
                }
                let (found, partial) = terminator(end)
                if let found {
                    if state == .blanking { blank(upTo: found) } else { copy(upTo: found) }
                    copy(upTo: found + end.count)
                    state = .markup
                } else {
                    if state == .blanking { blank(upTo: partial) } else { copy(upTo: partial) }
                    if read < count { return (written, read) }
                }
            }
        }
        return (written, read)
    }

    /// If the text the parser delivered for a property starts with a stand-in (line feeds, then
    /// the token), the text with the kept value in its place; kept values before it, which the
    /// reader skipped, are dropped.
    package mutating func takeCapture(replacing delivered: [UInt8]) -> [UInt8]? {
        guard captures, !captured.isEmpty else { return nil }
        var index = 0
        while index < delivered.count, delivered[index] == 0x0A { index += 1 }
        guard delivered.count - index > tokenPrefix.count,
            delivered[index..<(index + tokenPrefix.count)].elementsEqual(tokenPrefix)
        else { return nil }
        var end = index + tokenPrefix.count
        var number = 0
        while end < delivered.count, delivered[end] &- 0x30 < 10, number < Int.max / 10 - 10 {
            number = number * 10 + Int(delivered[end] - 0x30)
            end += 1
        }
        guard end < delivered.count, delivered[end] == 0x23, let value = captured.removeValue(forKey: number) else {
            return nil
        }
        for key in captured.keys where key < number { captured.removeValue(forKey: key) }
        return value + delivered[(end + 1)...]
    }
}
