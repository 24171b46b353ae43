/// The result of checking a set of inputs: every file touched, what was checked in each, and
/// every diagnostic, sorted by file path and position, without repeats.
public struct CheckResult: Sendable {
    public let workspace: Workspace
    /// One checked file per workspace file, by index.
    public let files: [CheckedFile]
    public let diagnostics: [Diagnostic]

    public var sources: [SourceFile] { workspace.sources }
    public var failures: [LoadFailure] { workspace.failures }

    public func count(_ severity: Severity) -> Int {
        diagnostics.reduce(0) { $0 + ($1.severity == severity ? 1 : 0) }
    }

    /// Whether a file, or a file it imports, has an error: such a file produces no output.
    public func hasErrors(affecting file: Int) -> Bool {
        let closure = Set(workspace.closure(of: file))
        return diagnostics.contains { $0.severity == .error && closure.contains($0.location.file) }
    }
}

/// The pipeline's entry point: load, parse, check and lint.
public enum Compiler {
    /// Checks inputs. `rules` applies to every file unless `rulesByPath` has an entry for the
    /// file's path (a project's `cxj.json` merged with the command line).
    public static func check(_ inputs: [SourceInput], provider: SourceProvider = FileSystemProvider(),
                             rules: RuleConfiguration = RuleConfiguration(),
                             rulesByPath: [String: RuleConfiguration] = [:]) -> CheckResult {
        let workspace = Workspace.load(inputs, provider: provider)
        let roots = Set(workspace.roots)
        let files = Parallel.map(Array(0..<workspace.sources.count)) { index in
            FileChecker.check(workspace, file: index, isRoot: roots.contains(index),
                              rules: rulesByPath[workspace.sources[index].path] ?? rules)
        }
        var diagnostics = workspace.diagnostics
        for tree in workspace.trees { diagnostics += tree.diagnostics }
        for file in files {
            diagnostics += file.diagnostics
            diagnostics += file.findings.map { $0.diagnostic }
        }
        return CheckResult(workspace: workspace, files: files,
                           diagnostics: sortAndUnique(diagnostics, sources: workspace.sources))
    }

    /// Sorts by file path, then position, then code, and drops exact repeats.
    static func sortAndUnique(_ diagnostics: [Diagnostic], sources: [SourceFile]) -> [Diagnostic] {
        let order = sources.indices.sorted { (sources[$0].path, $0) < (sources[$1].path, $1) }
        var rank = [Int](repeating: 0, count: sources.count)
        for (position, file) in order.enumerated() { rank[file] = position }
        let sorted = diagnostics.sorted { lhs, rhs in
            let left = rank[lhs.location.file]
            let right = rank[rhs.location.file]
            if left != right { return left < right }
            return Diagnostic.isOrderedBefore(lhs, rhs)
        }
        var result: [Diagnostic] = []
        result.reserveCapacity(sorted.count)
        for diagnostic in sorted where result.last != diagnostic { result.append(diagnostic) }
        return result
    }
}
