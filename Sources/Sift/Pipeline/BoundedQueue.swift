#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking first-in first-out queue of bounded capacity, for handing work between threads with
/// back-pressure: ``push(_:)`` waits while the queue is full, ``pop()`` waits while it is empty.
///
/// ``close()`` ends the stream: pushes after it are refused, and ``pop()`` returns `nil` once the
/// remaining elements are taken. ``cancel()`` also drops what is queued, for a scan that stops early.
///
/// Waking costs more than handing over: a scan of a source tree passes each of its thousands of
/// small files through two queues. So a thread is woken only when one waits for what changed
/// (a consumer for an element, a producer for room), consumers one per element, and a waiting
/// producer only once the queue is down to half: it then refills it in one go instead of being
/// woken for every element taken. (One condition broadcast at every push and pop was 7.7 % of the
/// samples of a scan of the Python standard library, most of it futex calls and lock contention.)
final class BoundedQueue<Element>: @unchecked Sendable {
    // SAFETY: every access to the fields below happens with `mutex` locked; the mutex and the
    // conditions are allocated, initialised and destroyed by this object, and never move.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let notEmpty: UnsafeMutablePointer<pthread_cond_t>
    private let notFull: UnsafeMutablePointer<pthread_cond_t>
    private var buffer: [Element?]
    private var head = 0
    private var count = 0
    private var waitingConsumers = 0
    private var waitingProducers = 0
    private var closed = false
    private(set) var cancelled = false

    init(capacity: Int) {
        precondition(capacity > 0)
        buffer = Array(repeating: nil, count: capacity)
        mutex = .allocate(capacity: 1)
        notEmpty = .allocate(capacity: 1)
        notFull = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(notEmpty, nil)
        pthread_cond_init(notFull, nil)
    }

    deinit {
        pthread_cond_destroy(notFull)
        pthread_cond_destroy(notEmpty)
        pthread_mutex_destroy(mutex)
        notFull.deallocate()
        notEmpty.deallocate()
        mutex.deallocate()
    }

    /// Adds `element`, waiting while the queue is full. Returns `false` (and drops the element)
    /// when the queue is closed or cancelled.
    @discardableResult
    func push(_ element: Element) -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while count == buffer.count, !closed, !cancelled {
            waitingProducers += 1
            pthread_cond_wait(notFull, mutex)
            waitingProducers -= 1
        }
        guard !closed, !cancelled else { return false }
        buffer[(head + count) % buffer.count] = element
        count += 1
        if waitingConsumers > 0 { pthread_cond_signal(notEmpty) }
        return true
    }

    /// Takes the oldest element, waiting while the queue is empty and open; `nil` at the end.
    func pop() -> Element? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while count == 0, !closed, !cancelled {
            waitingConsumers += 1
            pthread_cond_wait(notEmpty, mutex)
            waitingConsumers -= 1
        }
        guard count > 0, !cancelled else { return nil }
        let element = buffer[head]
        buffer[head] = nil
        head = (head + 1) % buffer.count
        count -= 1
        // Producers wait only on a full queue; every one is woken once half of it is free (a
        // queue of one is woken at once). Each pop down there wakes them again, so none is missed
        // whatever the interleaving.
        if waitingProducers > 0, count <= buffer.count / 2 { pthread_cond_broadcast(notFull) }
        return element
    }

    /// No more pushes; consumers drain what is queued, then see `nil`.
    func close() {
        pthread_mutex_lock(mutex)
        closed = true
        pthread_cond_broadcast(notEmpty)
        pthread_cond_broadcast(notFull)
        pthread_mutex_unlock(mutex)
    }

    /// Stops everything: queued elements are dropped, waiting producers and consumers return.
    func cancel() {
        pthread_mutex_lock(mutex)
        cancelled = true
        buffer = Array(repeating: nil, count: buffer.count)
        count = 0
        pthread_cond_broadcast(notEmpty)
        pthread_cond_broadcast(notFull)
        pthread_mutex_unlock(mutex)
    }
}
