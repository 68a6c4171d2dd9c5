import Foundation

/// One piece of work for a scan worker.
enum ScanWork: Sendable {
    case content(ContentItem)
    case attachment(AttachmentVersion)
    case file(SourceFile, hash: String)
    case diagnostic(Diagnostic)

    /// The work for a reader event, or `nil` when the content version was scanned before with the
    /// same rules (`skip` says so).
    init?(_ event: SourceEvent, skip: (@Sendable (ContentVersionKey) -> Bool)?) {
        switch event {
        case .content(let item):
            if let skip, skip(ContentVersionKey(provenance: item.provenance)) { return nil }
            self = .content(item)
        case .attachment(let attachment):
            if let skip, skip(ContentVersionKey(provenance: attachment.provenance)) { return nil }
            self = .attachment(attachment)
        case .file(let file):
            let modified = (file.modified
                ?? (try? FileManager.default.attributesOfItem(atPath: file.fullPath))?[.modificationDate] as? Date)?
                .timeIntervalSince1970 ?? 0
            // What identifies the file's bytes without reading them: size and modification time,
            // and the status-change time when the listing has it (a rewrite that keeps the size and
            // sets the old modification time back still moves it; no one can set it).
            var hash = "size:\(file.size),mtime:\(Int(modified * 1000))"
            if let stamp = file.listed { hash += ",ctime:\(stamp.changedSeconds).\(stamp.changedNanoseconds)" }
            if let skip, skip(ContentVersionKey(provenance: .file(file.path), contentHash: hash)) { return nil }
            self = .file(file, hash: hash)
        case .diagnostic(let diagnostic):
            self = .diagnostic(diagnostic)
        }
    }

    /// Runs on a worker thread.
    func run(engine: DetectionEngine, extractor: AttachmentExtractor, options: Scanner.Options, scratch: DetectionScratch)
        -> ScanResult
    {
        switch self {
        case .diagnostic(let diagnostic):
            return ScanResult(provenance: Provenance(contentType: .file, path: diagnostic.location.file),
                              diagnostics: [diagnostic], isDiagnosticOnly: true)
        case .content(let item):
            let detection = engine.findings(in: item, using: scratch)
            return ScanResult(provenance: item.provenance, findings: detection.findings, diagnostics: detection.diagnostics,
                              bytes: item.text.count)
        case .attachment(let attachment):
            return attachmentResult(attachment, engine: engine, extractor: extractor, options: options, scratch: scratch)
        case .file(let file, let hash):
            var result = ScanResult(provenance: .file(file.path), contentHash: hash)
            do {
                guard file.size <= extractor.limits.maxAttachmentBytes else {
                    result.attachments.append(AttachmentScanRecord(
                        provenance: result.provenance, fileName: file.path, size: file.size, status: .skipped,
                        reason: .tooLarge, detail: "\(file.size) bytes; the limit is \(extractor.limits.maxAttachmentBytes)"))
                    return result
                }
                // A file whose first bytes show it is an image or a binary is not read further: by
                // its magic number on the first 4 KiB, by its byte statistics on the first 64 KiB.
                // Compiled code and libraries are most of a source tree's bytes.
                var decided: AttachmentExtraction?
                let read = try file.load(checkpoints: [AttachmentExtractor.magicBytes, AttachmentExtractor.headBytes]) { head in
                    let input = AttachmentInput(bytes: head, fileName: file.path, provenance: result.provenance)
                    decided = head.count < AttachmentExtractor.headBytes
                        ? extractor.extract(magic: input, fileSize: file.size) : extractor.extract(head: input, fileSize: file.size)
                    return decided != nil
                }
                result.matchesListing = read.unchanged
                let extraction = decided
                    ?? extractor.extract(AttachmentInput(bytes: read.bytes, fileName: file.path, provenance: result.provenance))
                Self.merge(extraction, into: &result, engine: engine, scratch: scratch)
            } catch {
                result.diagnostics.append(Diagnostic(.error, code: "file-unreadable", "cannot read the file: \(error)",
                                                     at: SourceLocation(file: file.path)))
            }
            return result
        }
    }

    private func attachmentResult(
        _ attachment: AttachmentVersion, engine: DetectionEngine, extractor: AttachmentExtractor, options: Scanner.Options,
        scratch: DetectionScratch
    ) -> ScanResult {
        var result = ScanResult(provenance: attachment.provenance)
        // The file name is content too.
        var title = ExtractedTextBuilder()
        title.append(attachment.fileName, as: Part(.title))
        let titleFindings = engine.findings(in: ContentItem(provenance: attachment.provenance, text: title.build()), using: scratch)
        result.findings += titleFindings.findings
        func record(_ status: AttachmentScanRecord.Status, _ reason: AttachmentScanRecord.Reason, _ detail: String, size: Int = 0) {
            result.attachments.append(AttachmentScanRecord(
                provenance: attachment.provenance, fileName: attachment.fileName, size: size,
                declaredType: attachment.declaredMediaType, status: status, reason: reason, detail: detail))
        }
        guard options.scanAttachments else {
            record(.skipped, .attachmentsDisabled, "scanAttachments is off", size: attachment.declaredSize ?? 0)
            return result
        }
        do {
            guard let bytes = try attachment.load(maxBytes: extractor.limits.maxAttachmentBytes) else {
                record(.failed, .missingFile, "the export has no file at \(attachment.location)")
                return result
            }
            var input = AttachmentInput(bytes: bytes, fileName: attachment.fileName, provenance: attachment.provenance)
            input.declaredMediaType = attachment.declaredMediaType
            Self.merge(extractor.extract(input), into: &result, engine: engine, scratch: scratch)
        } catch let tooLarge as AttachmentTooLarge {
            record(.skipped, .tooLarge, tooLarge.description, size: tooLarge.size)
        } catch {
            record(.failed, .corrupt, "the file could not be read from the export: \(error)")
        }
        return result
    }

    /// Scans every item an extraction produced and adds its records and diagnostics.
    private static func merge(
        _ extraction: AttachmentExtraction, into result: inout ScanResult, engine: DetectionEngine, scratch: DetectionScratch
    ) {
        for item in extraction.items {
            let detection = engine.findings(in: item, using: scratch)
            result.findings += detection.findings
            result.diagnostics += detection.diagnostics
            result.bytes += item.text.count
        }
        result.attachments += extraction.records
        result.diagnostics += extraction.diagnostics
    }
}
