extension JSONWriter {
    /// Writes `count` elements of the array just begun, `element(index, writer)` writing one,
    /// in blocks on two threads (see `BlockWaves`): each block is rendered from this writer's
    /// state at the block's start, so the bytes are those of writing one element after another.
    /// A short run has smaller blocks (`BlockWaves.elementsPerBlock`).
    public mutating func elements(count: Int, perBlock: Int, written: ((Int) -> Void)? = nil, _ element: @escaping @Sendable (Int, inout JSONWriter<MemorySink>) -> Void) {
        guard count > 0 else { return }
        // Each block makes its own writer (a writer's buffer is shared by its copies).
        let state = (depth: depth, bits: hasElementBits, deeper: deeper)
        BlockWaves.run(count: count, perBlock: BlockWaves.elementsPerBlock(perBlock, count: count), render: { range, scratch in
            scratch.renderJSON { writer in
                writer.adoptState(depth: state.depth, bits: state.bits, deeper: state.deeper)
                if range.lowerBound > 0 { writer.markElementWritten() }
                for index in range { element(index, &writer) }
            }
        }, write: { out.write(bytes: $0) }, written: written)
        markElementWritten()
    }
}
