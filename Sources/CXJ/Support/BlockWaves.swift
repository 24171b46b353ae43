/// Writes long runs of output in blocks on two threads, in order.
///
/// The elements `0..<count` are cut into blocks of `perBlock`; two blocks at a time (a wave)
/// are rendered into memory, one per thread, then handed to `write` in order. The bytes are
/// those of rendering the elements one after another; at most two blocks are held in memory,
/// in buffers reused from wave to wave (a fresh buffer per block had its pages zeroed by the
/// kernel each time). With one core, or one block, everything is rendered on this thread.
/// `written`, when given, is told after each wave how many elements are written so far (an
/// emitter hands back the source bytes it is done with; see `CheckedFile.releaseBehind`).
enum BlockWaves {
    static func run(count: Int, perBlock: Int,
                    render: @escaping @Sendable (_ elements: Range<Int>, _ into: [UInt8]) -> [UInt8],
                    write: (UnsafeBufferPointer<UInt8>) -> Void, written: ((Int) -> Void)? = nil) {
        guard count > 0 else { return }
        let blockSize = max(perBlock, 1)
        let blocks = (count + blockSize - 1) / blockSize
        let width = blocks > 1 && Parallel.hasSeveralCores ? 2 : 1
        let buffers = WaveBuffers(count: width)
        var block = 0
        while block < blocks {
            let wave = min(width, blocks - block)
            let first = block
            let renderSlot: @Sendable (Int) -> Void = { slot in
                let low = (first + slot) * blockSize
                buffers.store(render(low..<min(low + blockSize, count), buffers.take(slot)), at: slot)
            }
            if wave == 1 {
                renderSlot(0)
            } else {
                WorkerPool.shared.forEach(wave, renderSlot)
            }
            for slot in 0..<wave { buffers.withBytes(slot, write) }
            block += wave
            written?(min(block * blockSize, count))
        }
    }
}

/// The buffers of one wave, each written by one thread: one allocated slot each, so that two
/// threads never write the same array (a Swift array of buffers written at two indices at once
/// is a data race on that array; ThreadSanitizer reported it).
private final class WaveBuffers: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<[UInt8]>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: [], count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    /// The slot's buffer from the last wave, to be filled again.
    func take(_ slot: Int) -> [UInt8] {
        let bytes = slots[slot]
        slots[slot] = []
        return bytes
    }

    func store(_ bytes: [UInt8], at slot: Int) { slots[slot] = bytes }

    func withBytes(_ slot: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        slots[slot].withUnsafeBufferPointer(body)
    }
}

extension OutputWriter {
    /// Writes `count` pieces, `element(index, writer)` writing one, in blocks on two threads
    /// (see `BlockWaves`).
    public mutating func elements(count: Int, perBlock: Int, written: ((Int) -> Void)? = nil,
                                  _ element: @escaping @Sendable (Int, inout OutputWriter<MemorySink>) -> Void) {
        BlockWaves.run(count: count, perBlock: perBlock, render: { range, storage in
            var writer = OutputWriter<MemorySink>(MemorySink(reusing: storage))
            for index in range { element(index, &writer) }
            return writer.finish().bytes
        }, write: { write(bytes: $0) }, written: written)
    }
}
