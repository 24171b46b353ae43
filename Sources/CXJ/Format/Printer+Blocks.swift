extension Printer {
    /// The statements of a large block, when they can be printed in pieces on two threads:
    /// at least 256 of them over at least 1 MB, with no comment between the statements where
    /// pieces meet (a comment there may belong to the statement before it, as a trailing
    /// comment, or to the one after it).
    func largeRun(from first: Int32) -> [Int32]? {
        guard first >= 0, Parallel.hasSeveralCores, Printer.printsInPieces else { return nil }
        var run: [Int32] = []
        var child = first
        while child >= 0 {
            run.append(child)
            child = tree.nodes[Int(child)].nextSibling
        }
        guard run.count >= 2 * Printer.statementsPerPiece,
              Int(tree.nodes[Int(run[run.count - 1])].end) - Int(tree.nodes[Int(first)].keywordStart) >= Printer.minimumPieceBytes
        else { return nil }
        var boundary = Printer.statementsPerPiece
        while boundary < run.count {
            let gapStart = Int(tree.nodes[Int(run[boundary - 1])].end)
            let gapEnd = Int(tree.nodes[Int(run[boundary])].keywordStart)
            let comment = firstComment(atOrAfter: gapStart)
            if comment < tree.comments.count && Int(tree.comments[comment].start) < gapEnd { return nil }
            boundary += Printer.statementsPerPiece
        }
        return run
    }

    static let statementsPerPiece = 64

    /// The least a block's statements must span to be printed in pieces.
    static let minimumPieceBytes = 1 << 20

    /// Tests turn pieces off to compare with a single pass.
    nonisolated(unsafe) static var printsInPieces = true

    /// The index of the first comment starting at or after `offset` (comments are sorted).
    func firstComment(atOrAfter offset: Int) -> Int {
        tree.comments.partitionPoint { Int($0.start) >= offset }
    }

    /// Prints the statements of `run` in pieces on two threads (see `BlockWaves`). Each piece
    /// starts from the state a single pass would have there: the comment to print next and
    /// the end of the statement before. The bytes are those of printing one statement after
    /// another.
    mutating func printInBlocks(_ run: [Int32], depth: Int, end: Int, cursor: inout BlockCursor) {
        let tree = self.tree
        nonisolated(unsafe) let bytes = self.bytes
        let start = (comment: nextComment, cursor: cursor)
        let last = LastComment()
        BlockWaves.run(count: run.count, perBlock: Printer.statementsPerPiece, render: { range, scratch in
            var printer = Printer(tree: tree, bytes: bytes, sink: PrinterSink(reusing: scratch.takeBytes()))
            var pieceCursor = start.cursor
            if range.lowerBound == 0 {
                printer.nextComment = start.comment
            } else {
                let before = tree.nodes[Int(run[range.lowerBound - 1])]
                printer.nextComment = printer.firstComment(atOrAfter: Int(before.end))
                pieceCursor = BlockCursor(previousEnd: Int(before.end), first: false)
            }
            for index in range {
                let child = run[index]
                printer.printComments(before: Int(tree.nodes[Int(child)].keywordStart), depth: depth, cursor: &pieceCursor)
                _ = printer.printChild(child, depth: depth, end: end, cursor: &pieceCursor)
            }
            if range.upperBound == run.count { last.index = printer.nextComment }
            scratch.bytes = printer.out.finish().bytes
        }, write: { out.write(bytes: $0) })
        nextComment = last.index
        cursor = BlockCursor(previousEnd: Int(tree.nodes[Int(run[run.count - 1])].end), first: false)
    }
}

/// The comment to print next after the last piece, handed back by whichever thread printed it.
private final class LastComment: @unchecked Sendable {
    var index = 0
}
