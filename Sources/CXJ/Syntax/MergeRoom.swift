/// Where the merge of a split parse copies the second half: the first half's node and argument
/// arrays past what they hold, as addresses of their reserved capacity. Before the merge, a
/// thread with nothing else to do backs that room with memory (`HugePages.populate`), so that
/// the merge copies into pages that are already there.
///
/// Either thread can be the idle one: the second thread once its half is parsed while the
/// first still parses, or the first once it has reached the split point and waits for the
/// second. Both follow one plan, taking 2 MiB pieces in order from a shared cursor, so that
/// when both are idle they share what is left. (The second thread used to stop when the first
/// arrived, and the first then faulted the rest itself during the copy: 20–30 ms of a 20 MB
/// journey's run, with the other core idle.)
final class MergeRoom: Sendable {
    let nodes: Int
    let nodeCapacity: Int
    let arguments: Int
    let argumentCapacity: Int

    private struct Plan {
        var chunks: [Range<Int>]
        var next = 0
    }

    /// Set by the first thread to ask for it: the other's later request is dropped.
    private let plan = Locked<Plan?>(nil)

    init(nodes: Int, nodeCapacity: Int, arguments: Int, argumentCapacity: Int) {
        self.nodes = nodes
        self.nodeCapacity = nodeCapacity
        self.arguments = arguments
        self.argumentCapacity = argumentCapacity
    }

    /// Plans to back the argument slots `arguments` and node slots `nodes` (clamped to the
    /// capacity), arguments first as the merge copies them, unless a plan was made already.
    func plan(arguments argumentSlots: Range<Int>, nodes nodeSlots: Range<Int>) {
        let argumentStride = MemoryLayout<SyntaxArgument>.stride
        let nodeStride = MemoryLayout<SyntaxNode>.stride
        var chunks: [Range<Int>] = []
        if arguments != 0 {
            let slots = argumentSlots.clamped(to: 0..<argumentCapacity)
            chunks += HugePages.populationChunks(arguments + slots.lowerBound * argumentStride, bytes: slots.count * argumentStride)
        }
        if nodes != 0 {
            let slots = nodeSlots.clamped(to: 0..<nodeCapacity)
            chunks += HugePages.populationChunks(nodes + slots.lowerBound * nodeStride, bytes: slots.count * nodeStride)
        }
        plan.withLock { plan in
            if plan == nil { plan = Plan(chunks: chunks) }
        }
    }

    /// Backs the plan's next piece; false when there is no plan or nothing is left of it.
    func populateNext() -> Bool {
        let chunk: Range<Int>? = plan.withLock { plan in
            guard let current = plan, current.next < current.chunks.count else { return nil }
            plan?.next += 1
            return current.chunks[current.next]
        }
        guard let chunk else { return false }
        HugePages.populate(chunk)
        return true
    }
}
