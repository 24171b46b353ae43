import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Parsing a large file on two cores: a speculative second half.
///
/// Before parsing, a line near the middle of the file that looks like the start of a
/// statement is picked: `stage …` (a statement of a journey's block) or, at the start of a
/// line, a top-level keyword such as `journey` (a statement of the file). A second thread
/// parses from that line on, as a run of statements of the guessed block, until the `}` that
/// closes the block (or the end of the file, for the top level), into a tree of its own.
///
/// The first thread parses from the start as usual. When it reaches the chosen offset at the
/// start of a statement of the guessed block, it adopts the second half: it appends the half's
/// names to its interner and its nodes and arguments to its tree, renumbered, links them as
/// the block's following statements, and carries on at the closing `}`. The tree is then
/// exactly the one a single thread builds: nodes and arguments keep source order, and names
/// get their symbols in order of first appearance either way.
///
/// The guess is thrown away, and the first thread parses on by itself, when the offset is not
/// where a statement of that block starts (it lies in a string, a comment or another block),
/// or when the second half found any diagnostic (recovery depends on what came before). The
/// wasted work is the second thread's; the result never depends on the guess.
struct SplitPoint: Equatable {
    var offset: Int
    var context: BlockContext

    /// Files smaller than this are parsed by one thread: starting a thread and merging costs
    /// more than it saves.
    static let minimumBytes = 1 << 20

    /// How many halves have been adopted in this process (read by the tests).
    static let adoptions = Atomic<Int>(0)

    static func isWorthwhile(byteCount: Int) -> Bool {
        byteCount >= minimumBytes && TokenRing.isWorthwhile(byteCount: byteCount)
    }

    /// A line near the middle of `bytes[start...]` that starts a `stage` or, unindented, a
    /// top-level statement; nil when none lies within the next quarter of the file.
    static func candidate(in bytes: UnsafeBufferPointer<UInt8>, start: Int) -> SplitPoint? {
        let count = bytes.count
        guard count > start else { return nil }
        let middle = start + (count - start) / 2
        return firstStatementLine(in: bytes, after: middle, before: min(count, middle + (count - start) / 4)) { _ in true }
    }

    /// Lines that start a statement of the same block kind, the first at least `every` bytes
    /// after `start` and each at least `every` bytes after the one before (the parts of the
    /// formatter's holed layout, `SyntaxHole`). Guesses, like `candidate`: parsing the parts tells.
    /// With `context`, only lines that start a statement of that block kind count.
    static func parts(in bytes: UnsafeBufferPointer<UInt8>, start: Int, every: Int, of context: BlockContext? = nil) -> [SplitPoint] {
        var points: [SplitPoint] = []
        var index = start + every
        while index < bytes.count, let found = firstStatementLine(in: bytes, after: index, before: bytes.count, where: {
            if let context { return $0 == context }
            return points.isEmpty || $0 == points[0].context
        }) {
            points.append(found)
            index = found.offset + every
        }
        return points
    }

    /// The first line after `index` that starts, unindented, a top-level statement (such as
    /// the next journey), or an `import` at any indentation; or nil.
    ///
    /// A large rest is read in two halves on two cores. Reading it is cheap in instructions
    /// (under one a byte: `memchr` from one line feed to the next) but not in time: the bytes
    /// come from the page cache through the mapping, 4.9 ms for 20 MB on one core (5.8 with
    /// handing the pages back), while the other core waited for the parts to start.
    static func topLevelLine(in bytes: UnsafeBufferPointer<UInt8>, after index: Int) -> Int? {
        let count = bytes.count
        guard index >= 0, count - index >= twoThreadScanBytes, Parallel.hasSeveralCores else {
            return topLevelLine(in: bytes, after: index, before: count)
        }
        let middle = index + (count - index) / 2
        nonisolated(unsafe) let bytes = bytes
        let found = Parallel.map([index..<middle, middle..<count]) { half in
            topLevelLine(in: bytes, after: half.lowerBound, before: half.upperBound)
        }
        return found[0] ?? found[1]
    }

    /// From this many bytes to read, `topLevelLine` reads them on two threads.
    static let twoThreadScanBytes = 1 << 20

    /// The first line that starts, unindented, a top-level statement, or at any indentation an
    /// `import` (`startsImport`), after a line feed at an offset from `index` up to (not
    /// including) `limit`. (Line feeds are found with `memchr`, and only each line's first word
    /// is looked at: a scan of 20 MB a byte at a time took 11 ms.)
    static func topLevelLine(in bytes: UnsafeBufferPointer<UInt8>, after index: Int, before limit: Int) -> Int? {
        guard let base = bytes.baseAddress, index >= 0, index < min(limit, bytes.count) else { return nil }
        let count = bytes.count
        let end = min(limit, count)
        var position = index
        while position < end, let found = memchr(base + position, 0x0A, end - position) {
            let line = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found)) + 1
            if line < count {
                if bytes[line] >= 0x61, bytes[line] <= 0x7A, context(ofWordAt: line, indented: false, in: bytes) == .file {
                    return line
                }
                if startsImport(line, in: bytes) { return line }
            }
            position = line
        }
        return nil
    }

    /// Whether the line at `line` starts, at any indentation, with the word `import`. A
    /// journey's stages never hold one; where a broken journey runs on over one (an unclosed
    /// string or brace), the whole file's parse may take it for the file's import, which the
    /// run must have loaded: so a checked hole ends before it (a fuzzer found a file whose
    /// import went unreported when checked in parts).
    private static func startsImport(_ line: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var word = line
        while word < bytes.count && (bytes[word] == 0x20 || bytes[word] == 0x09) { word += 1 }
        guard word + 6 <= bytes.count, memcmp(bytes.baseAddress! + word, "import", 6) == 0 else { return false }
        guard word + 6 < bytes.count else { return true }
        // Not the start of a longer word (`imports`, `import-x`, `importé`).
        let next = bytes[word + 6]
        return !(IdentifierCharacters.isASCIIContinue(next) || next == 0x2D || next >= 0x80)
    }

    /// The first line that begins after `index` and before `limit` with a `stage` or,
    /// unindented, a top-level statement, of a block kind `accepts` takes.
    private static func firstStatementLine(in bytes: UnsafeBufferPointer<UInt8>, after index: Int, before limit: Int,
                                           where accepts: (BlockContext) -> Bool) -> SplitPoint? {
        var index = index
        // To the start of the next line.
        while index < limit && bytes[index] != 0x0A { index += 1 }
        while index < limit {
            index += 1 // past the line end
            var word = index
            while word < limit && (bytes[word] == 0x20 || bytes[word] == 0x09) { word += 1 }
            if let context = context(ofWordAt: word, indented: word > index, in: bytes), accepts(context) {
                return SplitPoint(offset: word, context: context)
            }
            index = word
            while index < limit && bytes[index] != 0x0A { index += 1 }
        }
        return nil
    }

    private static let topLevel: [Keyword] = [.journey, .persona, .channel, .team, .system]

    /// The block a statement starting with the word at `offset` would belong to.
    private static func context(ofWordAt offset: Int, indented: Bool, in bytes: UnsafeBufferPointer<UInt8>) -> BlockContext? {
        var end = offset
        while end < bytes.count && bytes[end] >= 0x61 && bytes[end] <= 0x7A { end += 1 }
        guard end > offset, end < bytes.count, bytes[end] == 0x20,
              let keyword = Keyword.lookup(UnsafeBufferPointer(rebasing: bytes[offset..<end])) else { return nil }
        if keyword == .stage { return .journey }
        if !indented && topLevel.contains(keyword) { return .file }
        return nil
    }
}

/// The second half's tree, and where it stopped.
struct ParsedHalf: Sendable {
    var tree: SyntaxTree
    var comments: [Comment]
    /// The first and last statements of the run, indices into `tree.nodes`.
    var first: Int32
    var last: Int32
    /// Where the run ended: the offset of the `}` closing the block, or the end of the file.
    var end: Int
    var previousEnd: Int
    /// Whether the half can be adopted: it ended where its block ends (or exactly at `until`)
    /// and found no diagnostic.
    var isUsable: Bool
    var holdsAllow: Bool
    /// Whether the run stopped at `until`, where a statement of the same block starts, rather
    /// than at the end of its block.
    var reachedUntil = false

    /// Parses statements of `point.context` from `point.offset` to the end of their block,
    /// or until `control` asks it to stop (then the half is not usable). With `until`, it also
    /// stops at the first statement that starts at or after that offset; the run is usable
    /// there only if that statement starts exactly at `until` (a part of the formatter's
    /// holed layout, `SyntaxHole`).
    static func parse(_ source: SourceFile, bytes: UnsafeBufferPointer<UInt8>, fileIndex: Int, from point: SplitPoint,
                      control: HalfControl = HalfControl(), internsNames: Bool = true, until: Int? = nil,
                      reserving: Int? = nil) -> ParsedHalf {
        var state = ParserState(source: source, bytes: bytes, fileIndex: fileIndex, indentationRecovery: false,
                                internsNames: internsNames,
                                start: point.offset, reserving: reserving)
        var first: Int32 = -1
        var last: Int32 = -1
        var holdsAllow = false
        var endedInPlace = false
        var reachedUntil = false
        loop: while true {
            state.skipSeparators()
            switch state.token.kind {
            case .rightBrace:
                endedInPlace = point.context != .file
                break loop
            case .endOfFile:
                endedInPlace = point.context == .file
                break loop
            default:
                if control.isSet { break loop }
                if let until, Int(state.token.start) >= until {
                    reachedUntil = Int(state.token.start) == until
                    break loop
                }
                control.reach(Int(state.token.start))
                guard let child = state.parseStatement(in: point.context) else { continue }
                state.link(child, parent: nil, last: &last)
                if first < 0 { first = child }
                if state.tree.nodes[Int(child)].keyword == .allow { holdsAllow = true }
                if !state.tree.diagnostics.isEmpty { break loop }
            }
        }
        let clean = state.tree.diagnostics.isEmpty && state.lexer.diagnostics.isEmpty
        return ParsedHalf(tree: state.tree, comments: state.lexer.comments, first: first, last: last,
                          end: Int(state.token.start), previousEnd: state.previousEnd,
                          isUsable: (endedInPlace || reachedUntil) && clean && first >= 0 && !control.isSet,
                          holdsAllow: holdsAllow, reachedUntil: reachedUntil)
    }
}

extension ParsedHalf {
    /// Plans the backing of the merge's room, unless the first thread has planned it: the
    /// first half's arrays up to about where the merge will fill them, its share estimated
    /// from the bytes before the split point, plus a tenth.
    func planMerge(into room: MergeRoom, splitAt offset: Int, of count: Int) {
        let share = Double(offset) / Double(max(count - offset, 1)) * 1.1 + 1
        room.plan(arguments: 0..<Int(Double(tree.arguments.count) * share),
                  nodes: 0..<Int(Double(tree.nodes.count) * share))
    }
}

extension ParserState {
    /// The room past the arrays' contents, for `MergeRoom`; none for a parse without names.
    ///
    /// Such a parse (the formatter's layout) is printed, never lowered: nothing allocated after
    /// the merge would reuse the second half's memory, so the merge hands it back as it copies
    /// it (`releasesMergedHalf`), and the room is left to be backed during the copy, by the
    /// pages just handed back. Backed beforehand, the room and the whole half were resident
    /// together: the peak of `fmt` (93 MiB against 73 MiB for a dense 20 MB journey).
    mutating func mergeRoom() -> MergeRoom {
        guard !releasesMergedHalf else { return MergeRoom(nodes: 0, nodeCapacity: 0, arguments: 0, argumentCapacity: 0) }
        let (nodes, arguments) = arrayAddresses()
        return MergeRoom(nodes: nodes, nodeCapacity: nodes == 0 ? 0 : tree.nodes.capacity,
                         arguments: arguments, argumentCapacity: arguments == 0 ? 0 : tree.arguments.capacity)
    }

    /// Where the node and argument arrays' storage starts (0 without storage).
    private mutating func arrayAddresses() -> (nodes: Int, arguments: Int) {
        (tree.nodes.withUnsafeMutableBufferPointer { Int(bitPattern: $0.baseAddress) },
         tree.arguments.withUnsafeMutableBufferPointer { Int(bitPattern: $0.baseAddress) })
    }

    /// Plans the backing of the merge's room at the split point, unless the second thread has
    /// planned it: past what this half holds, for about as much again as the bytes after the
    /// split point hold at this half's density, plus a tenth. Nothing is planned when an array
    /// outgrew its reservation (the room's addresses are then stale).
    mutating func planMerge(into room: MergeRoom, at offset: Int) {
        guard arrayAddresses() == (room.nodes, room.arguments) else { return }
        let ratio = Double(bytes.count - offset) / Double(max(offset - tree.source.contentStart, 1)) * 1.1
        let argumentCount = tree.arguments.count
        let nodeCount = tree.nodes.count
        room.plan(arguments: argumentCount..<argumentCount + Int(Double(argumentCount) * ratio),
                  nodes: nodeCount..<nodeCount + Int(Double(nodeCount) * ratio))
    }
}

/// Between the two threads of a split parse: how far the half has got (written by the second
/// thread), and whether it should stop (written by the first).
final class HalfControl: Sendable {
    private let flag = Atomic<Bool>(false)
    private let offset = Atomic<Int>(0)

    var isSet: Bool { flag.load(ordering: .relaxed) }

    func set() { flag.store(true, ordering: .relaxed) }

    /// The offset of the statement the half is at.
    var reached: Int { offset.load(ordering: .relaxed) }

    func reach(_ position: Int) { offset.store(position, ordering: .relaxed) }
}

/// The second half being parsed, and the point it starts at.
final class PendingHalf: @unchecked Sendable {
    let point: SplitPoint
    let control: HalfControl
    let room: MergeRoom
    private let thread: BackgroundThread<ParsedHalf>
    private let started = PendingHalf.now()
    private var waited = false

    /// How long to wait at most, in seconds, instead of a quarter of the first half's time
    /// (tests wait long enough to see the half adopted on any machine).
    private let patience: Double?

    init(point: SplitPoint, control: HalfControl, room: MergeRoom, thread: BackgroundThread<ParsedHalf>, patience: Double?) {
        self.point = point
        self.control = control
        self.room = room
        self.thread = thread
        self.patience = patience
    }

    /// The half, when it is done, or has covered half of what lies after its start (it is
    /// then waited for), or gets done within a quarter of the time the first thread took to
    /// reach it; otherwise it is told to stop and nil comes back. The second thread is meant to
    /// be about as quick as the first: when it is much slower (its core is busy with something
    /// else), the first thread parses on by itself rather than wait. While it waits, it backs
    /// the merge's room (see `MergeRoom`).
    func finished(fileSize: Int) -> ParsedHalf? {
        let now = PendingHalf.now()
        let covered = Double(control.reached - point.offset) / Double(max(fileSize - point.offset, 1))
        let wait = patience ?? (covered >= 0.5 ? Double.infinity : (now - started) / 4)
        let deadline = now + wait
        while !thread.isFinished(within: 0), PendingHalf.now() < deadline, room.populateNext() {}
        guard wait == .infinity || thread.isFinished(within: deadline - PendingHalf.now()) else {
            control.set()
            return nil
        }
        waited = true
        // Taken, not copied: the thread keeps no reference to the half's arrays, which the
        // merge may then hand back as it copies them.
        return thread.take()
    }

    /// Waits for an unused half, so that it stops reading the file before the caller's
    /// buffer goes away.
    func discard() {
        control.set()
        if !waited {
            waited = true
            _ = thread.join()
        }
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// What a parse is to meet at a statement further on: the second half of a split parse, or
/// the run a holed layout leaves out (`SyntaxHole`).
enum PendingSplit {
    case half(PendingHalf)
    case hole(HolePlan)

    var point: SplitPoint {
        switch self {
        case .half(let half): return half.point
        case .hole(let plan): return plan.points[0]
        }
    }

    /// Gives up what waits: a half's thread is stopped.
    func discard() {
        if case .half(let half) = self { half.discard() }
    }
}

extension ParserState {
    /// Called at the start of the first statement at or past `pendingOffset`: when this is the
    /// pending point (a statement of the same block, no recovery under way), adopts the half or
    /// leaves the run out; when the parse has passed the point, gives it up. Returns true when
    /// the parse went on past what it met (`last` is then the half's last statement).
    mutating func meetPending(in context: BlockContext, parent: Int32?, last: inout Int32) -> Bool {
        guard let pending else { return false }
        self.pending = nil
        guard Int(token.start) == pending.point.offset, context == pending.point.context, unwindDepth == nil else {
            pending.discard()
            return false
        }
        switch pending {
        case .half(let half): return adoptIfUsable(half, parent: parent, last: &last)
        case .hole(let plan): return leaveOut(plan, parent: parent)
        }
    }

    /// Adopts a half met at its point, when it is usable.
    private mutating func adoptIfUsable(_ pending: PendingHalf, parent: Int32?, last: inout Int32) -> Bool {
        planMerge(into: pending.room, at: pending.point.offset)
        guard var half = pending.finished(fileSize: bytes.count) else {
            pending.discard()
            return false
        }
        guard half.isUsable else { return false }
        adopt(&half, parent: parent, last: &last)
        SplitPoint.adoptions.add(1, ordering: .relaxed)
        return true
    }

    /// Whether the merge hands the second half's memory back as it copies it (see `mergeRoom`).
    var releasesMergedHalf: Bool { !internsNames }

    /// Appends one of the half's arrays to the tree's, `releasing` it as it goes when the merge
    /// does (`releasesMergedHalf`).
    private static func join<Element>(_ array: inout [Element], _ halfArray: inout [Element], releasing: Bool) {
        if releasing {
            array.appendReleasing(&halfArray)
        } else {
            array.append(contentsOf: halfArray)
        }
    }

    private mutating func adopt(_ half: inout ParsedHalf, parent: Int32?, last: inout Int32) {
        let nodeBase = Int32(tree.nodes.count)
        let argumentBase = Int32(tree.arguments.count)
        let releasing = releasesMergedHalf
        // The half's names in order of first appearance: new ones get the symbols a single
        // pass would have given them.
        // (Without names, as for the formatter, there is nothing to renumber.)
        ParserState.join(&tree.arguments, &half.tree.arguments, releasing: releasing)
        if internsNames {
            let symbols = tree.interner.merge(half.tree.interner)
            let numberBase = Int32(tree.numbers.count)
            tree.numbers.append(contentsOf: half.tree.numbers)
            tree.arguments.withUnsafeMutableBufferPointer { arguments in
                for index in Int(argumentBase)..<arguments.count {
                    arguments[index].renumber(symbols, numberBase: numberBase)
                }
            }
        }
        ParserState.join(&tree.nodes, &half.tree.nodes, releasing: releasing)
        tree.nodes.withUnsafeMutableBufferPointer { nodes in
            for index in Int(nodeBase)..<nodes.count {
                nodes[index].firstArgument += argumentBase
                if nodes[index].nextSibling >= 0 { nodes[index].nextSibling += nodeBase }
            }
        }
        for keyword in 0..<Keyword.count { tree.keywordCounts[keyword] &+= half.tree.keywordCounts[keyword] }
        lexer.comments += half.comments
        link(half.first + nodeBase, parent: parent, last: &last)
        last = half.last + nodeBase
        if half.holdsAllow, let parent { tree.nodes[Int(parent)].blockHasAllow = true }
        previousEnd = half.previousEnd
        lexer.index = half.end
        token = lexer.next()
    }
}

extension SyntaxTree {
    /// Whether two parses of the same source built the same tree: nodes, arguments, names,
    /// comments and diagnostics. Used to hold a split parse to the single-threaded one.
    func isSameParse(as other: SyntaxTree) -> Bool {
        guard hasSameStatements(as: other), interner.count == other.interner.count, extraGhosts == other.extraGhosts,
              numbers == other.numbers,
              zip(arguments, other.arguments).allSatisfy({ $0.symbol == $1.symbol && $0.numberIndex == $1.numberIndex })
        else { return false }
        return (0..<Int32(interner.count)).allSatisfy { interner.name($0) == other.interner.name($0) }
    }

    /// Whether the nodes keep the order `SyntaxNode.hasChildren` relies on: a block's first
    /// statement is the node right after the block's own and starts after its `{`; each next
    /// statement is a later node that starts after the one before it, inside the block. Checked
    /// on every input the fuzzer makes (`PipelineExercise`).
    func hasNodesInOrder() -> Bool {
        func chainIsInOrder(from first: Int32, after start: Int32, before end: Int32?) -> Bool {
            var index = first
            var previousStart = start
            while index >= 0 {
                guard Int(index) < nodes.count else { return false }
                let node = nodes[Int(index)]
                guard node.keywordStart > previousStart, end.map({ node.end <= $0 }) ?? true else { return false }
                guard node.nextSibling < 0 || node.nextSibling > index else { return false }
                previousStart = node.keywordStart
                index = node.nextSibling
            }
            return true
        }
        guard chainIsInOrder(from: firstStatement, after: -1, before: nil) else { return false }
        for index in nodes.indices where nodes[index].hasChildren {
            let node = nodes[index]
            guard node.openBrace >= 0, index + 1 < nodes.count,
                  chainIsInOrder(from: Int32(index + 1), after: node.openBrace, before: node.isBlockClosed ? node.end : nil)
            else { return false }
        }
        return true
    }

    /// Whether a parse without names (`hasNames` false) built the layout of `other`: the same
    /// nodes, argument ranges and kinds, comments and diagnostics, and no names at all.
    func isSameLayout(as other: SyntaxTree) -> Bool {
        !hasNames && interner.count == 0 && extraGhosts.isEmpty && numbers.isEmpty && hasSameStatements(as: other)
            && zip(arguments, other.arguments).allSatisfy { $0.symbol == ($1.symbol >= 0 ? 0 : -1) }
    }

    /// The same statements, argument ranges and kinds, comments and diagnostics; names aside.
    private func hasSameStatements(as other: SyntaxTree) -> Bool {
        nodes.count == other.nodes.count && arguments.count == other.arguments.count
            && firstStatement == other.firstStatement && comments == other.comments
            && diagnostics == other.diagnostics && keywordCounts == other.keywordCounts
            && zip(nodes, other.nodes).allSatisfy { $0.isSameStatement(as: $1) }
            && zip(arguments, other.arguments).allSatisfy { $0.range == $1.range && $0.kind == $1.kind }
    }
}

extension SyntaxNode {
    /// Whether two nodes hold the same statement at the same place in their trees.
    func isSameStatement(as other: SyntaxNode) -> Bool {
        keyword == other.keyword && range == other.range && hasChildren == other.hasChildren
            && nextSibling == other.nextSibling && firstArgument == other.firstArgument
            && argumentCount == other.argumentCount && openBrace == other.openBrace && isMalformed == other.isMalformed
            && blockHasAllow == other.blockHasAllow && isBlockClosed == other.isBlockClosed
    }
}
