/// Checks the meaning of one file: builds the catalogue it can see, lowers its journeys into
/// the model, resolves every reference (forward references included), checks values, and
/// then runs the gap rules and applies `allow`.
///
/// The checker only runs on files whose closure parsed cleanly (see `Workspace.isCheckable`),
/// and the gap rules only run when the meaning is sound too, so errors never cascade.
struct FileChecker {
    let workspace: Workspace
    let file: Int
    let tree: SyntaxTree
    var result: CheckedFile
    /// For each catalogue kind, this file's symbol → catalogue index.
    var catalogueSymbols: [[Int32: Int32]] = Array(repeating: [:], count: CatalogueKind.allCases.count)
    var once = OnceTracker()
    /// The file's bytes, valid while `check` runs (see `withBytes`).
    var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    /// The journey being lowered. Not optional: mutating through an optional would copy it.
    var journey = JourneyBuilder(model: Journey.placeholder, namespace: Namespace(symbolCount: 0))

    init(workspace: Workspace, file: Int) {
        self.workspace = workspace
        self.file = file
        self.tree = workspace.trees[file]
        self.result = CheckedFile(fileIndex: file, sources: workspace.sources, interner: workspace.trees[file].interner)
    }

    /// Checks the file; `isRoot` says whether its journeys are to be checked too.
    static func check(_ workspace: Workspace, file: Int, isRoot: Bool, rules: RuleConfiguration) -> CheckedFile {
        var checker = FileChecker(workspace: workspace, file: file)
        checker.result.isRoot = isRoot
        guard workspace.isCheckable(file) else { return checker.result }
        checker.result.isChecked = true
        checker.tree.source.bytes.withUnsafeBufferPointer { bytes in
            checker.bytes = bytes
            checker.buildCatalogue()
            if isRoot { checker.lowerJourneys() }
            checker.bytes = UnsafeBufferPointer(start: nil, count: 0)
        }
        if !checker.result.diagnostics.contains(where: { $0.severity == .error }) {
            var findings = GapRules.run(on: checker.result)
            Suppression.apply(to: &findings, in: &checker.result)
            rules.apply(to: &findings)
            checker.result.findings = findings.sorted { Diagnostic.isOrderedBefore($0.diagnostic, $1.diagnostic) }
        }
        return checker.result
    }

    // MARK: - Shared helpers

    func location(_ range: Range<Int>) -> SourceLocation { tree.location(range) }

    func location(_ argument: SyntaxArgument) -> SourceLocation { tree.location(argument.range) }

    func statement(_ node: SyntaxNode) -> SourceLocation { tree.location(node.range) }

    func textRef(_ argument: SyntaxArgument) -> TextRef {
        TextRef(file: Int32(file), start: argument.start, end: argument.end, isMultiline: argument.kind == .multilineString)
    }

    func argument(_ node: SyntaxNode, _ index: Int) -> SyntaxArgument {
        tree.arguments[Int(node.firstArgument) + index]
    }

    func name(_ argument: SyntaxArgument) -> String { tree.interner.name(argument.symbol) }

    mutating func report(_ diagnostic: Diagnostic) {
        result.diagnostics.append(diagnostic)
    }
}
