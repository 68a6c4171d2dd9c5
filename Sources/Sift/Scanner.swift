import Foundation

/// Scans exports, REST dumps, storage files and plain files with a ``DetectionEngine``: one reader
/// thread, N workers (each with its own ``DetectionScratch``), and the caller's thread as the single
/// consumer of results (where the workspace store and exporters live).
///
/// ```swift
/// let engine = try DetectionEngine(packs: BuiltinPacks.all())
/// let scanner = Scanner(engine: engine)
/// try scanner.scan([URL(fileURLWithPath: "space-export.zip")]) { result in
///     for finding in result.findings { print(finding.ruleName, finding.provenance.title ?? "") }
/// }
/// ```
///
/// Memory stays flat: at most ``Options/queueCapacity`` content versions wait for a worker and as
/// many results for the consumer, whatever the size of the export.
public final class Scanner: Sendable {
    /// How to scan.
    public struct Options: Sendable {
        /// Worker threads; 0 means one per core.
        public var workers: Int
        /// Whether attachments are extracted and scanned (the app's `scanAttachments`).
        public var scanAttachments: Bool
        /// What to read.
        public var scope: ReadScope
        public var read: ReadOptions
        public var extraction: ExtractionLimits
        /// Content versions (and results) that may wait in each queue.
        public var queueCapacity: Int

        public init(
            workers: Int = 0, scanAttachments: Bool = true, scope: ReadScope = .all, read: ReadOptions = ReadOptions(),
            extraction: ExtractionLimits = ExtractionLimits(), queueCapacity: Int = 64
        ) {
            self.workers = workers
            self.scanAttachments = scanAttachments
            self.scope = scope
            self.read = read
            self.extraction = extraction
            self.queueCapacity = queueCapacity
        }

        /// The number of worker threads these options give on this machine.
        public var workerCount: Int {
            workers > 0 ? workers : max(1, ProcessInfo.processInfo.activeProcessorCount)
        }
    }

    public let engine: DetectionEngine
    public let options: Options
    private let pipeline: ScanPipeline<ScanWork, ScanResult>
    private let extractor: AttachmentExtractor

    public init(engine: DetectionEngine, options: Options = Options()) {
        self.engine = engine
        self.options = options
        pipeline = ScanPipeline(workers: options.workerCount, capacity: options.queueCapacity)
        extractor = AttachmentExtractor(limits: options.extraction)
    }

    /// Scans `inputs` and hands every result to `consume` on the calling thread.
    ///
    /// - Parameters:
    ///   - excluding: directories not to walk into (the workspace).
    ///   - listings: directories among `inputs` already walked with the same `excluding` (see
    ///     ``DirectoryListing``): read as listed, not walked again.
    ///   - skip: content versions already scanned with the same rules (incremental rescans): not read
    ///     further, not matched.
    ///   - progress: called on the calling thread, at most a few times a second.
    ///   - consume: receives each content version's result, in no particular order; throwing stops
    ///     the scan and rethrows.
    /// - Returns: what the scan did.
    @discardableResult
    public func scan(
        _ inputs: [URL], excluding: [URL] = [], listings: [DirectoryListing] = [],
        skip: (@Sendable (ContentVersionKey) -> Bool)? = nil,
        progress: ((ScanProgress) -> Void)? = nil, _ consume: (ScanResult) throws -> Void
    ) throws -> ScanTotals {
        let started = DispatchTime.now().uptimeNanoseconds
        let shared = ProgressBox()
        let options = self.options
        let engine = self.engine
        let extractor = self.extractor
        var totals = ScanTotals()
        var lastReport: UInt64 = 0
        try pipeline.run(
            produce: { submit in
                try SourceReader.read(
                    inputs, scope: options.scope, options: options.read, excluding: excluding, listings: listings,
                    progress: { shared.update(read: $0.bytesRead, total: $0.totalBytes, phase: $0.phase.rawValue) }
                ) { event in
                    if let work = ScanWork(event, skip: skip) {
                        guard submit(work) else { throw CancellationError() }
                    } else {
                        shared.skipped()
                    }
                }
            },
            makeState: { engine.makeScratch() },
            process: { work, scratch in work.run(engine: engine, extractor: extractor, options: options, scratch: scratch) },
            consume: { result in
                totals.add(result)
                shared.done(bytes: result.bytes)
                try consume(result)
                let now = DispatchTime.now().uptimeNanoseconds
                if let progress, now - lastReport > 200_000_000 {
                    lastReport = now
                    progress(shared.snapshot(elapsed: Double(now - started) / 1e9))
                }
            })
        totals.skippedUnchanged = shared.snapshot(elapsed: 0).skippedUnchanged
        totals.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        progress?(shared.snapshot(elapsed: totals.seconds))
        return totals
    }

    /// Stops a running scan: the reader stops, queued work is dropped, ``scan(_:excluding:listings:skip:progress:_:)``
    /// returns (throwing `CancellationError`) once the threads are done.
    public func cancel() { pipeline.cancel() }
}

/// Counters shared by the reader thread and the consumer.
final class ProgressBox: @unchecked Sendable {
    // SAFETY: every field is accessed with `lock` held.
    private let lock = NSLock()
    private var state = ScanProgress()

    func update(read: Int, total: Int?, phase: String) {
        lock.withLock {
            state.exportBytesRead = read
            state.exportBytesTotal = total
            state.phase = phase
        }
    }

    func done(bytes: Int) {
        lock.withLock {
            state.items += 1
            state.bytesScanned += bytes
        }
    }

    func skipped() { lock.withLock { state.skippedUnchanged += 1 } }

    func snapshot(elapsed: Double) -> ScanProgress {
        lock.withLock {
            var copy = state
            copy.elapsedSeconds = elapsed
            return copy
        }
    }
}
