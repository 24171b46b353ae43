/// The result of checking a set of inputs: every file touched, what was checked in each, and
/// every diagnostic, sorted by file path and position, without repeats.
public struct CheckResult: Sendable {
    /// The files as loaded. In a run over several files that reads no tree after checking
    /// (`Workspace.releasesTrees`), a file's tree is empty unless another file imports it and
    /// it declares catalogue entries (what an importer reads).
    public let workspace: Workspace
    /// One checked file per workspace file, by index.
    public let files: [CheckedFile]
    public let diagnostics: [Diagnostic]
    /// Diagnostics left out because a file had more than the limit, by file.
    public let omitted: [OmittedDiagnostics]

    public var sources: [SourceFile] { workspace.sources }
    public var failures: [LoadFailure] { workspace.failures }

    /// How many diagnostics of a severity the run found, shown or omitted.
    public func count(_ severity: Severity) -> Int {
        // By index: `reduce` copied each diagnostic whole (480 instructions apiece, on the
        // serial path after a run over many files).
        var count = 0
        for index in diagnostics.indices where diagnostics[index].severity == severity { count += 1 }
        return count + omitted.reduce(0) { $0 + $1.count(severity) }
    }

    /// The files with an error of their own (`Compiler.filesWithErrors`), shown or omitted.
    private let filesWithErrors: Set<Int>

    init(workspace: Workspace, files: [CheckedFile], diagnostics: [Diagnostic], omitted: [OmittedDiagnostics],
         filesWithErrors: Set<Int>) {
        self.workspace = workspace
        self.files = files
        self.diagnostics = diagnostics
        self.omitted = omitted
        self.filesWithErrors = filesWithErrors
    }

    /// Whether a file, or a file it imports, has an error of its own: such a file produces no
    /// output. A file's own errors are those its parse and its check report, and the load's
    /// errors located in it (`Compiler.filesWithErrors`).
    public func hasErrors(affecting file: Int) -> Bool {
        workspace.closure(of: file).contains { filesWithErrors.contains($0) }
    }
}

/// The pipeline's entry point: load, parse, check and lint.
public enum Compiler {
    /// Checks inputs. `rules` applies to every file unless `rulesByPath` has an entry for the
    /// file's path (a project's `cxj.json` merged with the command line). `keepsJourneyFacts`
    /// false drops the figures the gap rules worked out for the emitters (`CheckedFile.journeyFacts`)
    /// once the rules have run, for a run that emits nothing: they were a tenth of the memory
    /// kept for each small journey. It also drops the model and hands back the bytes of each
    /// file with no diagnostic that no other file's diagnostic can point into, in a run over
    /// several files (`releaseIfClean`); such a file's `CheckedFile` is then empty and its
    /// source reads as empty.
    ///
    /// `output`, for a run over several files that emits them, writes each input as soon as
    /// every file of its closure is checked, and drops what it is done with (`OrderedOutput`);
    /// every input is decided by the time this returns.
    public static func check(_ inputs: [SourceInput], provider: SourceProvider = FileSystemProvider(),
                             rules: RuleConfiguration = RuleConfiguration(),
                             rulesByPath: [String: RuleConfiguration] = [:], policy: ImportPolicy = ImportPolicy(),
                             maxDiagnosticsPerFile: Int = Compiler.defaultMaxDiagnostics,
                             keepsJourneyFacts: Bool = true, output: OrderedOutput? = nil) -> CheckResult {
        // A run over several files that reads no tree afterwards checks each input that
        // declares no catalogue entry as soon as it and what it imports are parsed, and hands
        // its tree back at once (`FirstWaveChecks`); the other files are checked after the
        // load, and their trees handed back once checked unless an importer reads them.
        // What checking the next files allocates reuses that memory instead of fresh pages.
        let checksEarly = Workspace.releasesTrees && inputs.count > 1
        output?.expect(inputCount: inputs.count)
        // A run that emits nothing drops what it is done with of each clean file.
        let releasesClean = checksEarly && !keepsJourneyFacts
        let checkInput: FirstWaveChecks.Check = { (scope: CheckScope, index: Int) -> CheckedFile in
            var file = lint(FileChecker.check(scope, file: index, isRoot: true), rules: rulesByPath[scope.sources[index].path] ?? rules,
                            keepsFacts: keepsJourneyFacts)
            // Its tree is handed back once this returns, unless it declares entries: what is done
            // with the file now keeps its parse diagnostics.
            if (releasesClean || output != nil) && !scope.declaresCatalogue { file.parseDiagnostics = scope.trees[index].diagnostics }
            // A file checked early has no load diagnostic: its imports all reach inputs, with no cycle.
            if releasesClean {
                releaseIfClean(&file, parseIsClean: scope.trees[index].diagnostics.isEmpty, declaresCatalogue: scope.declaresCatalogue,
                               touchedByLoad: false)
            }
            if let output {
                output.offer(file, closure: scope.closure, declaresCatalogue: scope.declaresCatalogue,
                             parseDiagnostics: scope.trees[index].diagnostics)
                return CheckedFile(placeholderFor: file)
            }
            return file
        }
        // Taken apart, not kept whole: the checked files held twice were copied whole (a
        // thousand of them, retained one by one) at the first `take()`.
        let (workspace, checkedByLoad) = Workspace.load(inputs, provider: provider, policy: policy,
                                                        checkingInputs: checksEarly ? checkInput : nil,
                                                        checkingCatalogues: output != nil)
        output?.loaded(inputCount: workspace.roots.count, diagnostics: workspace.diagnostics)
        assert(workspace.roots == Array(0..<workspace.roots.count), "the inputs are the first files")
        let checkedEarly = checkedByLoad
        // A flag per file: a set of a thousand roots was hashed on one thread.
        let isRoot = workspace.roots.reduce(into: [Bool](filling: false, count: workspace.sources.count)) { $0[$1] = true }
        let releases = Workspace.releasesTrees && workspace.sources.count > 1
        let imported = releases ? workspace.importedFiles() : []
        let touched = releasesClean ? touchedByLoad(workspace.diagnostics, fileCount: workspace.sources.count) : []
        let later = checkedEarly.map { early in workspace.sources.indices.filter { !early.holds($0) } } ?? Array(workspace.sources.indices)
        var checkedLater = Parallel.map(later) { index in
            var file = lint(FileChecker.check(workspace, file: index, isRoot: isRoot[index]),
                            rules: rulesByPath[workspace.sources[index].path] ?? rules, keepsFacts: keepsJourneyFacts)
            // No importer reads the tree of a file that declares no catalogue entry.
            if releases && (!imported[index] || !workspace.declaresCatalogue[index]) {
                workspace.trees.handBack(index, keepingDiagnosticsIn: &file)
            }
            if releasesClean {
                releaseIfClean(&file, parseIsClean: (file.parseDiagnostics ?? workspace.trees[index].diagnostics).isEmpty,
                               declaresCatalogue: workspace.declaresCatalogue[index], touchedByLoad: touched[index])
            }
            if let output {
                output.offer(file, closure: workspace.closure(of: index), declaresCatalogue: workspace.declaresCatalogue[index],
                             parseDiagnostics: file.parseDiagnostics ?? workspace.trees[index].diagnostics)
                return CheckedFile(placeholderFor: file)
            }
            return file
        }
        if let output {
            output.finishWriting()
            for index in checkedLater.indices { checkedLater[index] = output.collect(later[index]) ?? checkedLater[index] }
            if let checkedEarly {
                for index in 0..<checkedEarly.count where checkedEarly.holds(index) {
                    if let collected = output.collect(index) { checkedEarly.store(collected, at: index) }
                }
            }
        }
        var files: [CheckedFile]
        if let checkedEarly {
            files = []
            files.reserveCapacity(workspace.sources.count)
            var next = 0
            for index in workspace.sources.indices {
                if let early = checkedEarly.take(index) {
                    // Moved, not bound and copied: a checked file's copy retained each of its arrays.
                    files.append(early)
                    // Checked before imports of later waves were loaded.
                    let last = files.count - 1
                    if files[last].sources.count != workspace.sources.count { files[last].sources = workspace.sources }
                } else {
                    files.append(checkedLater[next])
                    next += 1
                }
            }
        } else {
            files = checkedLater
        }
        let withErrors = filesWithErrors(workspace, files)
        // Each diagnostic is copied once, here; the steps after it move them in place (a copy
        // retains every string of a diagnostic: thousands of warnings made this serial tail slow).
        var diagnostics = workspace.diagnostics
        diagnostics.reserveCapacity(workspace.diagnostics.count
            + workspace.trees.reduce(0) { $0 + $1.diagnostics.count } + files.reduce(0) { $0 + ($1.parseDiagnostics?.count ?? 0) }
            + files.reduce(0) { $0 + $1.diagnostics.count + $1.findings.count })
        // By index: a loop over the values copied each tree and checked file whole.
        for index in workspace.trees.indices {
            diagnostics += files[index].parseDiagnostics ?? workspace.trees[index].diagnostics
        }
        for index in files.indices {
            diagnostics += files[index].diagnostics
            for finding in files[index].findings { diagnostics.append(finding.diagnostic) }
        }
        sortAndUnique(&diagnostics, sources: workspace.sources)
        let omitted = limit(&diagnostics, perFile: maxDiagnosticsPerFile)
        resolveSuggestions(&diagnostics, files: files)
        assert(!diagnostics.contains { pointsIntoReleasedFile($0, sources: workspace.sources) })
        let result = CheckResult(workspace: workspace, files: files, diagnostics: diagnostics, omitted: omitted,
                                 filesWithErrors: withErrors)
        assert(output.map { writtenAsDecided(by: $0, result) } ?? true, "an input was written that has errors, or the reverse")
        return result
    }

    /// The gap rules over a checked file, in order: run every rule, apply `allow`, drop what
    /// errors touch, apply the configured levels, then mark planned gaps.
    static func lint(_ checked: CheckedFile, rules: RuleConfiguration, keepsFacts: Bool = true) -> CheckedFile {
        var file = checked
        var findings = GapRules.run(on: &file)
        Suppression.apply(to: &findings, in: &file)
        findings = Tolerance.untouched(findings, in: file)
        rules.apply(to: &findings)
        Planning.apply(to: &findings, in: file, keepSeverity: rules.keepsPlannedGaps)
        file.findings = findings.sorted { Diagnostic.isOrderedBefore($0.diagnostic, $1.diagnostic) }
        if !keepsFacts { file.journeyFacts = [] }
        return file
    }

    /// The default of `--max-diagnostics`: how many diagnostics one file may show.
    public static let defaultMaxDiagnostics = 200

    /// Keeps the first `limit` diagnostics of each file (they arrive grouped by file) and
    /// returns how many of each file were left out.
    static func limit(_ diagnostics: inout [Diagnostic], perFile limit: Int) -> [OmittedDiagnostics] {
        var omitted: [OmittedDiagnostics] = []
        var kept = 0
        var file = -1
        var inFile = 0
        for index in diagnostics.indices {
            if diagnostics[index].location.file != file {
                file = diagnostics[index].location.file
                inFile = 0
            }
            inFile += 1
            if inFile <= limit {
                if kept != index { diagnostics.swapAt(kept, index) }
                kept += 1
                continue
            }
            if omitted.last?.file != file { omitted.append(OmittedDiagnostics(file: file)) }
            omitted[omitted.count - 1].add(diagnostics[index].severity)
        }
        diagnostics.removeLast(diagnostics.count - kept)
        return omitted
    }

    /// Sorts by file path, then position, then code, and drops exact repeats.
    static func sortAndUnique(_ diagnostics: inout [Diagnostic], sources: [SourceFile]) {
        // The inputs of a folder come in the order of their paths: checking that is one
        // comparison a file, where sorting them was ten (1.05M instructions for 1,000 files,
        // on one thread at the end of the run).
        let inOrder = { (left: Int, right: Int) in (sources[left].path, left) < (sources[right].path, right) }
        let indices = Array(sources.indices)
        let order = zip(indices, indices.dropFirst()).allSatisfy { inOrder($0, $1) } ? indices : indices.sorted(by: inOrder)
        var rank = [Int](filling: 0, count: sources.count)
        for (position, file) in order.enumerated() { rank[file] = position }
        diagnostics.sort { lhs, rhs in
            let left = rank[lhs.location.file]
            let right = rank[rhs.location.file]
            if left != right { return left < right }
            return Diagnostic.isOrderedBefore(lhs, rhs)
        }
        var kept = 0
        for index in diagnostics.indices where kept == 0 || diagnostics[kept - 1] != diagnostics[index] {
            if kept != index { diagnostics.swapAt(kept, index) }
            kept += 1
        }
        diagnostics.removeLast(diagnostics.count - kept)
    }
}

/// How many diagnostics of one file were left out by `--max-diagnostics`.
public struct OmittedDiagnostics: Sendable, Equatable {
    public var file: Int
    public var errors = 0
    public var warnings = 0
    public var notes = 0

    public var total: Int { errors + warnings + notes }

    public func count(_ severity: Severity) -> Int {
        switch severity {
        case .error: return errors
        case .warning: return warnings
        case .note: return notes
        }
    }

    mutating func add(_ severity: Severity) {
        switch severity {
        case .error: errors += 1
        case .warning: warnings += 1
        case .note: notes += 1
        }
    }
}
