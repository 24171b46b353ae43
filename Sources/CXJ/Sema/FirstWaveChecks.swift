import Synchronization

/// Checks the inputs of a run over several files as they are parsed, instead of after every
/// file is: a file that declares no catalogue entry (a journey) is checked by the task that
/// parsed it, as soon as the files it imports, transitively, are parsed too, and its tree is
/// handed back at once. Over 1,000 small journeys every tree was alive at the end of parsing,
/// the peak of the run.
///
/// The result is the one the workspace gives once loaded (`Workspace.checkScope`): a file is
/// checked early only when what its check reads is final. Every file of its closure is an
/// input, read and parsed; none has a hole; every import is accepted and reaches an input;
/// and the closure has no cycle. Anything else (an import refused, or of a file that is not
/// an input, a file not parsed yet) leaves the file to be checked after the load, as before.
/// Which files are checked early depends on the scheduling; what they give does not.
///
/// An importer reads only the trees of files that declare catalogue entries
/// (`CheckScope.catalogueFiles`), and those are never checked here nor handed back: a tree
/// that is handed back is one that no other task reads.
final class FirstWaveChecks: @unchecked Sendable {
    /// Checks and lints a file from what it reads; `Compiler.check` passes it.
    typealias Check = @Sendable (_ scope: CheckScope, _ file: Int) -> CheckedFile

    /// What a parse tells the checks of the other files.
    struct Parsed {
        /// The files the imports reach, in order; nil when one cannot be followed in this
        /// wave (refused, or a file that is not an input).
        var targets: [Int]? = nil
        var hasSyntaxErrors = false
        var declaresCatalogue = false
        var hasHole = false

        /// These facts, with the files that `imports` reach among the inputs (`identities`).
        func following(_ imports: [ResolvedImport], among identities: [String: Int]) -> Parsed {
            var facts = self
            var targets: [Int] = []
            targets.reserveCapacity(imports.count)
            for item in imports {
                guard case .accepted(_, let identity) = item.outcome, let target = identities[identity] else { return facts }
                targets.append(target)
            }
            facts.targets = targets
            return facts
        }
    }

    let sources: [SourceFile]
    /// One slot per input, filled by the task that parses it.
    let trees: SyntaxTrees
    private let check: Check
    private let count: Int
    private let parsed: UnsafeMutablePointer<Parsed>
    private let isPublished: UnsafeMutablePointer<Atomic<Bool>>

    /// Files of this size or more are checked after the load: they are checked a part at a
    /// time, or in halves, with the second core, which a task of a parallel pass cannot have.
    static let largestFile = AllocationPolicy.partedFileBytes

    /// How many files have been checked as they were parsed, in this process (read by the tests).
    static let checkedEarly = Atomic<Int>(0)

    /// Defers the files it returns true for, whatever their closure (for the tests: which
    /// files are checked early must not change what any file gives).
    nonisolated(unsafe) static var defersForTests: (@Sendable (Int) -> Bool)? = nil

    private let catalogues: CatalogueCache

    init(sources: [SourceFile], catalogues: CatalogueCache, check: @escaping Check) {
        self.sources = sources
        self.catalogues = catalogues
        self.check = check
        count = sources.count
        trees = SyntaxTrees(sources.indices.map { SyntaxTrees.Slot(SyntaxTree(source: sources[$0], fileIndex: $0)) })
        parsed = .allocate(capacity: count)
        parsed.initialize(repeating: Parsed(), count: count)
        isPublished = .allocate(capacity: count)
        for index in 0..<count { (isPublished + index).initialize(to: Atomic(false)) }
    }

    deinit {
        parsed.deinitialize(count: count)
        parsed.deallocate()
        isPublished.deinitialize(count: count)
        isPublished.deallocate()
    }

    /// Records a file's tree and what its parse tells the others. Once, by its own task.
    func publish(_ file: Int, tree: SyntaxTree, _ facts: Parsed) {
        trees.store(tree, at: file)
        parsed[file] = facts
        isPublished[file].store(true, ordering: .releasing)
    }

    /// Checks a file just published by this task, when what its check reads is final (see the
    /// type's comment), and hands its tree back; nil when it is left for after the load.
    func checkIfReady(_ file: Int) -> CheckedFile? {
        let own = parsed[file]
        guard !own.declaresCatalogue, !own.hasHole, own.targets != nil, sources[file].bytes.count < Self.largestFile,
              !(Self.defersForTests?(file) ?? false) else { return nil }
        // Every file the imports reach is parsed and can be followed. (A journey reaches a
        // catalogue or two: they are looked for in the array, and a set is made only for
        // more, as in `Workspace.closure`.)
        var reached = [file]
        var reachedSet = Set<Int>()
        var next = 0
        while next < reached.count {
            for target in parsed[reached[next]].targets! {
                if reachedSet.isEmpty ? reached.contains(target) : reachedSet.contains(target) { continue }
                guard isPublished[target].load(ordering: .acquiring), parsed[target].targets != nil, !parsed[target].hasHole
                else { return nil }
                reached.append(target)
                if reachedSet.isEmpty, reached.count > 16 { reachedSet = Set(reached) } else if !reachedSet.isEmpty { reachedSet.insert(target) }
            }
            next += 1
        }
        let order = Workspace.closure(of: file, edgeCount: { self.parsed[$0].targets!.count },
                                      target: { self.parsed[$0].targets![$1] })
        // Imports come before importers: an edge to the file itself or to a later one closes a cycle.
        let positions = order.count > 16 ? Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) }) : [:]
        for (index, member) in order.enumerated() {
            for target in parsed[member].targets! where (positions.isEmpty ? order.firstIndex(of: target)! : positions[target]!) >= index {
                return nil
            }
        }
        let scope = CheckScope(
            sources: sources, trees: trees,
            catalogueFiles: order.filter { $0 == file || parsed[$0].declaresCatalogue },
            catalogueIsIncomplete: order.contains { $0 != file && parsed[$0].hasSyntaxErrors },
            declaresCatalogue: false, catalogues: catalogues)
        var checked = check(scope, file)
        FirstWaveChecks.checkedEarly.add(1, ordering: .relaxed)
        trees.handBack(file, keepingDiagnosticsIn: &checked)
        return checked
    }
}
