/// One statement of the source: a keyword, its arguments, and maybe a block of statements.
///
/// Nodes live in one array (`SyntaxTree.nodes`), in the order their statements start, and refer
/// to each other by index: a block's first statement is always the node right after the
/// statement that opens it (`hasChildren`, `SyntaxTree.firstChild(of:)`), and each statement
/// names the next one of its block (`nextSibling`). Every node keeps the byte ranges it was built
/// from. A node takes 24 bytes: large journeys hold a million of them.
public struct SyntaxNode: Sendable {
    public var keyword: Keyword
    private var flags: UInt8
    private var storedArgumentCount: UInt16
    public var keywordStart: Int32
    /// The end of the statement: after its `}` or its last argument.
    public var end: Int32
    /// The arguments are `SyntaxTree.arguments[firstArgument ..< firstArgument + argumentCount]`.
    public var firstArgument: Int32
    /// The offset of `{`, or -1 when the statement has no block.
    public var openBrace: Int32
    /// The next statement of the same block, or -1.
    public var nextSibling: Int32

    /// The most arguments one statement can hold.
    public static let maximumArguments = Int(UInt16.max)

    init(keyword: Keyword, keywordStart: Int32, end: Int32, firstArgument: Int32) {
        self.keyword = keyword
        self.flags = 0
        self.storedArgumentCount = 0
        self.keywordStart = keywordStart
        self.end = end
        self.firstArgument = firstArgument
        self.openBrace = -1
        self.nextSibling = -1
    }

    private static let malformedFlag: UInt8 = 1
    private static let allowFlag: UInt8 = 2
    private static let closedFlag: UInt8 = 4
    private static let childrenFlag: UInt8 = 8

    private func flag(_ bit: UInt8) -> Bool { flags & bit != 0 }

    private mutating func setFlag(_ bit: UInt8, _ value: Bool) {
        if value { flags |= bit } else { flags &= ~bit }
    }

    /// True when the statement was malformed. Such statements were reported by the parser and
    /// are ignored by everything after it.
    public var isMalformed: Bool {
        get { flag(SyntaxNode.malformedFlag) }
        set { setFlag(SyntaxNode.malformedFlag, newValue) }
    }

    /// True when the statement's block holds an `allow`, so the checker need not look for one.
    public var blockHasAllow: Bool {
        get { flag(SyntaxNode.allowFlag) }
        set { setFlag(SyntaxNode.allowFlag, newValue) }
    }

    /// True when the statement's block was closed by its `}`.
    public var isBlockClosed: Bool {
        get { flag(SyntaxNode.closedFlag) }
        set { setFlag(SyntaxNode.closedFlag, newValue) }
    }

    /// Marks the block closed by a `}` that ends at `end`, the statement's end: one change of
    /// the node in its array, where two each checked the array's uniqueness.
    mutating func closeBlock(at end: Int32) {
        flags |= SyntaxNode.closedFlag
        self.end = end
    }

    /// True when the statement's block holds at least one statement: the node after this one.
    /// (Nodes are appended as their statements start, a statement's own node before anything in
    /// its block, and a split parse's half is appended where its first statement starts.)
    public var hasChildren: Bool {
        get { flag(SyntaxNode.childrenFlag) }
        set { setFlag(SyntaxNode.childrenFlag, newValue) }
    }

    /// The first statement of the block of the node at `index`, or -1.
    @inline(__always)
    public func firstChild(at index: Int32) -> Int32 { hasChildren ? index + 1 : -1 }

    public var argumentCount: Int32 {
        get { Int32(storedArgumentCount) }
        set { storedArgumentCount = UInt16(clamping: newValue) }
    }

    /// The end of the keyword.
    public var keywordEnd: Int32 { keywordStart + Int32(keyword.length) }

    /// The offset of `}`, or -1 when there is no block or it was never closed.
    public var closeBrace: Int32 { isBlockClosed ? end - 1 : -1 }

    public var keywordRange: Range<Int> { Int(keywordStart)..<Int(keywordEnd) }
    public var range: Range<Int> { Int(keywordStart)..<Int(end) }
    public var hasBlock: Bool { openBrace >= 0 }
}

/// One argument token of a statement. Commas are not kept; `<->`, `>=` and `<=` are.
/// Twelve bytes: an identifier's symbol, a decoded number's place in `SyntaxTree.numbers` and
/// any other token's kind share one field.
public struct SyntaxArgument: Sendable {
    public var start: Int32
    public var end: Int32
    /// A symbol (0 or more) for identifiers; `firstNumber` - its index for a number decoded
    /// while parsing; otherwise -1 - the token kind.
    private var symbolOrKind: Int32

    /// Where decoded numbers start: below every `-1 - kind`.
    private static let firstNumber: Int32 = -64

    init(kind: TokenKind, start: Int32, end: Int32, symbol: Int32) {
        self.start = start
        self.end = end
        self.symbolOrKind = kind == .identifier ? symbol : -1 - Int32(kind.rawValue)
    }

    /// A number token whose value is `SyntaxTree.numbers[number]`.
    init(numberAt number: Int32, start: Int32, end: Int32) {
        self.start = start
        self.end = end
        self.symbolOrKind = SyntaxArgument.firstNumber - number
    }

    public var kind: TokenKind {
        if symbolOrKind >= 0 { return .identifier }
        if symbolOrKind <= SyntaxArgument.firstNumber { return .number }
        return TokenKind(rawValue: UInt8(-1 - symbolOrKind))!
    }

    /// For a number decoded while parsing, its index in `SyntaxTree.numbers`.
    public var numberIndex: Int32? {
        symbolOrKind <= SyntaxArgument.firstNumber ? SyntaxArgument.firstNumber - symbolOrKind : nil
    }

    /// Gives an identifier the symbol `symbols` maps its symbol to, and a decoded number its
    /// place after `numberBase` others (merging a split parse).
    mutating func renumber(_ symbols: [Int32], numberBase: Int32) {
        if symbolOrKind >= 0 {
            symbolOrKind = symbols[Int(symbolOrKind)]
        } else if symbolOrKind <= SyntaxArgument.firstNumber {
            symbolOrKind -= numberBase
        }
    }

    /// The interned name of an identifier argument, or -1.
    public var symbol: Int32 { symbolOrKind >= 0 ? symbolOrKind : -1 }

    public var range: Range<Int> { Int(start)..<Int(end) }
}

/// The result of parsing one file. Parsing never fails: a tree always comes back, together
/// with the diagnostics found on the way.
public struct SyntaxTree: Sendable {
    public let source: SourceFile
    /// The file's index in its workspace, used in every location.
    public let fileIndex: Int
    public var nodes: [SyntaxNode] = []
    public var arguments: [SyntaxArgument] = []
    /// The first top-level statement, or -1.
    public var firstStatement: Int32 = -1
    /// Every `#` comment, in source order.
    public var comments: [Comment] = []
    public var interner = Interner()
    /// False for a layout-only parse (`Parser.parse(_:fileIndex:names:)`, used by the
    /// formatter): every identifier then has symbol 0 and the interner is empty, so a name
    /// must not be asked for.
    public internal(set) var hasNames = true
    public var diagnostics: [Diagnostic] = []
    /// How many statements of each keyword the file holds, by `Keyword.rawValue`; the checker
    /// sizes its arrays from these so they never grow by copying.
    public var keywordCounts = SyntaxTree.noKeywordCounts.mine
    /// Names a malformed statement meant to declare besides its first argument, such as
    /// `go-upstairs` and `upstairs` for `step Go upstairs "…"`: the checker never reports a
    /// reference to them as unknown.
    public var extraGhosts: [Int32] = []
    /// The values of number arguments, decoded while their bytes were at hand (nil for a
    /// malformed number, which the lexer reported); see `SyntaxArgument.numberIndex`. The
    /// checker read them from the source otherwise, which a large file's lowering had long
    /// since left the cache: a miss per number. Empty for a layout-only parse.
    public var numbers: [NumberLiteral?] = []
    /// The run of a journey's statements left out of a tree parsed for checking in parts
    /// (`Parser.parseForChecking`); nil for a whole tree.
    var hole: SyntaxHole? = nil

    /// The counts of a tree that holds nothing yet, shared (an empty tree allocates nothing):
    /// by the trees each thread makes (`PerThreadCopies`, as `Interner`'s empty table).
    private static let noKeywordCounts = PerThreadCopies([Int32](filling: 0, count: Keyword.count)) { $0.map { $0 } }

    /// Whether parsing found any error (lexical, syntax, or a statement in the wrong place).
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The statements of a block, or of the file when `parent` is nil, in source order.
    public func children(of parent: Int32?) -> ChildSequence {
        let first = parent.map { firstChild(of: $0) } ?? firstStatement
        return ChildSequence(nodes: nodes, first: first)
    }

    /// The first statement of a node's block, or -1.
    public func firstChild(of node: Int32) -> Int32 { nodes[Int(node)].firstChild(at: node) }

    /// The arguments of a statement.
    public func arguments(of node: SyntaxNode) -> ArraySlice<SyntaxArgument> {
        let start = Int(node.firstArgument)
        return arguments[start..<start + Int(node.argumentCount)]
    }

    /// A location in this file.
    public func location(_ range: Range<Int>) -> SourceLocation {
        SourceLocation(file: fileIndex, start: range.lowerBound, end: range.upperBound)
    }

    /// The source text of a range.
    public func text(_ range: Range<Int>) -> String { source.text(range) }

    /// The decoded text of a string argument.
    public func string(_ argument: SyntaxArgument) -> String {
        source.bytes.withUnsafeBufferPointer { buffer in
            StringLiteral.decode(UnsafeBufferPointer(rebasing: buffer[argument.range]),
                                 multiline: argument.kind == .multilineString)
        }
    }

    /// Iterates the statements of one block through their sibling links.
    public struct ChildSequence: Sequence, IteratorProtocol {
        let nodes: [SyntaxNode]
        var following: Int32

        init(nodes: [SyntaxNode], first: Int32) {
            self.nodes = nodes
            self.following = first
        }

        public mutating func next() -> (index: Int32, node: SyntaxNode)? {
            guard following >= 0 else { return nil }
            let index = following
            let node = nodes[Int(index)]
            following = node.nextSibling
            return (index, node)
        }
    }
}
