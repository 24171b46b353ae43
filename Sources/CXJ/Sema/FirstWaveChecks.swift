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
/// (`CheckScope.catalogueFiles`), and those are never handed back: a tree that is handed
/// back is one that no other task reads. They are checked here only with `checksCatalogues`
/// (`cxj compile`, which writes an input as soon as every file of its closure is checked,
/// `OrderedOutput`); otherwise after the load.
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
    /// By file, `Flag`s: set once each, never cleared.
    private let flags: UnsafeMutablePointer<Atomic<UInt8>>
    /// The files whose check waits: by the file they wait to be parsed, then in a queue once
    /// it is (from `head` on).
    private let waiting: Locked<(byTarget: [[Int]], queue: [Int], head: Int)>
    /// The parses of imports made by their importers' tasks, by file. A table of the few files
    /// it holds: a slot for every input (with the check of a file that waited, 280 bytes) was
    /// 280 KB over 1,000 journeys, written through and alive at the end of the wave, where
    /// `check` and `compile` peak.
    private let parsedElsewhere = Locked<[Int: Workspace.ParsedFile]>([:])
    /// Each input's check, made by whichever task found it ready.
    let results: CheckedSlots

    private enum Flag: UInt8 {
        /// Its tree and facts are published (released by `publish`, acquired by readers).
        case published = 1
        /// A task has taken its check: a file that waited may be found ready by two.
        case checkClaimed = 2
        /// A task has taken its parse: its own, or one that imports it.
        case parseClaimed = 4
    }

    private func isSet(_ flag: Flag, _ file: Int) -> Bool {
        flags[file].load(ordering: .acquiring) & flag.rawValue != 0
    }

    /// Sets a flag; whether this call set it.
    private func claim(_ flag: Flag, _ file: Int) -> Bool {
        flags[file].bitwiseOr(flag.rawValue, ordering: .acquiringAndReleasing).oldValue & flag.rawValue == 0
    }

    /// Files of this size or more are checked after the load: they are checked a part at a
    /// time, or in halves, with the second core, which a task of a parallel pass cannot have.
    static let largestFile = AllocationPolicy.partedFileBytes

    /// How many files have been checked as they were parsed, in this process (read by the tests).
    static let checkedEarly = Atomic<Int>(0)

    /// Defers the files it returns true for, whatever their closure (for the tests: which
    /// files are checked early must not change what any file gives).
    nonisolated(unsafe) static var defersForTests: (@Sendable (Int) -> Bool)? = nil

    private let catalogues: CatalogueCache
    /// The records and trees each check's scope holds, a copy for each thread: every checked
    /// file keeps the records, and both threads retaining one array wrote its count turn about.
    private let scopeParts: PerThreadCopies<([SourceFile], SyntaxTrees)>
    /// Whether files that declare catalogue entries are checked here too (their trees kept).
    private let checksCatalogues: Bool

    init(sources: [SourceFile], catalogues: CatalogueCache, checksCatalogues: Bool = false, check: @escaping Check) {
        self.sources = sources
        self.catalogues = catalogues
        self.checksCatalogues = checksCatalogues
        self.check = check
        count = sources.count
        results = CheckedSlots(count: count)
        trees = SyntaxTrees(sources.indices.map { SyntaxTrees.Slot(emptyFor: sources[$0], fileIndex: $0) })
        scopeParts = PerThreadCopies((sources, trees)) { ($0.0.map { $0 }, $0.1.unshared()) }
        parsed = .allocate(capacity: count)
        parsed.initialize(repeating: Parsed(), count: count)
        flags = .allocate(capacity: count)
        for index in 0..<count { (flags + index).initialize(to: Atomic(0)) }
        waiting = Locked(([[Int]](filling: [], count: count), [], 0))
    }

    deinit {
        parsed.deinitialize(count: count)
        parsed.deallocate()
        flags.deinitialize(count: count)
        flags.deallocate()
    }

    /// Takes a file's parse for this task; false when another task took it.
    func claimParse(_ file: Int) -> Bool {
        claim(.parseClaimed, file)
    }

    /// Parses, with `parse` (which publishes and checks), the inputs that a file just published
    /// imports, transitively, that no task has begun. A journey that sorts before the catalogue
    /// it imports would otherwise wait for the catalogue's turn, its tree alive: over a folder
    /// whose catalogue sorted after 1,000 journeys, every journey was checked after the load,
    /// and `check` peaked at 15.4 MiB against 8.1 with the catalogue first. The input's own
    /// task then finds its parse taken (`claimParse`) and leaves it (`takeParsedOnDemand`).
    func parseOnDemand(importsOf file: Int, parse: (Int) -> Workspace.ParsedFile) {
        var pending = [file]
        while let next = pending.popLast() {
            for target in parsed[next].targets ?? [] where !isSet(.published, target) && claimParse(target) {
                let made = parse(target)
                parsedElsewhere.withLock { $0[target] = made }
                pending.append(target)
            }
        }
    }

    /// What `parseOnDemand` gave for a file; once, after the wave.
    func takeParsedOnDemand(_ file: Int) -> Workspace.ParsedFile? {
        parsedElsewhere.withLock { $0.removeValue(forKey: file) }
    }

    /// Records a file's tree and what its parse tells the others. Once, by its own task.
    func publish(_ file: Int, tree: SyntaxTree, _ facts: Parsed) {
        trees.store(tree, at: file)
        parsed[file] = facts
        _ = claim(.published, file)
    }

    /// Checks a file just published by this task, when what its check reads is final (see the
    /// type's comment), and hands its tree back unless it declares catalogue entries; the check
    /// goes to `results`, and a file not checked now is checked after the load. The files that
    /// waited for this one to be parsed join a queue, and the task then checks up to
    /// `retriesPerTask` of its oldest files: a catalogue importing one that sorts after it was
    /// left for after the load, and with it every journey written from it (`OrderedOutput`). A
    /// few per task: a catalogue that sorts after a thousand journeys would otherwise have its
    /// task check them all, on one core, while the other sat idle; what is left in the queue
    /// when the wave ends is checked after the load, on both.
    func checkIfReady(_ file: Int) {
        if let checked = attempt(file) { results.store(checked, at: file) }
        let retries = waiting.withLock { waiting -> [Int] in
            waiting.queue += waiting.byTarget[file]
            waiting.byTarget[file] = []
            let taken = waiting.queue[waiting.head...].prefix(Self.retriesPerTask)
            waiting.head += taken.count
            if waiting.head == waiting.queue.count { (waiting.queue, waiting.head) = ([], 0) }
            return Array(taken)
        }
        for waiter in retries {
            if let result = attempt(waiter) { results.store(result, at: waiter) }
        }
    }

    /// How many files that waited a task checks after its own.
    static let retriesPerTask = 2

    /// Checks a file if what its check reads is final and no task has checked it yet; if a
    /// file of its closure is not parsed yet, has it wait for that one.
    private func attempt(_ file: Int) -> CheckedFile? {
        while true {
            switch readiness(of: file) {
            case .never:
                return nil
            case .ready(let order):
                guard claim(.checkClaimed, file) else { return nil }
                return checkNow(file, order: order)
            case .waits(let target):
                // Under the lock that the target's task takes its waiters with, after it
                // published: either it sees this file waiting, or this file sees it published.
                let registered = waiting.withLock { waiting -> Bool in
                    guard !isSet(.published, target) else { return false }
                    waiting.byTarget[target].append(file)
                    return true
                }
                if registered { return nil }
            }
        }
    }

    private enum Readiness {
        /// Its closure, imports before importers.
        case ready([Int])
        case waits(on: Int)
        case never
    }

    /// Whether a file's check can be made now (see the type's comment).
    private func readiness(of file: Int) -> Readiness {
        let own = parsed[file]
        guard !own.declaresCatalogue || checksCatalogues, !own.hasHole, own.targets != nil, sources[file].bytes.count < Self.largestFile,
              !(Self.defersForTests?(file) ?? false) else { return .never }
        // Every file the imports reach is parsed and can be followed. (A journey reaches a
        // catalogue or two: they are looked for in the array, and a set is made only for
        // more, as in `Workspace.closure`.)
        var reached = [file]
        var reachedSet = Set<Int>()
        var next = 0
        while next < reached.count {
            for target in parsed[reached[next]].targets! {
                if reachedSet.isEmpty ? reached.contains(target) : reachedSet.contains(target) { continue }
                guard isSet(.published, target) else { return .waits(on: target) }
                guard parsed[target].targets != nil, !parsed[target].hasHole else { return .never }
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
                return .never
            }
        }
        return .ready(order)
    }

    /// Checks a file whose closure is `order`, and hands its tree back unless it declares entries.
    private func checkNow(_ file: Int, order: [Int]) -> CheckedFile {
        let own = parsed[file]
        let (sources, trees) = scopeParts.mine
        let scope = CheckScope(
            sources: sources, trees: trees,
            catalogueFiles: order.filter { $0 == file || parsed[$0].declaresCatalogue }, closure: order,
            catalogueIsIncomplete: order.contains { $0 != file && parsed[$0].hasSyntaxErrors },
            declaresCatalogue: own.declaresCatalogue, catalogues: Unmanaged.passUnretained(catalogues))
        var checked = check(scope, file)
        FirstWaveChecks.checkedEarly.add(1, ordering: .relaxed)
        if !own.declaresCatalogue { trees.handBack(file, keepingDiagnosticsIn: &checked) }
        return checked
    }
}
