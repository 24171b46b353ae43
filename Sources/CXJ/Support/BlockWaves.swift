#if canImport(Glibc)
import Glibc
#endif

/// Writes long runs of output in blocks on two threads, in order.
///
/// The elements `0..<count` are cut into blocks of `perBlock`. Both threads render blocks into
/// memory, claimed in order from one counter, at most `window` blocks ahead of the last one
/// written (`ClaimWindow`); the thread whose task writes hands the blocks to `write` in order
/// as they are ready, and renders the next unclaimed one while it waits. The bytes are those of
/// rendering the elements one after another. Buffers are reused from block to block (a fresh
/// buffer per block had its pages zeroed by the kernel each time). With one core, or one
/// block, everything is rendered on this thread. `written`, when given, is told after each
/// block how many elements are written so far (an emitter hands back the source bytes it is
/// done with; see `CheckedFile.releaseBehind`).
///
/// Until the seventeenth round two blocks (a wave) were rendered at once and both written
/// before the next wave began: each wave waited for its slower block, so blocks had to be
/// large (128 stages: about 1 MB of a dense journey's JSON each) for the waits to pay, and
/// their buffers were much of the memory an emitter adds.
enum BlockWaves {
    /// How many blocks may be rendered and not yet written.
    static let window = 4

    /// How many elements a block of `elements` (JSON's or an `OutputWriter`'s) holds for a run
    /// of `count`: `largest`, or fewer, down to a quarter of it, so that the run makes at least
    /// `fewestBlocks` blocks. The blocks in flight (up to five) were sized for large journeys and
    /// weighed most against a file of a few MB: 256 touchpoints of a dense journey are about
    /// 256 KB of JSON, and five of them were 1 MB of a dense 2 MB `compile --to json`'s heap at
    /// its peak (massif). Cut into 64 blocks or more, its peak went from 10.31 to 9.94 MiB,
    /// `--to dot` 10.20 → 9.89; into 128, 9.87 → 9.56 and 9.89 → 9.64 (4 MB: 13.41 → 12.97 and
    /// 13.43 → 13.13; page cache dropped, medians of 5), in the same time. (Mermaid's runs of
    /// files, four a block, go one to three a block under 512 files.)
    static func elementsPerBlock(_ largest: Int, count: Int) -> Int {
        min(largest, max((largest + 3) / 4, count / fewestBlocks))
    }

    /// The blocks a run is cut into at least, where its blocks may be made smaller.
    static let fewestBlocks = 128

    static func run(count: Int, perBlock: Int,
                    render: @escaping @Sendable (_ elements: Range<Int>, _ into: BlockScratch) -> Void,
                    write: (UnsafeBufferPointer<UInt8>) -> Void, written: ((Int) -> Void)? = nil) {
        guard count > 0 else { return }
        let blockSize = max(perBlock, 1)
        let blocks = (count + blockSize - 1) / blockSize
        guard blocks > 1 && Parallel.hasSeveralCores else {
            let scratch = BlockScratch.take()
            for block in 0..<blocks {
                let low = block * blockSize
                render(low..<min(low + blockSize, count), scratch)
                scratch.bytes.withUnsafeBufferPointer(write)
                written?(min(low + blockSize, count))
            }
            BlockScratch.giveBack(scratch)
            return
        }
        let pipeline = BlockPipeline(count: count, blockSize: blockSize, blocks: blocks, render: render)
        // One task writes, rendering while it waits; the other renders. (Run in sequence, the
        // first task does it all.)
        WorkerPool.shared.forEach(2) { task in
            if task == 0 {
                pipeline.writeInOrder(write, written: written)
            } else {
                pipeline.renderAhead()
            }
        }
        pipeline.giveBackScratches()
    }
}

/// The blocks of one run: claimed in order (`ClaimWindow`), rendered by either thread,
/// written in order.
private final class BlockPipeline: @unchecked Sendable {
    private let count: Int
    private let blockSize: Int
    private let render: @Sendable (Range<Int>, BlockScratch) -> Void
    private let claims: ClaimWindow
    /// Rendered blocks not yet written, by block index modulo the window, and scratches to
    /// render into.
    private let buffers: Locked<Buffers>

    private struct Buffers {
        var ready: [BlockScratch?]
        var spare: [BlockScratch] = []
    }

    init(count: Int, blockSize: Int, blocks: Int, render: @escaping @Sendable (Range<Int>, BlockScratch) -> Void) {
        self.count = count
        self.blockSize = blockSize
        self.render = render
        claims = ClaimWindow(count: blocks, window: BlockWaves.window)
        buffers = Locked(Buffers(ready: Array(filling: nil, count: BlockWaves.window)))
    }

    private func renderBlock(_ index: Int) {
        let scratch = buffers.withLock { $0.spare.popLast() } ?? BlockScratch.take()
        let low = index * blockSize
        render(low..<min(low + blockSize, count), scratch)
        buffers.withLock { $0.ready[index % BlockWaves.window] = scratch }
    }

    /// Gives the scratches back to the pool, once every block is written.
    func giveBackScratches() {
        for scratch in buffers.withLock({ $0.spare }) { BlockScratch.giveBack(scratch) }
    }

    /// The other thread's work: renders blocks as the window allows, until every block is claimed.
    func renderAhead() {
        while !claims.isExhausted {
            if let index = claims.claim() { renderBlock(index) } else { sched_yield() }
        }
    }

    /// Writes the blocks in order, rendering the next unclaimed one while the next to write
    /// is not ready.
    func writeInOrder(_ write: (UnsafeBufferPointer<UInt8>) -> Void, written: ((Int) -> Void)?) {
        var next = 0
        while next < claims.count {
            let scratch = buffers.withLock { buffers -> BlockScratch? in
                let slot = next % BlockWaves.window
                let scratch = buffers.ready[slot]
                buffers.ready[slot] = nil
                return scratch
            }
            guard let scratch else {
                if let index = claims.claim() { renderBlock(index) } else { sched_yield() }
                continue
            }
            scratch.bytes.withUnsafeBufferPointer(write)
            buffers.withLock { $0.spare.append(scratch) }
            next += 1
            claims.consumed(next)
            written?(min(next * blockSize, count))
        }
    }
}

extension OutputWriter {
    /// Writes `count` pieces, `element(index, writer)` writing one, in blocks on two threads
    /// (see `BlockWaves`); a short run has smaller blocks (`BlockWaves.elementsPerBlock`).
    public mutating func elements(count: Int, perBlock: Int, written: ((Int) -> Void)? = nil,
                                  _ element: @escaping @Sendable (Int, inout OutputWriter<MemorySink>) -> Void) {
        BlockWaves.run(count: count, perBlock: BlockWaves.elementsPerBlock(perBlock, count: count), render: { range, scratch in
            scratch.render { writer in
                for index in range { element(index, &writer) }
            }
        }, write: { write(bytes: $0) }, written: written)
    }
}
