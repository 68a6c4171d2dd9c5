import Foundation

/// Runs work through N worker threads with back-pressure: one producer thread, a bounded queue of
/// work, workers that each own their mutable state (a matcher scratch), a bounded queue of results,
/// and the calling thread as the single consumer (it owns the store and the exporters).
///
/// ```
/// producer thread ──▶ [work queue] ──▶ worker 1…N ──▶ [result queue] ──▶ consumer (caller)
/// ```
///
/// Memory stays bounded by the two capacities however much the producer has to offer. An error
/// thrown by the producer or the consumer stops everything (queued work is dropped, threads end)
/// and is rethrown by ``run(produce:makeState:process:consume:)``; ``cancel()`` stops early too.
final class ScanPipeline<Work: Sendable, Result: Sendable>: @unchecked Sendable {
    // SAFETY: the queues are thread-safe; `failure` and `cancelled` are only touched with `lock`
    // held; `workers` and `capacity` are immutable.
    let workers: Int
    private let capacity: Int
    private let lock = NSLock()
    private var failure: (any Error)?
    private var cancelled = false
    private var workQueue: BoundedQueue<Work>?
    private var resultQueue: BoundedQueue<Result>?

    /// - Parameters:
    ///   - workers: worker threads, at least one.
    ///   - capacity: how many pieces of work (and results) may wait in each queue.
    init(workers: Int, capacity: Int) {
        self.workers = max(1, workers)
        self.capacity = max(1, capacity)
    }

    /// Runs the pipeline to the end and returns when the producer is done, every piece of work is
    /// processed and every result consumed.
    ///
    /// - Parameters:
    ///   - produce: called on a producer thread with a `submit` function (which blocks while the
    ///     queue is full and returns `false` once the pipeline is stopping).
    ///   - makeState: called once on each worker thread for its private state.
    ///   - process: called on a worker thread for each piece of work.
    ///   - consume: called on the calling thread for each result.
    func run<State>(
        produce: @escaping @Sendable (_ submit: (Work) -> Bool) throws -> Void,
        makeState: @escaping @Sendable () -> State,
        process: @escaping @Sendable (Work, inout State) -> Result,
        consume: (Result) throws -> Void
    ) throws {
        let work = BoundedQueue<Work>(capacity: capacity)
        let results = BoundedQueue<Result>(capacity: capacity)
        lock.withLock {
            workQueue = work
            resultQueue = results
            failure = nil
            cancelled = false
        }
        let group = DispatchGroup()
        let producer = Thread { [self] in
            do {
                try produce { work.push($0) }
            } catch {
                fail(error)
            }
            work.close()
            group.leave()
        }
        group.enter()
        producer.stackSize = 8 << 20
        producer.start()

        let finished = DispatchGroup()
        for _ in 0..<workers {
            finished.enter()
            let thread = Thread {
                var state = makeState()
                while let item = work.pop() {
                    if !results.push(process(item, &state)) { break }
                }
                finished.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        // Close the result queue once the producer and every worker are done.
        let closer = Thread {
            group.wait()
            finished.wait()
            results.close()
        }
        closer.start()

        while let result = results.pop() {
            do {
                try consume(result)
            } catch {
                fail(error)
            }
        }
        // Wait for every thread before returning, so no closure outlives the call.
        group.wait()
        finished.wait()
        try lock.withLock {
            workQueue = nil
            resultQueue = nil
            if let failure { throw failure }
        }
    }

    /// Stops the pipeline: the producer's next submission returns `false`, queued work is dropped,
    /// and ``run(produce:makeState:process:consume:)`` returns once the threads are done.
    func cancel() {
        let queues: (BoundedQueue<Work>?, BoundedQueue<Result>?) = lock.withLock {
            cancelled = true
            return (workQueue, resultQueue)
        }
        queues.0?.cancel()
        queues.1?.cancel()
    }

    /// Whether ``cancel()`` was called or an error stopped the pipeline.
    var isStopping: Bool { lock.withLock { cancelled || failure != nil } }

    private func fail(_ error: any Error) {
        let first = lock.withLock {
            if failure == nil {
                failure = error
                return true
            }
            return false
        }
        if first { cancel() }
    }
}
