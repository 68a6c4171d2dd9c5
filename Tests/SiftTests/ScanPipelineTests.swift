import Foundation
import Testing

@testable import Sift

@Suite struct ScanPipelineTests {
    struct Boom: Error, Equatable {}

    @Test func everyPieceOfWorkIsProcessedOnceWithPerWorkerState() throws {
        let pipeline = ScanPipeline<Int, (Int, Int)>(workers: 3, capacity: 8)
        var seen: [Int] = []
        var states = Set<Int>()
        try pipeline.run(
            produce: { submit in for i in 0..<5000 { _ = submit(i) } },
            makeState: { Int.random(in: 0..<Int.max) },
            process: { work, state in (work * 2, state) },
            consume: { result in
                seen.append(result.0)
                states.insert(result.1)
            })
        #expect(seen.sorted() == (0..<5000).map { $0 * 2 })
        #expect(states.count <= 3)
    }

    @Test func aProducerErrorStopsTheRunAndIsRethrown() {
        let pipeline = ScanPipeline<Int, Int>(workers: 2, capacity: 4)
        #expect(throws: Boom.self) {
            try pipeline.run(
                produce: { submit in
                    for i in 0..<100 { _ = submit(i) }
                    throw Boom()
                },
                makeState: { 0 }, process: { work, _ in work }, consume: { _ in })
        }
    }

    @Test func aConsumerErrorStopsTheProducer() {
        let pipeline = ScanPipeline<Int, Int>(workers: 2, capacity: 4)
        let produced = ManagedCounter()
        #expect(throws: Boom.self) {
            try pipeline.run(
                produce: { submit in
                    for i in 0..<1_000_000 {
                        guard submit(i) else { return }
                        produced.increment()
                    }
                },
                makeState: { 0 }, process: { work, _ in work },
                consume: { value in if value == 10 { throw Boom() } })
        }
        #expect(produced.value < 1_000_000, "the producer stopped early")
    }
}

final class ManagedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
