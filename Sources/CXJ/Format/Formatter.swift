#if canImport(Glibc)
import Glibc
#endif
/// Prints a syntax tree in canonical form.
///
/// - Two spaces of indentation per block; one statement per line; a block's `{` on its
///   statement's line and its `}` on a line of its own.
/// - A block of properties (the block of a `persona`, `channel`, `team`, `system`, `step`,
///   `action`, `touchpoint`, `kpi` or `opportunity`) is written on one line, `{ a; b; c }`, when
///   it holds one to three statements, none of them printed over several lines (a `"""`
///   string), no comment stands inside it, and the whole line fits in 100 display columns.
///   Otherwise one statement per line.
/// - Arguments are separated by one space; names in a list by `, `; no column alignment.
/// - Blank lines between statements are kept, at most one; none after `{` or before `}`.
/// - Comments stay where they were: a comment on a line of its own stays on its own line at the
///   indentation of what follows it; a comment after a statement stays after it.
/// - Strings are re-escaped canonically (see `writeString`); numbers and names are kept as written.
/// - LF line ends, no byte order mark, one newline at the end.
///
/// The formatter refuses trees with syntax errors: their statements may not be what the author
/// meant, and rewriting them could lose text.
public enum Formatter {
    public static let width = 100

    /// The canonical text of a tree that has no syntax errors.
    public static func format(_ tree: SyntaxTree) -> [UInt8] {
        // A tree with syntax errors is never reprinted: its text is returned unchanged.
        if tree.hasErrors { return tree.source.bytes.array }
        return collect(sized: tree.source.bytes.count) { stream(tree, to: $0) }
    }

    /// What `print` hands over, in one array reserved for about `sized` bytes.
    static func collect(sized count: Int, _ print: ((UnsafeRawBufferPointer) -> Void) -> Void) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(count + count / 8 + 64)
        HugePages.advise(&output)
        print { output.append(contentsOf: $0) }
        return output
    }

    /// Prints the canonical text of a tree that has no syntax errors, handing it to `consumer`
    /// a piece at a time (64 KiB, or a run of statements printed on the other core) as it is
    /// printed; the whole text is never held. A tree with syntax errors is handed over
    /// unchanged.
    public static func stream(_ tree: SyntaxTree, to consumer: (UnsafeRawBufferPointer) -> Void) {
        if tree.hasErrors {
            tree.source.bytes.withUnsafeBytes { consumer($0) }
            return
        }
        stream(tree, hole: nil, to: consumer)
    }

    /// Prints a tree without syntax errors. `hole`, given the file's bytes and the output,
    /// makes the printer of the run a holed layout left out of the tree (`Formatter+Hole`).
    static func stream(_ tree: SyntaxTree,
                       hole: ((UnsafeBufferPointer<UInt8>, @escaping (UnsafeRawBufferPointer) -> Void) -> PrintHole)?,
                       to consumer: (UnsafeRawBufferPointer) -> Void) {
        withoutActuallyEscaping(consumer) { consumer in
            let ending = FinalNewline(consumer)
            tree.source.bytes.withUnsafeBufferPointer { bytes in
                var printer = Printer(tree: tree, bytes: bytes, sink: PrinterSink(consumer: ending.write))
                printer.hole = hole?(bytes, ending.write)
                printer.printBlock(parent: nil, depth: 0, start: tree.source.contentStart, end: bytes.count)
                printer.out.flush()
            }
            ending.finish()
        }
    }

    /// Whether a tree's file is already in canonical form, found by comparing while printing.
    public static func isFormatted(_ tree: SyntaxTree) -> Bool {
        matches(tree.source.bytes) { stream(tree, to: $0) }
    }

    /// Whether what `print` hands over is `bytes`, compared as it is printed.
    static func matches(_ bytes: SourceBytes, _ print: ((UnsafeRawBufferPointer) -> Void) -> Void) -> Bool {
        bytes.withUnsafeBufferPointer { bytes in
            let comparison = SourceComparison(bytes)
            print(comparison.write)
            return comparison.matches
        }
    }

    /// Whether two byte arrays are equal, compared with `memcmp`.
    public static func sameBytes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        SourceBytes(b).equals(a)
    }

    /// Whether bytes are a source file's, compared with `memcmp`.
    public static func sameBytes(_ a: [UInt8], _ b: SourceBytes) -> Bool {
        b.equals(a)
    }

    /// The tree the formatter prints: the layout only, names not interned.
    public static func layout(of source: SourceFile) -> SyntaxTree {
        Parser.parse(source, fileIndex: 0, names: false)
    }

    /// Formats source text: nil with the diagnostics when it has syntax errors.
    public static func format(_ source: SourceFile) -> (output: [UInt8]?, diagnostics: [Diagnostic]) {
        let tree = layout(of: source)
        if tree.hasErrors { return (nil, tree.diagnostics) }
        return (format(tree), tree.diagnostics)
    }
}

/// Where printing a block's statements stands: the end of what was printed last, and
/// whether anything was.
struct BlockCursor {
    var previousEnd: Int
    var first: Bool
}

/// The state of one formatting pass.
struct Printer {
    let tree: SyntaxTree
    let bytes: UnsafeBufferPointer<UInt8>
    var out: OutputWriter<PrinterSink>
    /// The next comment not yet printed.
    var nextComment = 0
    /// A scratch buffer for statements that might go on one line.
    let scratch = ByteScratch()
    /// A second one for the block that might follow such a statement on its line.
    let inlineScratch = ByteScratch()
    /// The run a holed layout left out of `tree`, printed where it belongs (see `SyntaxHole`).
    var hole: PrintHole? = nil

    init(tree: SyntaxTree, bytes: UnsafeBufferPointer<UInt8>, sink: PrinterSink) {
        self.tree = tree
        self.bytes = bytes
        out = OutputWriter(sink)
    }

    // MARK: - Source helpers

    /// How many line ends lie between two offsets.
    func newlines(from start: Int, to end: Int) -> Int {
        var count = 0
        var index = max(start, 0)
        while index < min(end, bytes.count) {
            if bytes[index] == 0x0A { count += 1 }
            index += 1
        }
        return count
    }

    func sameLine(_ a: Int, _ b: Int) -> Bool { newlines(from: min(a, b), to: max(a, b)) == 0 }

    var pendingComment: Comment? { nextComment < tree.comments.count ? tree.comments[nextComment] : nil }

    mutating func indent(_ depth: Int) {
        out.write(repeating: 0x20, times: depth * 2)
    }

    mutating func writeComment(_ comment: Comment) {
        var end = Int(comment.end)
        while end > Int(comment.start) && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        out.write(bytes: UnsafeBufferPointer(rebasing: bytes[Int(comment.start)..<end]))
    }

    /// Prints a comment that follows something on the same line, if there is one before `limit`.
    mutating func printTrailingComment(after offset: Int, before limit: Int) {
        guard let comment = pendingComment, Int(comment.start) < limit, Int(comment.start) >= offset,
              sameLine(offset, Int(comment.start)) else { return }
        out.write(" ")
        writeComment(comment)
        nextComment += 1
    }

    // MARK: - Blocks

    /// Prints the statements of a block (or the file, when `parent` is nil) and the comments
    /// among them, between the offsets `start` (just after `{`) and `end` (the `}`).
    mutating func printBlock(parent: Int32?, depth: Int, start: Int, end: Int) {
        var cursor = BlockCursor(previousEnd: start, first: true)
        let first = parent.map { tree.firstChild(of: $0) } ?? tree.firstStatement
        guard let hole, hole.hole.parent == parent else {
            printStatements(from: first, depth: depth, end: end, cursor: &cursor)
            return
        }
        // The run left out of the tree follows the statements and comments it holds (none of
        // which lies in the run: the tree's parse skipped it), and reaches the `}`.
        printStatements(from: first, depth: depth, end: end, cursor: &cursor)
        out.flush()
        hole.print(&cursor, depth)
        printComments(before: end, depth: depth, cursor: &cursor)
    }

    /// Prints the statements from `first` on (a block's, or a piece's of a holed layout) and
    /// the comments among and after them, up to `end`: where the block ends, or the piece.
    mutating func printStatements(from first: Int32, depth: Int, end: Int, cursor: inout BlockCursor) {
        var child = first
        // Only a block spanning a megabyte is worth a look (and a list of its statements).
        if end - cursor.previousEnd >= Printer.minimumPieceBytes, let run = largeRun(from: child) {
            printInBlocks(run, depth: depth, end: end, cursor: &cursor)
            child = -1
        }
        while true {
            printComments(before: child >= 0 ? Int(tree.nodes[Int(child)].keywordStart) : end, depth: depth, cursor: &cursor)
            guard child >= 0 else { break }
            child = printChild(child, depth: depth, end: end, cursor: &cursor)
        }
    }

    /// Prints the comments that stand on lines of their own before `limit`.
    mutating func printComments(before limit: Int, depth: Int, cursor: inout BlockCursor) {
        while let comment = pendingComment, Int(comment.start) < limit {
            separate(at: Int(comment.start), cursor: &cursor)
            indent(depth)
            writeComment(comment)
            out.write(byte: 0x0A)
            nextComment += 1
            cursor.previousEnd = Int(comment.end)
        }
    }

    /// Keeps one blank line where the source had at least one, except before the first.
    mutating func separate(at offset: Int, cursor: inout BlockCursor) {
        if !cursor.first && newlines(from: cursor.previousEnd, to: offset) >= 2 { out.write(byte: 0x0A) }
        cursor.first = false
    }

    /// Prints one statement of a block; returns the next.
    mutating func printChild(_ child: Int32, depth: Int, end: Int, cursor: inout BlockCursor) -> Int32 {
        let node = tree.nodes[Int(child)]
        separate(at: Int(node.keywordStart), cursor: &cursor)
        let next = node.nextSibling >= 0 ? Int(tree.nodes[Int(node.nextSibling)].keywordStart) : end
        printStatement(child, depth: depth, next: next)
        cursor.previousEnd = Int(node.end)
        return node.nextSibling
    }

    /// Prints one statement, its block and the comment after it, ending with a newline.
    /// `next` is where the following statement (or the enclosing `}`) starts.
    mutating func printStatement(_ index: Int32, depth: Int, next: Int) {
        let node = tree.nodes[Int(index)]
        // Where the run a holed layout left out of this statement's block starts, if it did.
        let holeStart = hole.flatMap { $0.hole.parent == index ? $0.hole.starts[0] : nil }
        indent(depth)
        scratch.removeAll()
        writeHeader(node, into: scratch, depth: depth)
        var inlined = !node.hasBlock
        if node.hasBlock, holeStart == nil, inlineBlock(index, depth: depth) {
            scratch.append(inlineScratch)
            inlined = true
        }
        out.write(bytes: scratch.bytes)
        if inlined {
            printTrailingComment(after: Int(node.end) - 1, before: next)
            out.write("\n")
            return
        }
        let open = Int(node.openBrace)
        let firstChild = node.firstChild(at: index)
        let children = firstChild >= 0 ? Int(tree.nodes[Int(firstChild)].keywordStart) : holeStart ?? Int(node.end) - 1
        if firstChild < 0 && holeStart == nil && !hasComment(in: open..<Int(node.end)) {
            out.write(" {}")
            printTrailingComment(after: Int(node.end) - 1, before: next)
            out.write("\n")
            return
        }
        out.write(" {")
        printTrailingComment(after: open, before: children)
        out.write("\n")
        printBlock(parent: index, depth: depth + 1, start: open + 1, end: Int(node.end) - 1)
        indent(depth)
        out.write("}")
        printTrailingComment(after: Int(node.end) - 1, before: next)
        out.write("\n")
    }

    func hasComment(in range: Range<Int>) -> Bool {
        guard let comment = pendingComment else { return false }
        return range.contains(Int(comment.start))
    }

    // MARK: - One-line blocks

    /// Whether a statement's block holds only properties, and so may go on one line.
    static func isInlineParent(_ keyword: Keyword) -> Bool {
        switch keyword {
        case .persona, .channel, .team, .system, .step, .action, .touchpoint, .kpi, .opportunity: return true
        default: return false
        }
    }

    /// ` { a; b; c }` when the block may stand on the statement's line, else nil.
    func inlineBlock(_ index: Int32, depth: Int) -> Bool {
        let node = tree.nodes[Int(index)]
        guard Printer.isInlineParent(node.keyword), !hasComment(in: Int(node.openBrace)..<Int(node.end)),
              !scratch.contains(0x0A) else { return false }
        var count = 0
        var child = node.firstChild(at: index)
        // The block is built in `inlineScratch`, reused from statement to statement.
        let text = inlineScratch
        text.removeAll()
        text.append(0x20)
        text.append(0x7B)
        if child < 0 {
            text.append(0x7D)
            return true
        }
        while child >= 0 {
            let statement = tree.nodes[Int(child)]
            count += 1
            guard count <= 3, !statement.hasBlock else { return false }
            if count > 1 { text.append(0x3B) }
            text.append(0x20)
            let before = text.count
            writeHeader(statement, into: text, depth: depth + 1)
            // A string printed over several lines keeps its block expanded; one that became a
            // one-line string does not (so the decision is the same on the next pass).
            if text.contains(0x0A, from: before) { return false }
            child = statement.nextSibling
        }
        text.append(0x20)
        text.append(0x7D)
        let width = depth * 2 + displayWidth(scratch) + displayWidth(text)
        return width <= Formatter.width
    }

    func displayWidth(_ text: ByteScratch) -> Int {
        let bytes = text.bytes
        for byte in bytes where byte >= 0x80 {
            return DisplayWidth.of(bytes: Array(bytes)[...])
        }
        return bytes.count
    }

    // MARK: - Statements

    /// Writes `keyword arg arg…`: names in a list joined by `, `, everything else by a space.
    func writeHeader(_ node: SyntaxNode, into text: ByteScratch, depth: Int) {
        text.append(node.keyword.spellingBytes)
        var previous: TokenKind? = nil
        let first = Int(node.firstArgument)
        for position in first..<first + Int(node.argumentCount) {
            let argument = tree.arguments[position]
            if previous == .identifier && argument.kind == .identifier { text.append(0x2C) }
            text.append(0x20)
            switch argument.kind {
            case .string, .multilineString:
                writeString(argument, into: text, depth: depth)
            default:
                text.append(UnsafeBufferPointer(rebasing: bytes[argument.range]))
            }
            previous = argument.kind
        }
    }
}
