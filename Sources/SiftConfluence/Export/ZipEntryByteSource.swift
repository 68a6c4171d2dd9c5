import Foundation
import ZIPFoundation

/// Inflates one zip entry on a background thread and hands its bytes over through a bounded queue,
/// so that libxml2 can pull a multi-gigabyte entities.xml with flat memory.
final class ZipEntryByteSource: ByteSource, @unchecked Sendable {
    // SAFETY: `pending` and `offset` are only touched by the reading thread; the producer thread
    // communicates through `chunks` (thread-safe) and `failureBox` (lock-protected).
    private let chunks = ChunkQueue(capacity: 16)
    private var pending = Data()
    private var offset = 0
    let totalBytes: Int?
    private let lock = NSLock()
    private var failureBox: (any Error)?
    private var thread: Thread?

    var failure: (any Error)? { lock.withLock { failureBox } }

    init(archiveURL: URL, entryPath: String) throws {
        let archive = try Archive(url: archiveURL, accessMode: .read)
        guard let entry = archive[entryPath] else {
            throw CocoaError(.fileNoSuchFile)
        }
        totalBytes = Int(entry.uncompressedSize)
        let chunks = self.chunks
        let job = ExtractionJob(archive: archive, entry: entry)
        let thread = Thread { [weak self] in
            do {
                _ = try job.archive.extract(job.entry, bufferSize: 1 << 16, skipCRC32: false) { data in
                    guard chunks.push(data) else { throw CancellationError() }
                }
            } catch is CancellationError {
            } catch {
                self?.lock.withLock { self?.failureBox = error }
            }
            chunks.close()
        }
        thread.stackSize = 4 << 20
        self.thread = thread
        thread.start()
    }

    deinit { chunks.cancel() }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        while offset >= pending.count {
            guard let next = chunks.pop() else { return failure == nil ? 0 : -1 }
            pending = next
            offset = 0
        }
        let count = min(buffer.count, pending.count - offset)
        pending.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}

/// An archive and one of its entries, handed to the inflating thread.
private struct ExtractionJob: @unchecked Sendable {
    // SAFETY: only the inflating thread uses the archive after the hand-over.
    let archive: Archive
    let entry: Entry
}

/// A bounded queue of data chunks between the inflating thread and the reading thread.
final class ChunkQueue: @unchecked Sendable {
    // SAFETY: all state is accessed with `condition` locked.
    private let condition = NSCondition()
    private var items: [Data] = []
    private var closed = false
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func push(_ data: Data) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity, !cancelled { condition.wait() }
        guard !cancelled else { return false }
        items.append(data)
        condition.broadcast()
        return true
    }

    func pop() -> Data? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty, !closed, !cancelled { condition.wait() }
        guard !items.isEmpty, !cancelled else { return nil }
        let first = items.removeFirst()
        condition.broadcast()
        return first
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        items = []
        condition.broadcast()
        condition.unlock()
    }
}
