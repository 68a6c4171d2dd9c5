import Foundation

/// A blocking first-in first-out queue of bounded capacity, for handing work between threads with
/// back-pressure: ``push(_:)`` waits while the queue is full, ``pop()`` waits while it is empty.
///
/// ``close()`` ends the stream: pushes after it are refused, and ``pop()`` returns `nil` once the
/// remaining elements are taken. ``cancel()`` also drops what is queued, for a scan that stops early.
final class BoundedQueue<Element>: @unchecked Sendable {
    // SAFETY: every access to `buffer`, `closed` and `cancelled` happens with `condition` locked.
    private let condition = NSCondition()
    private var buffer: [Element?]
    private var head = 0
    private var count = 0
    private var closed = false
    private(set) var cancelled = false

    init(capacity: Int) {
        precondition(capacity > 0)
        buffer = Array(repeating: nil, count: capacity)
    }

    /// Adds `element`, waiting while the queue is full. Returns `false` (and drops the element)
    /// when the queue is closed or cancelled.
    @discardableResult
    func push(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while count == buffer.count, !closed, !cancelled { condition.wait() }
        guard !closed, !cancelled else { return false }
        buffer[(head + count) % buffer.count] = element
        count += 1
        condition.broadcast()
        return true
    }

    /// Takes the oldest element, waiting while the queue is empty and open; `nil` at the end.
    func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while count == 0, !closed, !cancelled { condition.wait() }
        guard count > 0, !cancelled else { return nil }
        let element = buffer[head]
        buffer[head] = nil
        head = (head + 1) % buffer.count
        count -= 1
        condition.broadcast()
        return element
    }

    /// No more pushes; consumers drain what is queued, then see `nil`.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Stops everything: queued elements are dropped, waiting producers and consumers return.
    func cancel() {
        condition.lock()
        cancelled = true
        buffer = Array(repeating: nil, count: buffer.count)
        count = 0
        condition.broadcast()
        condition.unlock()
    }
}
