import Foundation
import Testing

@testable import Sift

@Suite struct BoundedQueueTests {
    @Test func deliversEverythingInOrderAcrossThreads() {
        let queue = BoundedQueue<Int>(capacity: 4)
        let producer = Thread {
            for i in 0..<10_000 { queue.push(i) }
            queue.close()
        }
        producer.start()
        var received: [Int] = []
        while let value = queue.pop() { received.append(value) }
        #expect(received == Array(0..<10_000))
        #expect(!queue.push(1), "a closed queue refuses pushes")
    }

    @Test func cancelReleasesABlockedProducer() {
        let queue = BoundedQueue<Int>(capacity: 1)
        let done = NSCondition()
        nonisolated(unsafe) var finished = false
        let producer = Thread {
            queue.push(1)
            queue.push(2)  // blocks: capacity 1
            done.lock(); finished = true; done.signal(); done.unlock()
        }
        producer.start()
        Thread.sleep(forTimeInterval: 0.05)
        queue.cancel()
        done.lock()
        if !finished { _ = done.wait(until: Date().addingTimeInterval(5)) }
        let result = finished
        done.unlock()
        #expect(result)
        #expect(queue.pop() == nil)
    }

    /// Several producers and consumers through queues of every small capacity: every element
    /// arrives exactly once and nobody is left waiting (a missed wake-up leaves a thread blocked:
    /// the timed waits fail the test instead of hanging the run).
    @Test(arguments: [1, 2, 3, 4, 64])
    func manyProducersAndConsumersMissNoWakeUp(capacity: Int) {
        let queue = BoundedQueue<Int>(capacity: capacity)
        let producers = 3, consumers = 3, perProducer = 20_000
        let lock = NSLock()
        nonisolated(unsafe) var received: [Int] = []
        let group = DispatchGroup()
        for p in 0..<producers {
            group.enter()
            Thread {
                for i in 0..<perProducer { queue.push(p * perProducer + i) }
                group.leave()
            }.start()
        }
        let drained = DispatchGroup()
        for _ in 0..<consumers {
            drained.enter()
            Thread {
                var mine: [Int] = []
                while let value = queue.pop() { mine.append(value) }
                lock.withLock { received += mine }
                drained.leave()
            }.start()
        }
        #expect(group.wait(timeout: .now() + 60) == .success, "producers left waiting")
        queue.close()
        #expect(drained.wait(timeout: .now() + 60) == .success, "consumers left waiting")
        lock.lock()
        defer { lock.unlock() }
        #expect(received.count == producers * perProducer)
        #expect(Set(received).count == producers * perProducer)
    }
}
