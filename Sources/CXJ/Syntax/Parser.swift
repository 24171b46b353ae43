/// Builds a syntax tree from a source file. Parsing never fails.
///
/// The parser is a recursive descent over statements, driven by `StatementShape`: the
/// keyword at the start of a statement, looked up in the current block's context, decides
/// which arguments follow and which context its block opens. On an error it reports one
/// diagnostic and recovers at the next statement boundary (newline, `;` or `}`) or block
/// boundary, so one mistake yields one diagnostic.
///
/// A missing `}` is the one mistake that braces alone cannot locate: the block swallows what
/// follows it. When the first pass ends with an unclosed block, the file is parsed again with
/// indentation-guided recovery, which closes a block where the indentation says it ended.
public enum Parser {
    ///
    /// With `names` false the tree holds the layout only, for the formatter: identifiers are
    /// not interned (`SyntaxTree.hasNames`), which spares a large file's second half the merge
    /// of its names (see `SplitParse.swift`). Nodes, ranges and diagnostics are the same.
    public static func parse(_ source: SourceFile, fileIndex: Int, names: Bool = true) -> SyntaxTree {
        let first = parseOnce(source, fileIndex: fileIndex, indentationRecovery: false, names: names)
        // A missing `}` leaves a block open; an extra one closes a block early, so that what
        // follows lands in the wrong block (CXJ107) or at the top level (an unexpected `}`).
        guard first.diagnostics.contains(where: { $0.code == .unclosedBrace || $0.code == .statementNotAllowed || $0.isStrayBrace })
        else { return first }
        let second = parseOnce(source, fileIndex: fileIndex, indentationRecovery: true, names: names)
        return second.diagnostics.count <= first.diagnostics.count ? second : first
    }

    /// Lexes a whole file and returns the number of tokens; used by the benchmark to time the
    /// lexer on its own.
    public static func countTokens(_ source: SourceFile) -> Int {
        source.bytes.withUnsafeBufferPointer { buffer in
            var lexer = Lexer(bytes: buffer, file: 0, start: source.contentStart)
            var count = 0
            while lexer.next().kind != .endOfFile { count += 1 }
            return count
        }
    }

    static func parseOnce(_ source: SourceFile, fileIndex: Int, indentationRecovery: Bool, names: Bool = true,
                          concurrentLexing: Bool? = nil, split: Bool? = nil, patience: Double? = nil) -> SyntaxTree {
        source.bytes.withUnsafeBufferPointer { buffer in
            // A large file is parsed in two halves on two threads (see `SplitPoint`); the
            // second pass of indentation recovery is not split.
            if !indentationRecovery, split ?? SplitPoint.isWorthwhile(byteCount: buffer.count),
               let point = SplitPoint.candidate(in: buffer, start: source.contentStart) {
                var state = ParserState(source: source, bytes: buffer, fileIndex: fileIndex, indentationRecovery: false,
                                        internsNames: names)
                nonisolated(unsafe) let bytes = buffer
                let room = state.mergeRoom()
                let control = HalfControl()
                let half = BackgroundThread {
                    let half = ParsedHalf.parse(source, bytes: bytes, fileIndex: fileIndex, from: point, control: control,
                                                internsNames: names)
                    if half.isUsable {
                        half.planMerge(into: room, splitAt: point.offset, of: bytes.count)
                        while !control.isSet && room.populateNext() {}
                    }
                    return half
                }
                state.pending = .half(PendingHalf(point: point, control: control, room: room, thread: half, patience: patience))
                state.parseFile()
                state.pending?.discard()
                return state.finish()
            }
            let ring = (concurrentLexing ?? TokenRing.isWorthwhile(byteCount: buffer.count))
                ? TokenRing(bytes: buffer, file: fileIndex, start: source.contentStart) : nil
            // The state refers to the ring without counting references (one retain and
            // release per token otherwise); the ring lives as long as this call.
            return withExtendedLifetime(ring) {
                var state = ParserState(source: source, bytes: buffer, fileIndex: fileIndex,
                                        indentationRecovery: indentationRecovery, internsNames: names, ring: ring)
                state.parseFile()
                return state.finish()
            }
        }
    }
}

/// A block whose `}` has not been seen yet.
struct OpenBlock {
    var context: BlockContext
    var node: Int32
    /// The leading whitespace of the line holding the block's statement.
    var indentation: Int
}

/// The mutable state of one parse.
struct ParserState {
    var lexer: Lexer
    /// When set, tokens come from a lexer running on another thread and `lexer` is unused.
    /// Unmanaged: `Parser.parseOnce` keeps the ring alive for the whole parse, so reading a
    /// token needs no retain and release.
    let unmanagedRing: Unmanaged<TokenRing>?
    var ring: TokenRing? { unmanagedRing?.takeUnretainedValue() }
    var token: Token
    var tree: SyntaxTree
    let bytes: UnsafeBufferPointer<UInt8>
    let indentationRecovery: Bool
    /// False for a layout-only parse: identifiers get symbol 0 and nothing is interned.
    let internsNames: Bool
    let keywords = KeywordTable()
    let shapes = ShapeTable()
    /// The end of the last token consumed that was not a newline.
    var previousEnd: Int = 0
    var openBlocks: [OpenBlock] = []
    /// While set, blocks nested deeper than this depth close as unclosed (indentation recovery).
    var unwindDepth: Int? = nil
    /// Where the unwinding started, for the secondary label of CXJ004.
    var unwindTrigger: Int = 0
    /// What waits at a statement further on (a split parse's second half, or the run a
    /// holed layout leaves out), until the parser meets it or passes it.
    var pending: PendingSplit? = nil {
        didSet { pendingOffset = pending?.point.offset ?? Int.max }
    }
    /// Where `pending` waits: each statement compares its start with it, and only one at or
    /// past it looks at `pending` (`meetPending`).
    private(set) var pendingOffset = Int.max
    /// The run left out, once it is.
    var hole: SyntaxHole? = nil

    init(source: SourceFile, bytes: UnsafeBufferPointer<UInt8>, fileIndex: Int, indentationRecovery: Bool,
         internsNames: Bool = true, ring: TokenRing? = nil, start: Int? = nil, reserving: Int? = nil) {
        self.bytes = bytes
        self.indentationRecovery = indentationRecovery
        self.internsNames = internsNames
        self.unmanagedRing = ring.map { Unmanaged.passUnretained($0) }
        let start = start ?? source.contentStart
        lexer = Lexer(bytes: bytes, file: fileIndex, start: start)
        lexer.decodesNumbers = internsNames
        tree = SyntaxTree(source: source, fileIndex: fileIndex)
        tree.hasNames = internsNames
        // A large file's arrays are reserved generously: the reservation is address space of
        // its own mapping, and only the pages written are memory, while outgrowing it would copy
        // the whole array and touch it twice. A small file's arrays come from the heap, where
        // unused capacity is memory like any other (a thousand small files spent ~4 KB each
        // on it): they are reserved for the usual density (a statement every ~20 bytes, an
        // argument every ~14), and the rare denser file grows them by a copy of a few KB.
        // What the arrays are sized for: the rest of the file, or the piece to be parsed. A
        // piece (`reserving`) is never small, whatever its length: it is parsed and dropped,
        // and the next piece reuses its memory. (Pieces of 32 KiB reserved as small files grew
        // their arrays and names' table once each: dense 2 MB `check` +5% instructions.)
        let length = reserving.map { min($0, bytes.count - start) } ?? bytes.count - start
        let isSmall = reserving == nil && length < ParserState.smallFileBytes
        tree.nodes.reserveCapacity(length / (isSmall ? 20 : 12) + 16)
        tree.arguments.reserveCapacity(length / (isSmall ? 14 : 8) + 16)
        // Numbers: one every ~60 bytes in the densest journeys seen (a touchpoint's two scores
        // and a step's emotion on every line).
        if internsNames { tree.numbers.reserveCapacity(length / (isSmall ? 64 : 48) + 16) }
        // A piece of a large file (a part of a checked hole) gets its names' table and storage
        // for the densest journeys seen, a new name every ~100 bytes: it grew from 64 slots by
        // doubling, hashing every name again each time (1.9M instructions of dense 2 MB `check`),
        // and its storage by generic appends. Parts are parsed and dropped: the room is brief.
        if internsNames && reserving != nil && !isSmall {
            tree.interner.reserveCapacity(names: length / 64 + 16, bytes: length / 12 + 16)
        }
        HugePages.advise(&tree.nodes)
        HugePages.advise(&tree.arguments)
        token = Token(.endOfFile, 0, 0)
        token = ring?.next() ?? lexer.next()
    }

    /// Below this size a file's tree is reserved for its likely size, not generously.
    static let smallFileBytes = 64 << 10

    mutating func finish() -> SyntaxTree {
        var lexed = lexer.diagnostics
        tree.comments = lexer.comments
        if let ring {
            ring.finish()
            lexed = ring.diagnostics
            tree.comments = ring.comments
        }
        tree.diagnostics = (lexed + tree.diagnostics).sorted(by: Diagnostic.isOrderedBefore)
        return tree
    }

    /// Whether an unterminated `"""` swallowed the rest of the file (read at its end).
    var swallowedRestOfFile: Bool {
        guard let ring else { return lexer.swallowedRestOfFile }
        ring.finish()
        return ring.swallowedRestOfFile
    }

    // MARK: - Tokens

    @inline(__always)
    mutating func advance() {
        if token.kind != .newline { previousEnd = Int(token.end) }
        if let unmanagedRing {
            token = unmanagedRing._withUnsafeGuaranteedRef { $0.next() }
        } else {
            token = lexer.next()
        }
    }

    mutating func skipSeparators() {
        while token.kind == .newline || token.kind == .semicolon { advance() }
    }

    mutating func skipNewlines() {
        while token.kind == .newline { advance() }
    }

    func tokenBytes(_ token: Token) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)])
    }

    func location(_ range: Range<Int>) -> SourceLocation {
        SourceLocation(file: tree.fileIndex, start: range.lowerBound, end: range.upperBound)
    }

    /// Where a diagnostic about the current token points; a line end or the file end is a point.
    var tokenLocation: SourceLocation {
        switch token.kind {
        case .newline, .endOfFile: return location(Int(token.start)..<Int(token.start))
        default: return location(token.range)
        }
    }

    mutating func report(_ diagnostic: Diagnostic) {
        tree.diagnostics.append(diagnostic)
    }

    // MARK: - File and blocks

    mutating func parseFile() {
        var last: Int32 = -1
        while true {
            if unwindDepth != nil { unwindDepth = nil }
            skipSeparators()
            switch token.kind {
            case .endOfFile:
                return
            case .rightBrace:
                report(Diagnostic(.unexpectedToken, Diagnostic.strayBraceMessage, at: tokenLocation,
                                  label: "no block is open here", help: "remove this `}`"))
                advance()
            default:
                if Int(token.start) >= pendingOffset, meetPending(in: .file, parent: nil, last: &last) { continue }
                if let index = parseStatement(in: .file) { link(index, parent: nil, last: &last) }
            }
        }
    }

    mutating func link(_ index: Int32, parent: Int32?, last: inout Int32) {
        if last >= 0 {
            tree.nodes[Int(last)].nextSibling = index
        } else if let parent {
            // The node of a block's first statement comes right after the block's own.
            assert(index == parent + 1, "a block's first statement is the node after it")
            tree.nodes[Int(parent)].hasChildren = true
        } else {
            tree.firstStatement = index
        }
        last = index
    }

    /// Parses `{ statements }` for `node`, whose block admits the statements of `context`.
    mutating func parseBlock(_ context: BlockContext, node: Int32) {
        // A statement's own parse sets its `{` as it appends it (a write here cost a uniqueness
        // check of the nodes); recovery calls this for a node already appended.
        if tree.nodes[Int(node)].openBrace != token.start { tree.nodes[Int(node)].openBrace = token.start }
        // Only indentation recovery reads a block's indentation: the first pass skips the scan.
        openBlocks.append(OpenBlock(context: context, node: node,
                                    indentation: indentationRecovery ? lineIndentation(containing: Int(tree.nodes[Int(node)].keywordStart)) : 0))
        let depth = openBlocks.count
        defer { openBlocks.removeLast() }
        advance()
        var last: Int32 = -1
        while true {
            if let target = unwindDepth {
                if target < depth {
                    reportUnclosed(node, before: unwindTrigger)
                    return
                }
                unwindDepth = nil
            }
            skipSeparators()
            switch token.kind {
            case .rightBrace:
                if indentationRecovery, isStray(braceAt: Int(token.start), depth: depth) {
                    reportStrayBrace(closing: node)
                    advance()
                    continue
                }
                if indentationRecovery, let target = ancestorClosed(byBraceAt: Int(token.start), depth: depth) {
                    unwindDepth = target
                    unwindTrigger = Int(token.start)
                    reportUnclosed(node, before: unwindTrigger)
                    return
                }
                tree.nodes[Int(node)].closeBlock(at: token.end)
                advance()
                return
            case .endOfFile:
                if !swallowedRestOfFile { reportUnclosed(node, before: nil) }
                tree.nodes[Int(node)].end = Int32(previousEnd)
                return
            default:
                if Int(token.start) >= pendingOffset, meetPending(in: context, parent: node, last: &last) { continue }
                if let child = parseStatement(in: context) {
                    link(child, parent: node, last: &last)
                    if tree.nodes[Int(child)].keyword == .allow { tree.nodes[Int(node)].blockHasAllow = true }
                }
            }
        }
    }

    /// Reports CXJ004 at a block's `{`, pointing at where it should have been closed.
    mutating func reportUnclosed(_ node: Int32, before offset: Int?) {
        let statement = tree.nodes[Int(node)]
        tree.nodes[Int(node)].end = Int32(previousEnd)
        let brace = Int(statement.openBrace)
        let keyword = statement.keyword.spelling
        var name = "`\(keyword)`"
        if let first = tree.arguments(of: statement).first, first.kind == .identifier {
            name = "`\(keyword) \(tree.text(first.range))`"
        }
        let secondary: Diagnostic.Label
        if let offset {
            secondary = .init(location(offset..<offset + 1), "expected `}` for the \(name) block before this")
        } else {
            secondary = .init(location(bytes.count..<bytes.count), "the file ends here")
        }
        var diagnostic = Diagnostic(
            .unclosedBrace, "unclosed `{`", at: location(brace..<brace + 1),
            label: "this `{` is never closed", secondary: [secondary],
            help: "add a `}` to close the \(name) block")
        // Close the block where the indentation says it ended: on a line of its own, in line
        // with the statement that opened it.
        let indent = String(repeating: " ", count: lineIndentation(containing: Int(statement.keywordStart)))
        if let offset {
            var start = offset
            while start > 0 && bytes[start - 1] != 0x0A { start -= 1 }
            diagnostic.fixes = [Fix("add `}`", edits: [Edit(location(start..<start), indent + "}\n")], isSafe: true)]
        } else {
            let newline = bytes.count > 0 && bytes[bytes.count - 1] != 0x0A ? "\n" : ""
            diagnostic.fixes = [Fix("add `}` at the end of the file",
                                    edits: [Edit(location(bytes.count..<bytes.count), newline + indent + "}\n")], isSafe: true)]
        }
        report(diagnostic)
    }

    // MARK: - Indentation recovery

    /// The number of spaces and tabs that start the line holding `offset`.
    func lineIndentation(containing offset: Int) -> Int {
        var start = offset
        while start > 0 && bytes[start - 1] != 0x0A { start -= 1 }
        var count = 0
        while start + count < bytes.count && (bytes[start + count] == 0x20 || bytes[start + count] == 0x09) { count += 1 }
        return count
    }

    /// The indentation of `offset` if only spaces and tabs precede it on its line.
    func leadingIndentation(of offset: Int) -> Int? {
        var index = offset
        var count = 0
        while index > 0 {
            let byte = bytes[index - 1]
            if byte == 0x0A { break }
            if byte != 0x20 && byte != 0x09 { return nil }
            count += 1
            index -= 1
        }
        return count
    }

    /// Whether a `}` alone on its line is indented deeper than the statement whose block it
    /// would close: a `}` typed once too often, when the block's own `}` follows in line.
    func isStray(braceAt offset: Int, depth: Int) -> Bool {
        guard let indent = leadingIndentation(of: offset) else { return false }
        return indent > openBlocks[depth - 1].indentation
    }

    /// Reports an extra `}` at itself.
    mutating func reportStrayBrace(closing node: Int32) {
        let statement = tree.nodes[Int(node)]
        var name = "`\(statement.keyword.spelling)`"
        if let first = tree.arguments(of: statement).first, first.kind == .identifier {
            name = "`\(statement.keyword.spelling) \(tree.text(first.range))`"
        }
        var diagnostic = Diagnostic(
            .unexpectedToken, Diagnostic.strayBraceMessage, at: tokenLocation, label: "this `}` closes nothing",
            secondary: [.init(location(Int(statement.keywordStart)..<Int(statement.keywordEnd)),
                              "the \(name) block is closed further down, in line with its statement")],
            help: "remove this `}`")
        // The brace is alone on its line: remove the line.
        var start = Int(token.start)
        while start > 0 && bytes[start - 1] != 0x0A { start -= 1 }
        var end = Int(token.end)
        while end < bytes.count && (bytes[end] == 0x20 || bytes[end] == 0x09 || bytes[end] == 0x0D) { end += 1 }
        if end < bytes.count && bytes[end] == 0x0A { end += 1 }
        diagnostic.fixes = [Fix("remove the extra `}`", edits: [Edit(location(start..<end), "")], isSafe: true)]
        report(diagnostic)
    }

    /// When a `}` is indented like an enclosing block's statement rather than the current one's,
    /// the blocks in between were left unclosed: returns the depth of that enclosing block.
    func ancestorClosed(byBraceAt offset: Int, depth: Int) -> Int? {
        guard let indent = leadingIndentation(of: offset), indent < openBlocks[depth - 1].indentation else { return nil }
        var index = depth - 2
        while index >= 0 {
            if openBlocks[index].indentation == indent { return index + 1 }
            if openBlocks[index].indentation < indent { return nil }
            index -= 1
        }
        return nil
    }

    /// When a statement that the current block does not admit is indented no deeper than the
    /// block's own statement and an enclosing context admits it, the current block was left
    /// unclosed: returns the depth of the enclosing block (0 for the file).
    func ancestorAdmitting(_ keyword: Keyword, at offset: Int) -> Int? {
        guard indentationRecovery, let current = openBlocks.last,
              let indent = leadingIndentation(of: offset), indent <= current.indentation else { return nil }
        var index = openBlocks.count - 2
        while index >= 0 {
            if StatementShape.shape(of: keyword, in: openBlocks[index].context) != nil { return index + 1 }
            index -= 1
        }
        return StatementShape.shape(of: keyword, in: .file) != nil ? 0 : nil
    }
}
