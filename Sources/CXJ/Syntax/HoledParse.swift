/// The formatter's layout of a large file with a hole: the statements of one block's long run
/// are left out of the tree, and parsed again, a part at a time, while they are printed.
///
/// A tree costs about twice its file's bytes. The formatter printed a whole tree, so a dense
/// 20 MB journey held its file and a 44 MiB tree at once. Here the tree holds everything but
/// the run (`SyntaxHole`), and the run is cut into parts of about a given size at
/// lines that start a statement of the block (`SplitPoint.parts`). Each part is parsed on its
/// own, from its first line to where the next begins (`ParsedHalf.parse(until:)`), checked,
/// and dropped; the printer parses each again when it reaches the hole, prints it and drops it.
///
/// Nothing is left to the guess. A part counts only when it parsed without a diagnostic and
/// stopped exactly where the next part starts, at a statement of the same block (or at the
/// block's end); the hole is made only when the parser, reaching the first part, is at a
/// statement of that block, and the layout is used only when the tree found no diagnostic
/// either. Otherwise the caller formats the file as before, from a whole tree.
struct SyntaxHole: Sendable {
    /// The statement whose block holds the run, or nil for the file's top level.
    var parent: Int32?
    var context: BlockContext
    /// Where each part starts; each ends where the next starts, the last at `end`.
    var starts: [Int]
    /// The offset of the `}` that closes the block, or of the end of the file.
    var end: Int
    /// Whether every part was checked when the hole was made. When not, only the last was
    /// (to find the block's end), and a part that fails its check when it is parsed again
    /// means the layout cannot be printed: fit for a comparison that can be dropped, never
    /// for output.
    var isChecked: Bool

    /// Where part `index` ends.
    func end(ofPart index: Int) -> Int { index + 1 < starts.count ? starts[index + 1] : end }

    /// Parses part `index` again: a tree whose top-level statements are the part's, with its
    /// comments; nil when the part fails its check (never, when the hole `isChecked`).
    func part(_ index: Int, of source: SourceFile) -> SyntaxTree? {
        guard let half = checkedPart(index, of: source, fileIndex: 0, names: false) else { return nil }
        var tree = half.tree
        tree.comments = half.comments
        return tree
    }

    /// Parses part `index` again (with names, or for its layout only); nil when it fails its
    /// check.
    func checkedPart(_ index: Int, of source: SourceFile, fileIndex: Int, names: Bool) -> ParsedHalf? {
        source.bytes.withUnsafeBufferPointer { bytes in
            let isLast = index + 1 == starts.count
            let until = isLast ? nil : starts[index + 1]
            let half = ParsedHalf.parse(source, bytes: bytes, fileIndex: fileIndex,
                                        from: SplitPoint(offset: starts[index], context: context),
                                        internsNames: names, until: until, reserving: (until ?? end) - starts[index])
            // A middle part must stop where the next starts, the last at the block's end.
            guard half.isUsable, half.reachedUntil != isLast, isLast ? half.end == end : true else { return nil }
            return half
        }
    }
}

extension ParsedHalf {
    /// One part of a holed layout: statements of `point`'s block from its line to `until` (or
    /// to the block's end), without names, the arrays sized for the part.
    static func part(of source: SourceFile, bytes: UnsafeBufferPointer<UInt8>, from point: SplitPoint, until: Int?) -> ParsedHalf {
        parse(source, bytes: bytes, fileIndex: 0, from: point, internsNames: false, until: until,
              reserving: (until ?? bytes.count) - point.offset)
    }
}

/// A layout tree and the hole left in it.
struct HoledLayout: Sendable {
    var tree: SyntaxTree
    var hole: SyntaxHole
}

/// What the parser is to leave out, and the checks that decide whether it may.
struct HolePlan {
    let points: [SplitPoint]
    /// Whether every part is checked now (see `SyntaxHole.isChecked`).
    let checksEveryPart: Bool

    /// The parts from `points[0]` to the end of its block, each parsed and checked (on all
    /// cores: they do not depend on each other), or only the last; nil when one fails its check.
    func parts(_ source: SourceFile, bytes: UnsafeBufferPointer<UInt8>) -> (starts: [Int], end: Int, previousEnd: Int)? {
        nonisolated(unsafe) let bytes = bytes
        let points = self.points
        if !checksEveryPart {
            let last = ParsedHalf.part(of: source, bytes: bytes, from: points[points.count - 1], until: nil)
            guard last.isUsable else { return nil }
            return (points.map(\.offset), last.end, last.previousEnd)
        }
        let checked = Parallel.map(Array(points.indices)) { index -> (usable: Bool, reachedUntil: Bool, end: Int, previousEnd: Int) in
            let until = index + 1 < points.count ? points[index + 1].offset : nil
            let half = ParsedHalf.part(of: source, bytes: bytes, from: points[index], until: until)
            return (half.isUsable, half.reachedUntil, half.end, half.previousEnd)
        }
        var starts: [Int] = []
        for (point, part) in zip(points, checked) {
            guard part.usable else { return nil }
            starts.append(point.offset)
            // A part that reached its block's end before the next point is the last one.
            if !part.reachedUntil { return (starts, part.end, part.previousEnd) }
        }
        return nil
    }
}

extension ParserState {
    /// Leaves the planned run out of the tree, the parser being at its first statement (see
    /// `meetPending`): returns whether it did, and then goes on at the block's end.
    mutating func leaveOut(_ plan: HolePlan, parent: Int32?) -> Bool {
        guard tree.diagnostics.isEmpty, lexer.diagnostics.isEmpty,
              let parts = plan.parts(tree.source, bytes: bytes) else { return false }
        hole = SyntaxHole(parent: parent, context: plan.points[0].context, starts: parts.starts, end: parts.end,
                          isChecked: plan.checksEveryPart)
        previousEnd = parts.previousEnd
        lexer.index = parts.end
        token = lexer.next()
        return true
    }
}

extension Parser {
    /// The formatter's layout of a large file, with a hole; nil when none could be made (no
    /// candidate parts, a part failed its check, the parser never met the first) or the layout
    /// found a diagnostic: the caller then parses the whole file as usual (for its diagnostics).
    static func layoutWithHole(_ source: SourceFile, partBytes: Int, checkingEveryPart: Bool = true) -> HoledLayout? {
        source.bytes.withUnsafeBufferPointer { buffer in
            let points = SplitPoint.parts(in: buffer, start: source.contentStart, every: partBytes)
            guard points.count >= 2 else { return nil }
            var state = ParserState(source: source, bytes: buffer, fileIndex: 0, indentationRecovery: false,
                                    internsNames: false, reserving: partBytes * 2)
            state.pending = .hole(HolePlan(points: points, checksEveryPart: checkingEveryPart))
            state.parseFile()
            guard let hole = state.hole else { return nil }
            let tree = state.finish()
            guard tree.diagnostics.isEmpty else { return nil }
            return HoledLayout(tree: tree, hole: hole)
        }
    }
}

extension SyntaxHole {
    /// Parses part `index` with its names, for checking: a tree of the part's statements with
    /// an interner of its own; nil when the part fails its check, or holds an `allow` of the
    /// block (which applies to the statements before it, in other parts).
    func namedPart(_ index: Int, of source: SourceFile, fileIndex: Int) -> ParsedHalf? {
        guard let half = checkedPart(index, of: source, fileIndex: fileIndex, names: true), !half.holdsAllow else { return nil }
        return half
    }
}

extension Parser {
    /// Journeys of at least this many bytes are parsed for `check` and `compile` with a hole.
    static let checkedHoleBytes = AllocationPolicy.partedFileBytes

    /// How large a part of a checked hole is. Up to five parts are in memory at once (one
    /// lowered, four parsed ahead: `PartSchedule.window`). 128 KiB parts took 1.5–1.9 MiB off
    /// the peak of `check` against 256 KiB (dense 20 MB 42.2 → 40.4 MiB, 10 MB 26.1 → 24.2,
    /// 2 MB 14.5 → 13.0), in the same time. A window of two parts instead of three was 17%
    /// slower; of three, the parsing thread still waited (see `PartSchedule.window`). In the
    /// twenty-first round the window went to four and the parts to 96 KiB, about the bytes in
    /// flight of three of 128 KiB: peaks (median of 7, page cache dropped) dense 2 MB 10.6 →
    /// 10.5 MiB, 10 MB 22.3 → 22.2, 20 MB 38.2 → 36.6, with no wait left (perf: 1–4 samples in
    /// `sched_yield` and the scheduler) and dense 20 MB `check` 151.0 → 138.7 ms against four
    /// parts of 128 KiB (20 alternating runs, a slow spell). The largest part since the
    /// thirty-fourth round (see `checkedPartBytes(forFileOf:)`).
    nonisolated(unsafe) static var checkedPartBytes = 96 << 10

    /// The smallest part of a hole, whatever the file's size: 16 KiB, 32 until the
    /// thirty-seventh round. The parts in flight, and the heap they leave touched once freed,
    /// weigh most against a file under a few MB: `check` of dense journeys peaked 0.38–0.51
    /// MiB lower from 0.25 to 1 MB (1 MB 7.00 → 6.49 MiB), 0.26–0.28 lower at 2 and 4 MB
    /// (cxj-bench shape 0.5–2 MB 0.17–0.41 lower; page cache dropped, medians of 7), in the
    /// same instructions (dense 0.25–2 MB −0.8% to +0.3%) and time (within noise).
    static let smallestPartBytes = 16 << 10

    /// How large the parts of a holed file of `fileBytes` are: a 64th of the file, from
    /// `smallestPartBytes` to `largest`. The rule of both checking
    /// (`checkedPartBytes(forFileOf:)`) and `fmt` (`Formatter.holePartBytes(forFileOf:)`).
    static func partBytes(forFileOf fileBytes: Int, largest: Int) -> Int {
        min(largest, max(smallestPartBytes, fileBytes / 64))
    }

    /// How large the parts of a checked file of `fileBytes` are (`partBytes(forFileOf:largest:)`,
    /// up to `checkedPartBytes`; from `smallestPartBytes`). The parts in flight (up to five, each
    /// about twice its bytes in tree) weigh most against a file of a few MB: dense 2 MB
    /// `check` peaked at 9.95 MiB with 96 KiB parts, 8.93 with 32 KiB ones, and 0.25 MB 5.88 →
    /// 5.57, 0.5 MB 6.89 → 6.16, 1 MB 8.25 → 7.38, 4 MB 12.78 → 12.34 (page cache dropped,
    /// medians of 7), for 0.9% more instructions at 2 MB (141.3M → 142.6M). From
    /// 6 MiB the parts stay at 96 KiB: 32 KiB ones made dense 20 MB `check` 1% more
    /// instructions and 2.5% slower. A file under two of the largest parts keeps them, and is
    /// parsed whole as before (a hole needs two parts): in 32 KiB parts a dense 0.1 MB `check`
    /// took 23% more instructions, and its peak did not move.
    static func checkedPartBytes(forFileOf fileBytes: Int) -> Int {
        guard fileBytes >= 2 * checkedPartBytes else { return checkedPartBytes }
        return partBytes(forFileOf: fileBytes, largest: checkedPartBytes)
    }

    /// A tree for checking a large file whose journey is to be lowered a part at a time: its
    /// run of stages (from the first stage line past `partBytes` to the journey's end)
    /// is left out (`SyntaxTree.hole`), to be parsed again a part at a time while it is
    /// lowered. Nil when no such hole could be made, or the tree found a diagnostic: the
    /// caller then parses the whole file.
    static func parseForChecking(_ source: SourceFile, fileIndex: Int, partBytes: Int? = nil) -> SyntaxTree? {
        let partBytes = partBytes ?? checkedPartBytes(forFileOf: source.bytes.count)
        return source.bytes.withUnsafeBufferPointer { buffer in
            var points = SplitPoint.parts(in: buffer, start: source.contentStart, every: partBytes, of: .journey)
            // The stages of one journey: up to the next top-level statement.
            if let first = points.first, let next = SplitPoint.topLevelLine(in: buffer, after: first.offset) {
                points.removeAll { $0.offset >= next }
            }
            guard points.count >= 2 else { return nil }
            var state = ParserState(source: source, bytes: buffer, fileIndex: fileIndex, indentationRecovery: false,
                                    internsNames: true, reserving: partBytes * 2)
            state.pending = .hole(HolePlan(points: points, checksEveryPart: false))
            state.parseFile()
            guard let hole = state.hole, let parent = hole.parent, state.tree.nodes[Int(parent)].keyword == .journey
            else { return nil }
            var tree = state.finish()
            guard tree.diagnostics.isEmpty else { return nil }
            tree.hole = hole
            // Finding where the journey's stages end read the whole hole: a mapped file's
            // pages there are handed back until its parts are parsed.
            source.releasePages(in: hole.starts[0]..<buffer.count)
            return tree
        }
    }
}
