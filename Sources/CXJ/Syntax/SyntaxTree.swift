/// One statement of the source: a keyword, its arguments, and maybe a block of statements.
///
/// Nodes live in one array (`SyntaxTree.nodes`) and refer to each other by index, children
/// through `firstChild` and `nextSibling`. Every node keeps the byte ranges it was built from.
public struct SyntaxNode: Sendable {
    public var keyword: Keyword
    /// The context the statement stands in.
    public var context: BlockContext
    /// True when the statement was malformed or not allowed where it stands. Such statements
    /// were reported by the parser and are ignored by everything after it.
    public var isMalformed: Bool
    /// True when the statement's block holds an `allow`, so the checker need not look for one.
    public var blockHasAllow: Bool = false
    public var keywordStart: Int32
    public var keywordEnd: Int32
    /// The end of the statement: after its `}` or its last argument.
    public var end: Int32
    /// The arguments are `SyntaxTree.arguments[firstArgument ..< firstArgument + argumentCount]`.
    public var firstArgument: Int32
    public var argumentCount: Int32
    /// The offset of `{`, or -1 when the statement has no block.
    public var openBrace: Int32
    /// The offset of `}`, or -1 when there is no block or it was never closed.
    public var closeBrace: Int32
    /// The first statement of the block, or -1.
    public var firstChild: Int32
    /// The next statement of the same block, or -1.
    public var nextSibling: Int32

    public var keywordRange: Range<Int> { Int(keywordStart)..<Int(keywordEnd) }
    public var range: Range<Int> { Int(keywordStart)..<Int(end) }
    public var hasBlock: Bool { openBrace >= 0 }
}

/// One argument token of a statement. Commas are not kept; `<->`, `>=` and `<=` are.
public struct SyntaxArgument: Sendable {
    public var kind: TokenKind
    public var start: Int32
    public var end: Int32
    /// The interned name of an identifier argument, or -1.
    public var symbol: Int32

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
    public var diagnostics: [Diagnostic] = []
    /// How many statements of each keyword the file holds, by `Keyword.rawValue`; the checker
    /// sizes its arrays from these so they never grow by copying.
    public var keywordCounts = [Int32](repeating: 0, count: Keyword.count)

    /// Whether parsing found any error (lexical, syntax, or a statement in the wrong place).
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The statements of a block, or of the file when `parent` is nil, in source order.
    public func children(of parent: Int32?) -> ChildSequence {
        let first = parent.map { nodes[Int($0)].firstChild } ?? firstStatement
        return ChildSequence(nodes: nodes, first: first)
    }

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

    /// The decoded value of a number argument, or nil if it was malformed.
    public func number(_ argument: SyntaxArgument) -> NumberLiteral? {
        source.bytes.withUnsafeBufferPointer { buffer in
            NumberLiteral.parse(UnsafeBufferPointer(rebasing: buffer[argument.range]))
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
