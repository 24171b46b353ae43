/// Something to check: a path, or bytes standing in for a file (standard input).
public enum SourceInput: Sendable, Equatable {
    case path(String)
    case text(path: String, bytes: [UInt8])
}

/// An input that could not be read at all (a usage-level failure, exit status 2).
public struct LoadFailure: Sendable, Equatable {
    public var path: String
    public var error: SourceReadError
}

/// One `import` statement, and the file it reached if any.
public struct ImportEdge: Sendable {
    /// The path string of the import.
    public var location: SourceLocation
    /// The imported file, or nil when it could not be read (reported as CXJ108).
    public var target: Int?
}

/// Every file a run touches: the inputs and, transitively, what they import.
///
/// Each file is read and parsed once, however many times it is reached. Files are read and
/// parsed in parallel, a wave of imports at a time; indices are assigned in a fixed order, so
/// results never depend on scheduling.
public struct Workspace: Sendable {
    public internal(set) var sources: [SourceFile] = []
    public internal(set) var trees = SyntaxTrees()
    public internal(set) var imports: [[ImportEdge]] = []
    /// The files given as inputs, in the order given, without repeats.
    public internal(set) var roots: [Int] = []
    public internal(set) var failures: [LoadFailure] = []
    /// Import errors: CXJ108 and CXJ109.
    public internal(set) var diagnostics: [Diagnostic] = []
    /// Whether a file lies on an import cycle.
    public internal(set) var inCycle: [Bool] = []
    /// Whether a file's parse found an error, kept apart from its tree: the checker of every
    /// file that imports it asks, and reading `trees[file].hasErrors` copied the whole tree,
    /// a dozen reference counts written from both threads on one shared catalogue's arrays.
    public internal(set) var hasSyntaxErrors: [Bool] = []
    /// Whether a file declares a catalogue entry (`SyntaxTree.declaresCatalogue`): the trees
    /// of the others are never read by an importer's check (`CheckScope.catalogueFiles`).
    public internal(set) var declaresCatalogue: [Bool] = []
    /// The catalogues of files that declare no entry, built once per set of imported files.
    let catalogues = CatalogueCache()

    /// The project root of each file, as a provider identity: an importer's root is passed on
    /// to what it imports.
    private var fileRoots: [String] = []

    /// How deep imports may nest: a file more imports away from every input than this is not
    /// loaded (CXJ108). Catalogues are imported transitively, so an unbounded chain would make
    /// checking quadratic in its length.
    public static let maximumImportDepth = 64

    /// The largest file the positions can address (offsets are 32-bit).
    public static let largestFile = Int(Int32.max) - 1

    private struct Request {
        var path: String
        var identity: String
        /// What reading the file gave, when it was read (or given) before its wave.
        var content: Result<SourceBytes, SourceReadError>?
        var isRoot: Bool
        var root: String
        /// The import edges waiting for this file, as (file, edge) pairs.
        var waiters: [(Int, Int)]
        /// The file's record, when it was made as the file was read (an input's).
        var source: SourceFile? = nil
    }

    /// An input's identity, what reading it gave (nothing yet for one read late), and its record.
    private typealias InputFile = (identity: String, content: Result<SourceBytes, SourceReadError>, source: SourceFile?)

    public static func load(_ inputs: [SourceInput], provider: SourceProvider,
                            policy: ImportPolicy = ImportPolicy()) -> Workspace {
        load(inputs, provider: provider, policy: policy, checkingInputs: nil).workspace
    }

    /// Loads the inputs and what they import; with `check`, the inputs are checked as they are
    /// parsed where they can be (`FirstWaveChecks`): `checked` holds those, by file index, and
    /// nil for the files left to check after the load. `checkingCatalogues` checks the inputs
    /// that declare catalogue entries there too (`FirstWaveChecks.checksCatalogues`).
    static func load(_ inputs: [SourceInput], provider: SourceProvider, policy: ImportPolicy,
                     checkingInputs check: FirstWaveChecks.Check?,
                     checkingCatalogues: Bool = false) -> (workspace: Workspace, checked: CheckedSlots?) {
        let allowed = policy.allowedOutside.map { provider.identity(of: $0) }
        var workspace = Workspace()
        // Sized for the inputs: growing rehashed every path held so far, several times over.
        var identities: [String: Int] = Dictionary(minimumCapacity: inputs.count)
        var queue: [Request] = []
        queue.reserveCapacity(inputs.count)
        var queued: [String: Int] = Dictionary(minimumCapacity: inputs.count)
        // An input read by the task that parses it (`DeferredRead`) is only named here, on this
        // thread: its identity is its folder's real path, worked out once, and its name. (On
        // both cores, the two threads contended for the folder's entry in the table of real
        // paths: 1,000 inputs took 1-3 ms, against 0.9 on one.)
        let deferred = provider.identitiesDeferringRead(inputs.map { input in
            guard case .path(let path) = input else { return nil }
            return path
        })
        var inputFiles: [InputFile?] = zip(inputs, deferred).map { input, identity in
            guard case .path(let path) = input, let identity else { return nil }
            return (identity, .success(SourceBytes([])), SourceFile(path: path, awaitingRead: ()))
        }
        // Resolving a path takes system calls per component: the other inputs are resolved,
        // and read, in one parallel pass (each project root is resolved once). An input that
        // turns out to be a file already given under another path is dropped unparsed.
        // Each input's record is made there too, for content the wave will keep (a thousand
        // records were made on one thread).
        let unnamed = inputs.indices.filter { index in
            guard case .path = inputs[index] else { return false }
            return inputFiles[index] == nil
        }
        let named = Parallel.map(unnamed) { index -> InputFile in
            guard case .path(let path) = inputs[index] else { preconditionFailure("only paths are named") }
            let (identity, content) = provider.identityAndLoad(path)
            guard case .success(let bytes) = content else { return (identity, content, nil) }
            return (identity, content, SourceFile(path: path, content: bytes))
        }
        for (index, file) in zip(unnamed, named) { inputFiles[index] = file }
        var rootIdentities: [String: String] = [:]
        // The inputs of a folder share a root: the last one is reused without hashing it.
        var lastRoot: (path: String, identity: String)? = nil
        for (input, file) in zip(inputs, inputFiles) {
            let path: String
            switch input {
            case .path(let named): path = named
            case .text(let named, _): path = named
            }
            let rootPath = policy.root(ofInput: path)
            let root: String
            if let lastRoot, lastRoot.path == rootPath {
                root = lastRoot.identity
            } else {
                root = rootIdentities[rootPath] ?? provider.identity(of: rootPath)
                rootIdentities[rootPath] = root
                lastRoot = (rootPath, root)
            }
            let request: Request
            switch input {
            case .path:
                request = Request(path: path, identity: file!.identity, content: file!.content, isRoot: true, root: root,
                                  waiters: [], source: file!.source)
            case .text(_, let bytes):
                request = Request(path: path, identity: "\u{0}text:\(queue.count):\(path)", content: .success(SourceBytes(bytes)),
                                  isRoot: true, root: root, waiters: [])
            }
            // One hash of the identity: a repeat puts the first input's place back.
            if let first = queued.updateValue(queue.count, forKey: request.identity) {
                queued[request.identity] = first
            } else {
                queue.append(request)
            }
        }
        let importIdentities = ImportIdentities()
        var checkedInputs: CheckedSlots? = nil
        var depth = 0
        while !queue.isEmpty {
            depth += 1
            if depth > Workspace.maximumImportDepth + 1 {
                for request in queue {
                    for (file, edge) in request.waiters {
                        workspace.diagnostics.append(Diagnostic(
                            .importNotFound, "imports nest more than \(Workspace.maximumImportDepth) files deep",
                            at: workspace.imports[file][edge].location, label: "not loaded",
                            notes: ["each import here leads through a chain of \(Workspace.maximumImportDepth) imports or more"],
                            help: "import the catalogue directly from a file nearer the journey"))
                    }
                }
                break
            }
            let batch = queue
            queue = []
            queued = [:]
            // The inputs were read as they were resolved; imported files are read here.
            let unread = batch.indices.filter { batch[$0].content == nil }
            let read = Parallel.map(unread.map { batch[$0].path }) { provider.load($0) }
            var contents = batch.map(\.content)
            for (index, content) in zip(unread, read) { contents[index] = content }
            for index in contents.indices {
                if case .success(let content)? = contents[index], content.count > Workspace.largestFile {
                    contents[index] = .failure(SourceReadError(reason: "it is larger than 2 GiB, the most cxj can address",
                                                               isMissing: false))
                }
            }
            var parseJobs: [SourceFile] = []
            let firstNew = workspace.sources.count
            for (request, content) in zip(batch, contents) {
                switch content! {
                case .success(let bytes):
                    let index = workspace.sources.count
                    let source = request.source ?? SourceFile(path: request.path, content: bytes)
                    workspace.sources.append(source)
                    workspace.fileRoots.append(request.root)
                    workspace.imports.append([])
                    parseJobs.append(source)
                    identities[request.identity] = index
                    if request.isRoot { workspace.roots.append(index) }
                    for (file, edge) in request.waiters { workspace.imports[file][edge].target = index }
                case .failure(let error):
                    if request.isRoot { workspace.failures.append(LoadFailure(path: request.path, error: error)) }
                    for (file, edge) in request.waiters {
                        workspace.reportMissingImport(file: file, edge: edge, path: request.path, error: error, provider: provider)
                    }
                }
            }
            let roots = workspace.fileRoots
            // The inputs are checked as they are parsed, where they can be.
            let isFirstWave = depth == 1 && parseJobs.count > 1
            let firstWave = check.flatMap {
                isFirstWave ? FirstWaveChecks(sources: workspace.sources, catalogues: workspace.catalogues,
                                              checksCatalogues: checkingCatalogues, check: $0) : nil
            }
            let inputIdentities = identities
            let jobs = parseJobs
            @Sendable func parseJob(_ offset: Int) -> (SyntaxTree, ParsedFile) {
                let source = jobs[offset]
                if source.isAwaitingRead {
                    switch provider.readDeferred(source.path) {
                    case .success(let bytes): source.fill(bytes)
                    case .failure(let error): source.recordUnread(error.reason)
                    }
                }
                let tree = Workspace.parse(source, fileIndex: firstNew + offset)
                let imports = ResolvedImport.imports(of: tree, root: roots[firstNew + offset], policy: policy,
                                                     allowed: allowed, provider: provider, identities: importIdentities)
                let facts = FirstWaveChecks.Parsed(hasSyntaxErrors: tree.hasErrors, declaresCatalogue: tree.declaresCatalogue,
                                                   hasHole: tree.hole != nil)
                return (tree, ParsedFile(imports: imports, facts: facts))
            }
            /// Parses a file of the first wave and publishes its tree (which the wave then owns).
            @Sendable func parseAndPublish(_ offset: Int, to firstWave: FirstWaveChecks) -> ParsedFile {
                let (tree, parsed) = parseJob(offset)
                firstWave.publish(offset, tree: tree, parsed.facts.following(parsed.imports, among: inputIdentities))
                return parsed
            }
            var (slots, parsedHere) = Parallel.mapPairs(Array(parseJobs.indices)) { offset -> (SyntaxTrees.Slot, ParsedFile?) in
                guard let firstWave else {
                    let (tree, parsed) = parseJob(offset)
                    return (SyntaxTrees.Slot(tree), parsed)
                }
                // An input that another task parsed on demand (see `FirstWaveChecks.parseOnDemand`).
                guard firstWave.claimParse(offset) else { return (firstWave.trees.slot(offset), nil) }
                let parsed = parseAndPublish(offset, to: firstWave)
                firstWave.parseOnDemand(importsOf: offset) { target in
                    let imported = parseAndPublish(target, to: firstWave)
                    firstWave.checkIfReady(target)
                    return imported
                }
                firstWave.checkIfReady(offset)
                return (firstWave.trees.slot(offset), parsed)
            }
            let parsed = parsedHere.indices.map { parsedHere[$0].take() ?? firstWave!.takeParsedOnDemand($0)! }
            parsedHere = []
            if let firstWave { checkedInputs = firstWave.results }
            let trees = SyntaxTrees(slots)
            slots = []
            // The first wave's trees are taken as they are.
            if workspace.trees.isEmpty { workspace.trees = trees } else { workspace.trees.append(contentsOf: trees) }
            // By index: a lazy map copied each parsed file whole (250 instructions a file).
            workspace.hasSyntaxErrors.reserveCapacity(workspace.hasSyntaxErrors.count + parsed.count)
            workspace.declaresCatalogue.reserveCapacity(workspace.declaresCatalogue.count + parsed.count)
            for index in parsed.indices {
                workspace.hasSyntaxErrors.append(parsed[index].facts.hasSyntaxErrors)
                workspace.declaresCatalogue.append(parsed[index].facts.declaresCatalogue)
            }
            // Journeys of a folder import the same catalogue: the last identity's index is
            // reused (one string comparison, of one shared string, instead of two lookups).
            var lastLoaded: (identity: String, index: Int)? = nil
            for offset in parsed.indices {
                let file = firstNew + offset
                for item in parsed[offset].imports {
                    switch item.outcome {
                    case .refused(let diagnostic):
                        workspace.imports[file].append(ImportEdge(location: item.location, target: nil))
                        workspace.diagnostics.append(diagnostic)
                    case .accepted(let path, let identity):
                        let edge = workspace.imports[file].count
                        let loaded = lastLoaded.flatMap { $0.identity == identity ? $0.index : nil } ?? identities[identity]
                        workspace.imports[file].append(ImportEdge(location: item.location, target: loaded))
                        if let loaded {
                            lastLoaded = (identity, loaded)
                            continue
                        }
                        if let pending = queued[identity] {
                            queue[pending].waiters.append((file, edge))
                        } else {
                            queued[identity] = queue.count
                            queue.append(Request(path: path, identity: identity, content: nil, isRoot: false,
                                                 root: workspace.fileRoots[file], waiters: [(file, edge)]))
                        }
                    }
                }
            }
        }
        workspace.findCycles()
        workspace.parseImportedHoles()
        return (workspace, checkedInputs)
    }

    /// What the parse of one file gives the load.
    struct ParsedFile: Sendable {
        var imports: [ResolvedImport]
        var facts: FirstWaveChecks.Parsed
    }

    /// Whether `Compiler.check` hands back each tree that no other file imports once its file
    /// is checked (`SyntaxTrees.release`): for a run that reads no tree after checking, as
    /// `StatementRelease` is (`AllocationPolicy.treeReleasingCommands`). Such a file's parse
    /// diagnostics are kept in its checked file (`CheckedFile.parseDiagnostics`).
    static var releasesTrees: Bool { StatementRelease.isEnabled || releasesTreesForTests }

    /// Turns the release of checked trees on for the tests.
    nonisolated(unsafe) static var releasesTreesForTests = false

    /// Whether each file is imported by another: its tree is read while those are checked.
    func importedFiles() -> [Bool] {
        var imported = [Bool](filling: false, count: sources.count)
        for edges in imports {
            for edge in edges { if let target = edge.target { imported[target] = true } }
        }
        return imported
    }

    /// Parses a file: with a hole for a run that checks a large journey a part at a time
    /// (`StatementRelease`: `check` and `compile`, which read no tree after checking).
    private static func parse(_ source: SourceFile, fileIndex: Int) -> SyntaxTree {
        if parsesInParts ?? (StatementRelease.isOn && source.bytes.count >= Parser.checkedHoleBytes),
           let tree = Parser.parseForChecking(source, fileIndex: fileIndex) {
            return tree
        }
        return Parser.parse(source, fileIndex: fileIndex)
    }

    /// Forces a hole on (`true`, whatever the size and command) or off; nil decides by both.
    /// For the tests.
    nonisolated(unsafe) static var parsesInParts: Bool? = nil

    /// A file that another imports is parsed whole: its importers ask whether it has syntax
    /// errors, and the statements left out of a tree with a hole were not looked at yet.
    private mutating func parseImportedHoles() {
        // Most runs have no hole: the import edges are walked only when one does.
        guard trees.contains(where: { $0.hole != nil }) else { return }
        let imported = importedFiles()
        for file in trees.indices where trees[file].hole != nil && imported[file] {
            trees[file] = Parser.parse(sources[file], fileIndex: file)
            hasSyntaxErrors[file] = trees[file].hasErrors
            declaresCatalogue[file] = trees[file].declaresCatalogue
        }
    }

    private mutating func reportMissingImport(file: Int, edge: Int, path: String, error: SourceReadError, provider: SourceProvider) {
        let location = imports[file][edge].location
        let written = "`" + trees[file].string(trees[file].arguments.first { Int($0.start) == location.start }!) + "`"
        var diagnostic: Diagnostic
        if error.isMissing {
            diagnostic = Diagnostic(.importNotFound, "cannot find imported file \(written)", at: location,
                                    label: "no file at `\(path)`")
            let directory = Paths.directory(of: path)
            let name = path.split(separator: "/").last.map(String.init) ?? path
            if let closest = Suggestions.closest(to: name, among: provider.cxjFiles(in: directory), limit: 1).first {
                diagnostic.help = "did you mean `\(closest)` in `\(directory.isEmpty ? "." : directory)`?"
            }
            diagnostic.notes = ["import paths are relative to the importing file"]
        } else {
            diagnostic = Diagnostic(.importNotFound, "cannot read imported file \(written): \(error.reason)", at: location,
                                    label: "unreadable")
        }
        diagnostics.append(diagnostic)
    }

    /// The file and every file it imports, transitively, imports before importers. Iterative,
    /// so a long chain of imports cannot exhaust the stack.
    public func closure(of file: Int) -> [Int] {
        Workspace.closure(of: file, edgeCount: { imports[$0].count }, target: { imports[$0][$1].target })
    }

    /// The closure of `file` over import edges given by `edgeCount` and `target` (edge `e` of
    /// file `f`, nil when it reaches nothing), imports before importers.
    static func closure(of file: Int, edgeCount: (Int) -> Int, target: (Int, Int) -> Int?) -> [Int] {
        // Most files import nothing: no set, no stack.
        if edgeCount(file) == 0 { return [file] }
        var order: [Int] = []
        // A journey reaches a few catalogues: they are looked for in a short array, and only
        // a closure of more files than `searchedInPlace` is kept in a set (hashing every file
        // cost more than the rest of the walk for a journey importing one catalogue).
        let searchedInPlace = 16
        var reached = [file]
        var visited = Set<Int>()
        var stack: [(file: Int, edge: Int)] = [(file, 0)]
        while let (node, edge) = stack.last {
            if edge == edgeCount(node) {
                order.append(node)
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].edge += 1
            guard let target = target(node, edge) else { continue }
            if visited.isEmpty {
                if reached.contains(target) { continue }
                reached.append(target)
                if reached.count > searchedInPlace { visited = Set(reached) }
            } else if !visited.insert(target).inserted {
                continue
            }
            stack.append((target, 0))
        }
        return order
    }

    /// Whether the catalogue a file sees may lack entries: an import of it, or of a file it
    /// imports, is missing or refused, lies on a cycle, or has syntax errors.
    public func importsAreIncomplete(for file: Int) -> Bool {
        for member in closure(of: file) {
            if imports[member].contains(where: { $0.target == nil }) { return true }
            if member != file && (inCycle[member] || hasSyntaxErrors[member]) { return true }
        }
        return inCycle[file]
    }
}
