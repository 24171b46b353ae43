/// A statement's arguments, read through the pointer to the tree's arguments.
typealias ArgumentRun = Slice<UnsafeBufferPointer<SyntaxArgument>>

/// Checks the meaning of one file: builds the catalogue it can see, lowers its journeys into
/// the model, resolves every reference (forward references included), checks values, and
/// then runs the gap rules and applies `allow`.
///
/// Every file is checked, whatever its syntax errors and its imports' errors (LANGUAGE.md §5,
/// "Tolerance"), and no diagnostic may be a consequence of another:
/// - a malformed statement is skipped, but the name it declares still counts (`ghosts`), so a
///   reference to it is never CXJ101;
/// - when an import is missing, refused, on a cycle or has syntax errors, an unknown catalogue
///   name could have come from it, so it is not reported (`catalogueIsIncomplete`);
/// - gap findings that an error touches are dropped (see `Tolerance`).
struct FileChecker {
    let scope: CheckScope
    let file: Int
    let tree: SyntaxTree
    var result: CheckedFile
    /// For each catalogue kind, this file's symbol → catalogue index.
    var catalogueSymbols: [SymbolMap] = Array(filling: SymbolMap(), count: CatalogueKind.allCases.count)
    var once = OnceTracker()
    /// The file's bytes, valid while `check` runs.
    var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    /// The tree's statements and arguments, valid while `check` runs. Read through pointers,
    /// they take no reference to the tree's arrays: a reference count written per element
    /// would be written by both threads of lowering in halves, one cache line bouncing
    /// between the cores.
    var nodeStore = UnsafeBufferPointer<SyntaxNode>(start: nil, count: 0)
    var argumentStore = UnsafeBufferPointer<SyntaxArgument>(start: nil, count: 0)
    /// Hands back the tree's memory as lowering reads it, when the run allows it; nil in
    /// helpers, whose work may be lowered again.
    var statementRelease: StatementRelease? = nil
    /// The journey being lowered. Not optional: mutating through an optional would copy it.
    var journey = JourneyBuilder(model: Journey.placeholder, namespace: Namespace(symbolCount: 0))
    /// Names declared by malformed statements: they exist, but cannot be lowered.
    var ghosts = Set<Int32>()
    /// Whether the visible catalogue may lack entries, because an import could not be used.
    var catalogueIsIncomplete = false
    /// References left unresolved without a diagnostic (a ghost, or a name an unusable import
    /// may hold): what depends on them is touched by an error, for `Tolerance`.
    var silencedReferences: [SourceLocation] = []
    /// The file's names: the tree's, and those of the parts of its hole as they are lowered.
    var interner: Interner
    /// The decoded numbers of the tree (or of the part) being lowered, valid while `check` runs.
    var numberStore = UnsafeBufferPointer<NumberLiteral?>(start: nil, count: 0)
    /// Whether a part of the hole could not be lowered as a part (it failed its check, or left
    /// a reference waiting for the journey's end): lowering stops, and the file is checked
    /// again from a whole tree (see `check`).
    var needsWholeTree = false

    init(scope: CheckScope, file: Int, tree: SyntaxTree) {
        self.scope = scope
        self.file = file
        self.tree = tree
        self.interner = self.tree.interner
        self.result = CheckedFile(fileIndex: file, sources: scope.sources, interner: self.tree.interner)
    }

    /// Checks the meaning of a file; `isRoot` says whether its journeys are to be lowered too.
    /// Linting is the compiler's next step (`Compiler.lint`).
    static func check(_ workspace: Workspace, file: Int, isRoot: Bool) -> CheckedFile {
        check(workspace.checkScope(for: file), file: file, isRoot: isRoot)
    }

    /// Checks the meaning of a file from what it reads (`CheckScope`).
    static func check(_ scope: CheckScope, file: Int, isRoot: Bool) -> CheckedFile {
        if let checked = check(scope, file: file, isRoot: isRoot, tree: scope.trees[file]) { return checked }
        // A part of the hole could not be lowered as a part: the file is parsed whole, and its
        // diagnostics are this tree's (the tree with the hole found none).
        FileChecker.wholeTreeRechecks.add(1, ordering: .relaxed)
        let tree = Parser.parse(scope.sources[file], fileIndex: file)
        var checked = check(scope, file: file, isRoot: isRoot, tree: tree)!
        checked.parseDiagnostics = tree.diagnostics
        return checked
    }

    /// Checks a file from `tree`; nil when its hole could not be lowered (`needsWholeTree`).
    private static func check(_ scope: CheckScope, file: Int, isRoot: Bool, tree: SyntaxTree) -> CheckedFile? {
        var checker = FileChecker(scope: scope, file: file, tree: tree)
        checker.result.isRoot = isRoot
        checker.catalogueIsIncomplete = scope.catalogueIsIncomplete
        tree.source.bytes.withUnsafeBufferPointer { bytes in
            tree.nodes.withUnsafeBufferPointer { nodes in
                tree.arguments.withUnsafeBufferPointer { arguments in
                    tree.numbers.withUnsafeBufferPointer { numbers in
                        checker.bytes = bytes
                        checker.nodeStore = nodes
                        checker.argumentStore = arguments
                        checker.numberStore = numbers
                        if StatementRelease.isOn {
                            checker.statementRelease = StatementRelease(nodes: nodes, arguments: arguments, numbers: numbers)
                        }
                        checker.collectGhosts()
                        checker.buildCatalogue()
                        if isRoot { checker.lowerJourneys() }
                        checker.bytes = UnsafeBufferPointer(start: nil, count: 0)
                        checker.nodeStore = UnsafeBufferPointer(start: nil, count: 0)
                        checker.argumentStore = UnsafeBufferPointer(start: nil, count: 0)
                        checker.numberStore = UnsafeBufferPointer(start: nil, count: 0)
                        checker.statementRelease = nil
                    }
                }
            }
        }
        guard !checker.needsWholeTree else { return nil }
        checker.result.interner = checker.interner
        // A file checked in parts has names of its own, which nothing looks up once it is
        // checked: their table is dropped before the gap rules and the outputs allocate. So
        // is every file's in a run that reads no tree afterwards (256 bytes or more a file).
        if tree.hole != nil || Workspace.releasesTrees { checker.result.interner.dropLookupTable() }
        checker.result.errorLocations = (checker.tree.diagnostics + checker.result.diagnostics)
            .filter { $0.severity == .error }.map { $0.location } + checker.silencedReferences
        return checker.result
    }

    /// Records the names that malformed declarations would have declared.
    mutating func collectGhosts() {
        ghosts.formUnion(tree.extraGhosts)
        for node in tree.nodes where node.isMalformed && node.argumentCount > 0 {
            switch node.keyword {
            case .persona, .channel, .team, .system, .journey, .stage, .step, .action, .kpi, .opportunity:
                let first = argument(node, 0)
                if first.kind == .identifier && first.symbol >= 0 { ghosts.insert(first.symbol) }
            default:
                break
            }
        }
    }

    // MARK: - Shared helpers

    /// Whether a statement is lowered into the model: every well-formed one, and a malformed
    /// declaration whose name was read (`step Go upstairs "…"`, `team care` without a label),
    /// so that what it declares and what its block holds are still checked.
    @inline(__always) func isLowerable(_ node: SyntaxNode) -> Bool {
        !node.isMalformed || FileChecker.isLowerable(node, in: tree)
    }

    static func isLowerable(_ node: SyntaxNode, in tree: borrowing SyntaxTree) -> Bool {
        guard node.isMalformed else { return true }
        switch node.keyword {
        case .persona, .channel, .team, .system, .journey, .stage, .step, .action, .kpi, .opportunity:
            return node.argumentCount > 0 && tree.arguments[Int(node.firstArgument)].kind == .identifier
        default:
            return false
        }
    }

    /// The label of a declaration, or an empty text when a malformed one has none.
    @inline(__always) func label(_ node: SyntaxNode) -> TextRef {
        if !node.isMalformed {
            let label = argumentStore[Int(node.firstArgument) + 1]
            return TextRef(file: Int32(file), start: label.start, end: label.end, isMultiline: label.kind == .multilineString)
        }
        return FileChecker.label(node, in: tree)
    }

    static func label(_ node: SyntaxNode, in tree: borrowing SyntaxTree) -> TextRef {
        let owner = Int32(tree.fileIndex)
        if node.argumentCount >= 2 {
            let label = tree.arguments[Int(node.firstArgument) + 1]
            if label.kind == .string || label.kind == .multilineString {
                return TextRef(file: owner, start: label.start, end: label.end, isMultiline: label.kind == .multilineString)
            }
        }
        return TextRef(file: owner, start: node.keywordStart, end: node.keywordStart, isMultiline: false)
    }

    @inline(__always) func location(_ range: Range<Int>) -> SourceLocation { tree.location(range) }

    @inline(__always) func location(_ argument: SyntaxArgument) -> SourceLocation { tree.location(argument.range) }

    @inline(__always) func statement(_ node: SyntaxNode) -> SourceLocation { tree.location(node.range) }

    @inline(__always) func textRef(_ argument: SyntaxArgument) -> TextRef {
        TextRef(file: Int32(file), start: argument.start, end: argument.end, isMultiline: argument.kind == .multilineString)
    }

    @inline(__always) func argument(_ node: SyntaxNode, _ index: Int) -> SyntaxArgument {
        argumentStore[Int(node.firstArgument) + index]
    }

    /// The arguments of a statement.
    @inline(__always) func arguments(of node: SyntaxNode) -> ArgumentRun {
        let start = Int(node.firstArgument)
        return argumentStore[start..<start + Int(node.argumentCount)]
    }

    /// The statements of a block, in order, with their indices.
    @inline(__always) func children(of parent: Int32) -> Children {
        Children(nodes: nodeStore, following: nodeStore[Int(parent)].firstChild(at: parent))
    }

    /// A block's statements, read through the pointer to the tree's statements.
    struct Children: Sequence, IteratorProtocol {
        let nodes: UnsafeBufferPointer<SyntaxNode>
        var following: Int32

        mutating func next() -> (index: Int32, node: SyntaxNode)? {
            guard following >= 0 else { return nil }
            let index = following
            let node = nodes[Int(index)]
            following = node.nextSibling
            return (index, node)
        }
    }

    @inline(__always) func name(_ argument: SyntaxArgument) -> String { interner.name(argument.symbol) }

    mutating func report(_ diagnostic: Diagnostic) {
        result.diagnostics.append(diagnostic)
    }
}
