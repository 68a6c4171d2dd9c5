import Foundation
import SiftCore

/// Turns an attachment's bytes into scannable text, with a map back to where each piece came from,
/// and records what it did with every file (``AttachmentScanRecord``).
///
/// Formats: text in UTF-8, UTF-16 (LE/BE, with or without BOM) or Latin-1 (source code, logs, CSV,
/// JSON, YAML, XML, properties, `.env`, shell, SQL dumps, keys, notebooks); Word, Excel and
/// PowerPoint (Office Open XML: body, headers, footers, footnotes, comments, deleted text; every
/// sheet's cells as `Sheet!A1`; slides and speaker notes); OpenDocument text, spreadsheets and
/// presentations; PDF (poppler, page by page); RTF; archives — zip (and jar, war), gzip, tar —
/// nested, each inner file handled as an attachment of its own. Images and other binaries are
/// skipped with a reason; encrypted documents and archive entries too. Every limit
/// (``ExtractionLimits``) that is reached is recorded.
///
/// Thread-safe: one extractor can serve every worker.
public struct AttachmentExtractor: Sendable {
    public let limits: ExtractionLimits

    public init(limits: ExtractionLimits = ExtractionLimits()) {
        self.limits = limits
    }

    /// Extracts `input`.
    public func extract(_ input: AttachmentInput) -> AttachmentExtraction {
        var run = Run(limits: limits, provenance: input.provenance)
        run.handle(input.bytes, name: input.fileName, innerPath: nil, declaredType: input.declaredMediaType, depth: 0)
        return run.result
    }

    /// How many leading bytes of a file ``extract(head:fileSize:)`` needs.
    public static let headBytes = 64 * 1024

    /// How many leading bytes of a file ``extract(magic:fileSize:)`` needs.
    public static let magicBytes = 4 * 1024

    /// What ``extract(_:)`` would give for a file of `fileSize` bytes when `input.bytes`, its first
    /// ``headBytes``, decide it: an image or a binary is skipped whatever follows, so it need not be
    /// read whole (compiled Python, libraries and images are most of a source tree's bytes). `nil`
    /// when the whole file is needed. Detection looks at a file's first 64 KiB only, except for zip
    /// archives, which are never decided here.
    public func extract(head input: AttachmentInput, fileSize: Int) -> AttachmentExtraction? {
        let start = DispatchTime.now().uptimeNanoseconds
        let (type, _) = FileTypeDetector.detection(input.bytes, fileName: input.fileName, mediaType: input.declaredMediaType)
        return skipped(input, as: type, fileSize: fileSize, since: start)
    }

    /// Like ``extract(head:fileSize:)``, from fewer bytes (``magicBytes`` are enough): decides only
    /// the files whose first bytes name them an image or a binary (a magic number: an executable,
    /// a library, compiled Python, a picture), never by byte statistics, so the answer is the one
    /// the whole file would give. `nil` otherwise.
    public func extract(magic input: AttachmentInput, fileSize: Int) -> AttachmentExtraction? {
        let start = DispatchTime.now().uptimeNanoseconds
        guard let type = FileTypeDetector.byMagic(input.bytes, fileName: input.fileName) else { return nil }
        return skipped(input, as: type, fileSize: fileSize, since: start)
    }

    /// The record of a file of `type` skipped unread, or `nil` when `type` is read.
    private func skipped(_ input: AttachmentInput, as type: DetectedType, fileSize: Int, since start: UInt64)
        -> AttachmentExtraction?
    {
        guard fileSize <= limits.maxAttachmentBytes, let detail = Run.unsupportedDetail(type) else { return nil }
        var result = AttachmentExtraction()
        result.records.append(AttachmentScanRecord(
            provenance: input.provenance, fileName: input.fileName, size: fileSize, declaredType: input.declaredMediaType,
            detectedType: type.rawValue, status: .skipped, reason: .unsupportedFormat, detail: detail,
            durationMilliseconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6))
        return result
    }

    /// One extraction, with the budgets shared by every file of an attachment.
    struct Run {
        let limits: ExtractionLimits
        let provenance: Provenance
        var result = AttachmentExtraction()
        var textBudget: Int
        var inflateBudget: Int

        init(limits: ExtractionLimits, provenance: Provenance) {
            self.limits = limits
            self.provenance = provenance
            textBudget = limits.maxTextBytes
            inflateBudget = limits.maxTotalUncompressedBytes
        }

        /// Handles one file: the attachment itself, or a file inside an archive (`innerPath`).
        mutating func handle(_ bytes: [UInt8], name: String, innerPath: String?, declaredType: String?, depth: Int) {
            let start = DispatchTime.now().uptimeNanoseconds
            var record = AttachmentScanRecord(
                provenance: provenance, fileName: name, size: bytes.count,
                declaredType: innerPath == nil ? declaredType : nil, status: .scanned)
            defer {
                record.durationMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                result.records.append(record)
            }
            guard bytes.count <= limits.maxAttachmentBytes else {
                record.status = .skipped
                record.reason = .tooLarge
                record.detail = "\(bytes.count) bytes; the limit is \(limits.maxAttachmentBytes)"
                return
            }
            let (type, detectedEncoding) = FileTypeDetector.detection(
                bytes, fileName: name, mediaType: innerPath == nil ? declaredType : nil)
            record.detectedType = type.rawValue
            switch type {
            case .empty:
                record.status = .skipped
                record.reason = .emptyFile
            case .text, .utf16Text, .ipynb:
                let encoding = detectedEncoding ?? TextDecoder.encoding(of: bytes) ?? .utf8
                let text = TextDecoder.decode(bytes, as: encoding)
                if encoding != .utf8 { record.detail = "decoded from \(encoding.rawValue)" }
                emit([(nil, text)], innerPath: innerPath, record: &record)
            case .rtf:
                emit([(nil, Array(RTFText.text(bytes).utf8))], innerPath: innerPath, record: &record)
            case .pdf:
                pdf(bytes, innerPath: innerPath, record: &record)
            case .docx, .xlsx, .pptx, .odt, .ods, .odp:
                office(bytes, type: type, innerPath: innerPath, record: &record)
            case .zip:
                zip(bytes, name: name, innerPath: innerPath, depth: depth, record: &record)
            case .gzip:
                gzip(bytes, name: name, innerPath: innerPath, depth: depth, record: &record)
            case .tar:
                tar(bytes, name: name, innerPath: innerPath, depth: depth, record: &record)
            case .ole:
                record.status = .skipped
                if Self.containsUTF16(bytes, "EncryptionInfo") {
                    record.reason = .encrypted
                    record.detail = "a password-protected Office document"
                } else {
                    record.reason = .unsupportedFormat
                    record.detail = "a legacy Office binary document (.doc, .xls, .ppt)"
                }
            case .image, .binary:
                record.status = .skipped
                record.reason = .unsupportedFormat
                record.detail = Self.unsupportedDetail(type)
            }
        }

        /// Why a file of this type yields no text, for the types skipped on sight.
        static func unsupportedDetail(_ type: DetectedType) -> String? {
            switch type {
            case .image: "an image (no OCR)"
            case .binary: "a binary file"
            default: nil
            }
        }

        // MARK: - Text out

        /// Appends sections as one content item; cuts at the text budget (status partial).
        mutating func emit(_ sections: [(detail: String?, text: [UInt8])], innerPath: String?, record: inout AttachmentScanRecord) {
            var builder = ExtractedTextBuilder()
            var written = 0
            for (detail, text) in sections where !text.isEmpty {
                guard textBudget > 0 else {
                    record.status = .partial
                    record.reason = .textLimitReached
                    break
                }
                let piece = text.count <= textBudget ? text : Array(text.prefix(textBudget))
                if piece.count < text.count {
                    record.status = .partial
                    record.reason = .textLimitReached
                }
                let label = [innerPath, detail].compactMap { $0 }.joined(separator: "#")
                builder.newline()
                builder.append(piece, as: Part(.attachmentBody, label.isEmpty ? nil : label))
                textBudget -= piece.count
                written += piece.count
            }
            record.textBytes = written
            if record.status == .partial {
                record.detail = "text cut at \(limits.maxTextBytes) bytes"
            }
            guard !builder.isEmpty else { return }
            var itemProvenance = provenance
            if let innerPath, itemProvenance.contentType == .file, let path = itemProvenance.path {
                itemProvenance.path = path + "!" + innerPath
            }
            result.items.append(ContentItem(provenance: itemProvenance, text: builder.build()))
        }

        // MARK: - Documents

        mutating func office(_ bytes: [UInt8], type: DetectedType, innerPath: String?, record: inout AttachmentScanRecord) {
            let directory: ZipDirectory
            do {
                directory = try ZipDirectory(bytes)
            } catch {
                fail(&record, .corrupt, "the document's zip structure is damaged")
                return
            }
            let names = directory.entries.map(\.name)
            let byName = Dictionary(directory.entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            var budget = inflateBudget
            let limits = self.limits
            let read: OfficeText.Reader = { name in
                guard let entry = byName[name] else { return nil }
                if entry.isEncrypted { throw ZipEntryEncrypted() }
                if entry.compressedSize > 0, entry.uncompressedSize / max(entry.compressedSize, 1) > limits.maxCompressionRatio {
                    throw Inflate.LimitExceeded(produced: entry.uncompressedSize)
                }
                let contents = try ZipDirectory.contents(of: entry, in: bytes, limit: min(budget, limits.maxAttachmentBytes))
                budget -= contents.count
                return contents
            }
            do {
                let sections: [OfficeText.Section]
                switch type {
                case .docx: sections = try OfficeText.docx(read, names: names)
                case .xlsx: sections = try OfficeText.xlsx(read, names: names)
                case .pptx: sections = try OfficeText.pptx(read, names: names)
                default: sections = try OfficeText.openDocument(read, kind: type)
                }
                inflateBudget = budget
                emit(sections.map { ($0.detail, Array($0.text.utf8)) }, innerPath: innerPath, record: &record)
            } catch is ZipEntryEncrypted {
                inflateBudget = budget
                record.status = .skipped
                record.reason = .encrypted
            } catch is Inflate.LimitExceeded {
                inflateBudget = budget
                fail(&record, .compressionRatioLimit, "a part of the document inflates beyond the limits", status: .skipped)
            } catch {
                inflateBudget = budget
                fail(&record, .corrupt, "the document could not be read (\(error))")
            }
        }

        mutating func pdf(_ bytes: [UInt8], innerPath: String?, record: inout AttachmentScanRecord) {
            var sections: [(String?, [UInt8])] = []
            do {
                let pages = try PDFText.pages(bytes, maxPages: limits.maxPDFPages) { number, text in
                    sections.append(("page \(number)", Array(text.utf8)))
                }
                emit(sections, innerPath: innerPath, record: &record)
                if pages > limits.maxPDFPages {
                    record.status = .partial
                    record.reason = .pageLimit
                    record.detail = "\(pages) pages; only the first \(limits.maxPDFPages) were read"
                }
            } catch .encrypted {
                record.status = .skipped
                record.reason = .encrypted
                record.detail = "a password-protected PDF"
            } catch .unavailable(let reason) {
                fail(&record, .unsupportedFormat, "PDF text needs poppler (libpoppler-glib8), which could not be loaded: \(reason)")
            } catch {
                fail(&record, .corrupt, "poppler could not read the PDF")
            }
        }

        // MARK: - Archives

        mutating func zip(_ bytes: [UInt8], name: String, innerPath: String?, depth: Int, record: inout AttachmentScanRecord) {
            guard depth < limits.maxArchiveDepth else {
                record.status = .skipped
                record.reason = .archiveDepthLimit
                record.detail = "archives nested more than \(limits.maxArchiveDepth) deep are not opened"
                return
            }
            let directory: ZipDirectory
            do {
                directory = try ZipDirectory(bytes)
            } catch {
                fail(&record, .corrupt, "the zip is truncated or damaged")
                return
            }
            let files = directory.entries.filter { !$0.isDirectory }
            record.detail = "\(files.count) files"
            for (index, entry) in files.enumerated() {
                let path = (innerPath.map { $0 + "!" } ?? "") + entry.name
                let displayName = "\(name)!\(entry.name)"
                guard index < limits.maxEntries else {
                    record.status = .partial
                    record.reason = .entryLimit
                    record.detail = "\(files.count) files; only the first \(limits.maxEntries) were read"
                    break
                }
                if let problem = Self.unsafePath(entry.name) {
                    skip(displayName, size: entry.uncompressedSize, .unsafePath, problem)
                    continue
                }
                if entry.isEncrypted {
                    skip(displayName, size: entry.uncompressedSize, .encrypted, "the entry is encrypted")
                    continue
                }
                if entry.uncompressedSize > limits.maxAttachmentBytes {
                    skip(displayName, size: entry.uncompressedSize, .tooLarge,
                         "\(entry.uncompressedSize) bytes uncompressed; the limit is \(limits.maxAttachmentBytes)")
                    continue
                }
                if entry.compressedSize > 0, entry.uncompressedSize / entry.compressedSize > limits.maxCompressionRatio {
                    skip(displayName, size: entry.uncompressedSize, .compressionRatioLimit,
                         "it would inflate \(entry.uncompressedSize / entry.compressedSize) times (a zip bomb?)")
                    continue
                }
                let limit = min(inflateBudget, limits.maxAttachmentBytes,
                                max(entry.compressedSize, 1) * limits.maxCompressionRatio)
                do {
                    let contents = try ZipDirectory.contents(of: entry, in: bytes, limit: limit)
                    inflateBudget -= contents.count
                    handle(contents, name: displayName, innerPath: path, declaredType: nil, depth: depth + 1)
                } catch is Inflate.LimitExceeded {
                    skip(displayName, size: entry.uncompressedSize, .compressionRatioLimit,
                         "it inflates beyond the limits (its header said \(entry.uncompressedSize) bytes)")
                } catch {
                    skip(displayName, size: entry.uncompressedSize, .corrupt, "the entry could not be inflated", status: .failed)
                }
            }
        }

        mutating func gzip(_ bytes: [UInt8], name: String, innerPath: String?, depth: Int, record: inout AttachmentScanRecord) {
            guard depth < limits.maxArchiveDepth else {
                record.status = .skipped
                record.reason = .archiveDepthLimit
                return
            }
            guard let member = Gzip.member(bytes) else {
                fail(&record, .corrupt, "the gzip header is damaged")
                return
            }
            let innerName = member.name ?? (name.lowercased().hasSuffix(".gz") ? String(name.dropLast(3))
                : name.lowercased().hasSuffix(".tgz") ? String(name.dropLast(4)) + ".tar" : name + ".out")
            let limit = min(inflateBudget, limits.maxAttachmentBytes, max(bytes.count, 1) * limits.maxCompressionRatio)
            do {
                let contents = try Inflate.raw(bytes[member.deflateStart...], limit: limit)
                inflateBudget -= contents.count
                let path = (innerPath.map { $0 + "!" } ?? "") + innerName
                handle(contents, name: "\(name)!\(innerName)", innerPath: path, declaredType: nil, depth: depth + 1)
            } catch is Inflate.LimitExceeded {
                fail(&record, .compressionRatioLimit, "it inflates beyond the limits (a gzip bomb?)", status: .skipped)
            } catch {
                fail(&record, .corrupt, "the gzip stream is truncated or damaged")
            }
        }

        mutating func tar(_ bytes: [UInt8], name: String, innerPath: String?, depth: Int, record: inout AttachmentScanRecord) {
            guard depth < limits.maxArchiveDepth else {
                record.status = .skipped
                record.reason = .archiveDepthLimit
                return
            }
            let (files, truncated) = Tar.files(bytes)
            record.detail = "\(files.count) files" + (truncated ? "; the archive is truncated" : "")
            if truncated {
                record.status = .partial
                record.reason = .corrupt
            }
            for (index, file) in files.enumerated() {
                guard index < limits.maxEntries else {
                    record.status = .partial
                    record.reason = .entryLimit
                    break
                }
                let displayName = "\(name)!\(file.name)"
                if let problem = Self.unsafePath(file.name) {
                    skip(displayName, size: file.range.count, .unsafePath, problem)
                    continue
                }
                let path = (innerPath.map { $0 + "!" } ?? "") + file.name
                handle(Array(bytes[file.range]), name: displayName, innerPath: path, declaredType: nil, depth: depth + 1)
            }
        }

        // MARK: - Records

        mutating func skip(
            _ name: String, size: Int, _ reason: AttachmentScanRecord.Reason, _ detail: String,
            status: AttachmentScanRecord.Status = .skipped
        ) {
            result.records.append(AttachmentScanRecord(
                provenance: provenance, fileName: name, size: size, status: status, reason: reason, detail: detail))
        }

        func fail(
            _ record: inout AttachmentScanRecord, _ reason: AttachmentScanRecord.Reason, _ detail: String,
            status: AttachmentScanRecord.Status = .failed
        ) {
            record.status = status
            record.reason = reason
            record.detail = detail
        }

        /// Why an archive entry's name is unsafe (absolute, or climbing out with `..`), if it is.
        static func unsafePath(_ name: String) -> String? {
            if name.hasPrefix("/") || name.hasPrefix("\\") || (name.count > 1 && name.dropFirst().first == ":") {
                return "an absolute path (\(name))"
            }
            let parts = name.split(whereSeparator: { $0 == "/" || $0 == "\\" })
            if parts.contains("..") { return "a path that climbs out of the archive (\(name))" }
            return nil
        }

        /// Whether `bytes` contain `text` in UTF-16LE (names in an OLE directory).
        static func containsUTF16(_ bytes: [UInt8], _ text: String) -> Bool {
            var needle: [UInt8] = []
            for unit in text.utf16 {
                needle.append(UInt8(unit & 0xFF))
                needle.append(UInt8(unit >> 8))
            }
            return bytes.withUnsafeBytes { haystack in needle.withUnsafeBytes { ByteSearch.contains($0, in: haystack) } }
        }
    }

    struct ZipEntryEncrypted: Error {}
}
