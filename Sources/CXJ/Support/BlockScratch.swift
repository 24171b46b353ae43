/// What a block of output is rendered into (`BlockWaves`): the block's bytes, and the buffer
/// of the writer that renders them (`OutputWriter`'s 64 KiB). Both are kept from block to
/// block and from one run of blocks to the next, in a pool that every thread takes from.
///
/// Fresh ones were allocated for every run: `cxj compile --to json` over 1,000 small journeys
/// made two 64 KiB buffers a journey (its stages and its touchpoints, each one block), and
/// grew two arrays from empty, a doubling at a time, to copy each block out.
final class BlockScratch: @unchecked Sendable {
    /// The bytes of the block last rendered.
    var bytes: [UInt8] = []
    /// The buffer of the writer that renders a block.
    let buffer = ByteBuffer(capacity: ByteBuffer.writerCapacity)

    /// How many scratches the pool keeps: as many as a run of blocks uses at once on two cores
    /// (`BlockWaves.window`, and one being rendered by each thread).
    private static let kept = BlockWaves.window + 2
    /// The largest block the pool keeps the bytes of: a few blocks of a dense journey's
    /// stages. Larger ones are freed (but the writer's buffer is kept).
    private static let largestKept = 1 << 18
    private static let pool = Locked<[BlockScratch]>([])

    private init() {}

    /// A scratch from the pool, or a new one; one thread uses it until it is given back.
    static func take() -> BlockScratch {
        pool.withLock { $0.popLast() } ?? BlockScratch()
    }

    /// Gives `scratch` back to the pool, which frees it when it is full.
    static func giveBack(_ scratch: BlockScratch) {
        if scratch.bytes.capacity > largestKept { scratch.bytes = [] }
        pool.withLock { pool in
            if pool.count < kept { pool.append(scratch) }
        }
    }

    /// Renders into this scratch: `render` writes to a writer over the emptied bytes and the
    /// kept buffer, and the bytes are what it wrote.
    func render(_ render: (inout OutputWriter<MemorySink>) -> Void) {
        var writer = OutputWriter(MemorySink(reusing: takeBytes()), buffer: buffer)
        render(&writer)
        bytes = writer.finish().bytes
    }

    /// Renders JSON into this scratch, as `render` does.
    func renderJSON(_ render: (inout JSONWriter<MemorySink>) -> Void) {
        var writer = JSONWriter(MemorySink(reusing: takeBytes()), buffer: buffer)
        render(&writer)
        bytes = writer.out.finish().bytes
    }

    /// Moves the bytes out, for a sink to reuse: it then holds the only reference, and
    /// empties them without a copy.
    func takeBytes() -> [UInt8] {
        var taken: [UInt8] = []
        swap(&taken, &bytes)
        return taken
    }
}
