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
}
