import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Lowering a large journey a part at a time, so that its whole syntax tree is never in memory.
///
/// For `check` and `compile` a large file is parsed with a hole (`Parser.parseForChecking`):
/// the journey's run of stages is left out of the tree and cut into parts at lines that start
/// a stage. Each part is then parsed on its own, with names of its own (`PartSchedule`: one
/// core lowers the parts in order, the other parses ahead, and the first parses ahead too
/// while it waits); its names are merged into the file's (`Interner.merge`, its arguments
/// renumbered), its statements lowered as the journey's own, and its tree dropped. The model
/// is the one a whole tree gives: the statements are lowered in the same order, by the same
/// code. A dense 20 MB journey's tree took 44 MiB; the parts in memory at once take a few.
///
/// Nothing is left to the guess. When a part fails its check (a diagnostic, an `allow` of the
/// journey's block, a statement that does not end where the next part starts) or leaves a
/// touchpoint waiting for the journey's end (one that names something declared later), whose
/// statement would be gone by then, lowering stops, and the file is parsed whole and checked
/// again (`needsWholeTree`): such a file takes about twice as long, never gives another result.
extension FileChecker {
    /// How many parts have been lowered, and files checked again from a whole tree, in this
    /// process (read by the tests).
    static let loweredParts = Atomic<Int>(0)
    static let wholeTreeRechecks = Atomic<Int>(0)

    /// Lowers the parts of `hole`, the rest of the journey being lowered; sets
    /// `needsWholeTree` when one cannot be lowered as a part.
    mutating func lowerParts(of hole: SyntaxHole, token: OnceToken, scope: Int32) {
        let schedule = PartSchedule(hole: hole, source: tree.source, fileIndex: file)
        let saved = (nodeStore, argumentStore, numberStore)
        defer { (nodeStore, argumentStore, numberStore) = saved }
        if Parallel.hasSeveralCores {
            // One core lowers the parts in order, parsing ahead when the next is not ready;
            // the other parses ahead. (Run in sequence, the first task does it all.)
            WorkerPool.shared.forEach(2) { task in
                if task == 0 {
                    lowerParts(from: schedule, token: token, scope: scope)
                } else {
                    schedule.parseAhead()
                }
            }
        } else {
            lowerParts(from: schedule, token: token, scope: scope)
        }
    }

    private mutating func lowerParts(from schedule: PartSchedule, token: OnceToken, scope: Int32) {
        defer { schedule.finish() }
        var release = ReleaseBehind(tree.source)
        for index in schedule.hole.starts.indices {
            guard var part = schedule.take(index) else {
                needsWholeTree = true
                return
            }
            if index == 0 { reserve(for: schedule.hole, from: part) }
            adoptNames(of: &part)
            lower(part, token: token, scope: scope)
            schedule.room.publish(populationRegions())
            // In small pages, the arrays' next chunks are backed here and now, a range at a
            // time, rather than a fault for each page as lowering reaches it: 17% of the
            // lowering thread's perf samples were page faults there (dense 20 MB `check`). The
            // other thread, busy parsing, seldom had a moment to back them. (A huge page costs
            // one fault either way; it is left to a thread that would otherwise wait.)
            if !HugePages.isEnabled {
                while schedule.room.populateNext() {}
            }
            // The bytes up to here are read again only for a diagnostic or an output: a mapped
            // file's pages are handed back (the parts ahead start at or after this offset).
            release.done(from: 0, to: schedule.hole.end(ofPart: index), final: index == schedule.hole.starts.count - 1)
            schedule.lowered(index)
            FileChecker.loweredParts.add(1, ordering: .relaxed)
            if needsWholeTree { return }
        }
    }

    /// The arrays that lowering fills, for the other thread to back ahead of it (`PopulateAhead`),
    /// always in this order. Not the file's names: their storage grows by doubling, so its
    /// capacity says little of where it will end (1.3 MiB used of 2.4 reserved, dense 20 MB).
    private func populationRegions() -> [PopulateAhead.Region] {
        [.of(journey.model.steps), .of(journey.model.actions), .of(journey.model.touchpoints),
         .of(journey.model.pairedSteps), .of(journey.model.pairedActions), .of(journey.model.texts)]
    }

    /// Merges a part's names into the file's and renumbers its arguments to match.
    private mutating func adoptNames(of part: inout ParsedHalf) {
        let symbols = interner.merge(part.tree.interner)
        part.tree.interner = Interner()
        part.tree.arguments.withUnsafeMutableBufferPointer { arguments in
            for index in arguments.indices { arguments[index].renumber(symbols, numberBase: 0) }
        }
        journey.namespace.grow(to: interner.count)
    }

    /// Lowers a part's statements as statements of the journey's block.
    private mutating func lower(_ part: ParsedHalf, token: OnceToken, scope: Int32) {
        let waitingTouchpoints = journey.pendingTouchpoints.count
        part.tree.nodes.withUnsafeBufferPointer { nodes in
            part.tree.arguments.withUnsafeBufferPointer { arguments in
                part.tree.numbers.withUnsafeBufferPointer { numbers in
                    nodeStore = nodes
                    argumentStore = arguments
                    numberStore = numbers
                    var statements = Children(nodes: nodes, following: part.first)
                    while let (childIndex, child) = statements.next() {
                        guard isLowerable(child) else { continue }
                        lowerJourneyStatement(childIndex, child, token: token, scope: scope)
                    }
                }
            }
        }
        // A touchpoint kept for the journey's end names a statement of this part by index.
        if journey.pendingTouchpoints.count != waitingTouchpoints {
            needsWholeTree = true
        }
    }

    /// Sizes the model's arrays and the file's names for the whole hole, from its first part.
    private mutating func reserve(for hole: SyntaxHole, from first: ParsedHalf) {
        let counts = estimatedCounts(of: hole, from: first)
        reserveCapacity(counts: counts)
        let declared = [Keyword.stage, .step, .action, .kpi, .opportunity].reduce(0) { $0 + Int(counts[Int($1.rawValue)]) }
        let names = max(1, first.tree.interner.count)
        let bytesPerName = (first.tree.interner.byteCount + names - 1) / names
        interner.reserveCapacity(names: interner.count + declared, bytes: interner.byteCount + declared * bytesPerName)
    }

    /// The statements of each keyword the file holds, estimated from the tree without the hole
    /// and the first part scaled to the whole hole (a tenth more), to size the model's arrays.
    private func estimatedCounts(of hole: SyntaxHole, from first: ParsedHalf) -> [Int32] {
        let partBytes = max(1, hole.end(ofPart: 0) - hole.starts[0])
        let scale = Double(hole.end - hole.starts[0]) / Double(partBytes) * 1.1
        return tree.keywordCounts.indices.map { keyword in
            tree.keywordCounts[keyword] + Int32(clamping: Int(Double(first.tree.keywordCounts[keyword]) * scale))
        }
    }
}

/// Which parts of a hole are parsed, by which thread, and the parsed ones not yet lowered.
///
/// Parts are claimed in order (`ClaimWindow`), by the thread that lowers (when the part it
/// needs next is not ready) and by the other, at most `window` ahead of the last part lowered:
/// the parts in memory at once are a few, whatever the size of the hole.
final class PartSchedule: @unchecked Sendable {
    let hole: SyntaxHole
    private let source: SourceFile
    private let fileIndex: Int
    /// How many parts may be parsed and not yet lowered. Three until the twenty-first round:
    /// the thread that lowers also parses whenever the part it needs next is not ready, so three
    /// were often all parsed and waiting, and the other thread, with nothing to claim, yielded
    /// (perf, dense 20 MB `check`, 4 kHz: 46–60 samples in `sched_yield` and the scheduler with
    /// three, 4–5 with four or five, 2–12 with six). Each part more costs its tree, about twice
    /// its bytes: with four, the parts went from 128 to 96 KiB (`Parser.checkedPartBytes`).
    static let window = 4

    private enum Slot {
        case waiting
        case parsed(ParsedHalf)
        case failed
    }

    /// The parts, under a lock.
    private let slots: Locked<[Slot]>
    /// The room past the lowering thread's arrays, which a thread with no part to parse backs.
    let room = PopulateAhead()
    private let claims: ClaimWindow

    init(hole: SyntaxHole, source: SourceFile, fileIndex: Int) {
        self.hole = hole
        self.source = source
        self.fileIndex = fileIndex
        slots = Locked(Array(filling: .waiting, count: hole.starts.count))
        claims = ClaimWindow(count: hole.starts.count, window: PartSchedule.window)
    }

    private func parse(_ index: Int) {
        let part = hole.namedPart(index, of: source, fileIndex: fileIndex)
        slots.withLock { $0[index] = part.map { .parsed($0) } ?? .failed }
    }

    /// The other thread's work: parses parts as the window allows, until every part is
    /// claimed or lowering has finished.
    func parseAhead() {
        while !claims.isExhausted {
            if let index = claims.claim() {
                parse(index)
            } else if !room.populateNext() {
                sched_yield()
            }
        }
    }

    /// Part `index`, parsed by whichever thread gets to it first (this one parses ahead while
    /// it waits); nil when it failed its check.
    func take(_ index: Int) -> ParsedHalf? {
        while true {
            let slot = slots.withLock { slots -> Slot in
                let slot = slots[index]
                if case .parsed = slot { slots[index] = .waiting }
                return slot
            }
            switch slot {
            case .parsed(let part): return part
            case .failed: return nil
            case .waiting:
                if let claimed = claims.claim() { parse(claimed) } else if !room.populateNext() { sched_yield() }
            }
        }
    }

    /// Part `index` is lowered: the window moves on.
    func lowered(_ index: Int) {
        claims.consumed(index + 1)
    }

    /// Lowering has finished (or stopped): the other thread stops parsing.
    func finish() {
        claims.stop()
    }
}
