import CXJ

/// What a checking command works on once options and `cxj.json` files are combined: the
/// inputs, the rule levels of each file, and the warning limit.
struct RunSettings {
    var inputs: [SourceInput]
    var problems: [InputDiscovery.Problem]
    var rules: RuleConfiguration
    var rulesByPath: [String: RuleConfiguration]
    var maxWarnings: Int?
    /// Where imports may reach: each input's project root, and directories allowed on purpose.
    var policy: ImportPolicy
    var provider: FileSystemProvider
    var maxDiagnostics: Int

    /// Expands the operands and applies the nearest `cxj.json` of each input; command-line
    /// options win. A malformed configuration is reported and is a usage error (exit 2).
    /// `mapsLargeFiles`: large files are mapped, not read (`check` and `compile`; see
    /// `MappedFile`, and `CheckCommand.reportChangedFiles`, which the command must then call),
    /// and inputs that are plain files are read by the task that parses them (`DeferredRead`);
    /// the command reports one whose read then fails (`SourceFile.readFailure`).
    static func prepare(_ options: Options, terminal: Terminal, mapsLargeFiles: Bool = false) throws -> RunSettings {
        let finder = ConfigurationFinder()
        var failures: [ProjectConfiguration.Failure] = []
        var plainFiles: [String] = []
        // A file whose `cxj.json` cannot be used is excluded by nothing: it is an input, and the
        // failure is recorded below, where each input's configuration is looked up. (No local
        // function captures `failures`: its box and the closure's context were freed by
        // functions without a name, which the linker cannot lay out beside this code.)
        let (inputs, problems, directories) = InputDiscovery.expandWithDirectories(
            options.operands, standardInput: { terminal.readInput(options.maxFileSize) }, maximumSize: options.maxFileSize,
            excluding: { path in
                guard case .success(let configuration)? = finder.configuration(for: path) else { return false }
                return configuration.excludes(path)
            }, plainFiles: &plainFiles)
        var policy = ImportPolicy(allowedOutside: options.allowImportOutside)
        var rulesByPath: [String: RuleConfiguration] = [:]
        var limits: [Int] = []
        var cliRules = RuleConfiguration()
        for (code, level) in options.ruleLevels { cliRules.set(code, to: level) }
        var roots: [(path: String, root: String)] = []
        roots.reserveCapacity(inputs.count)
        for (input, directory) in zip(inputs, directories) {
            let path: String
            switch input {
            case .path(let given): path = given
            case .text(let given, _): path = given
            }
            let fallback = directory ?? (path == "<stdin>" ? "." : Paths.directory(of: path))
            let (found, root) = finder.configurationAndRoot(for: path, fallback: fallback.isEmpty ? "." : fallback)
            roots.append((path, root))
            guard let project = usable(found, recordingIn: &failures) else { continue }
            for directory in project.allowImportOutside where !policy.allowedOutside.contains(directory) {
                policy.allowedOutside.append(directory)
            }
            var rules = project.rules
            for (code, level) in options.ruleLevels { rules.set(code, to: level) }
            rulesByPath[path] = rules
            if let limit = project.maxWarnings { limits.append(limit) }
        }
        policy.setRoots(roots)
        for (path, reason) in finder.ignored {
            terminal.writeError("warning: ignoring `\(Visible.escape(path))`: \(reason)\n")
        }
        if !failures.isEmpty {
            for failure in failures { terminal.writeError(render(failure, colors: terminal.colors(options.color))) }
            throw UsageError(message: Format.count(failures.count, "configuration file") + " could not be used", help: nil)
        }
        return RunSettings(inputs: inputs, problems: problems, rules: cliRules, rulesByPath: rulesByPath,
                           maxWarnings: options.maxWarnings ?? limits.min(), policy: policy,
                           provider: FileSystemProvider(maximumSize: options.maxFileSize, mapsLargeFiles: mapsLargeFiles,
                                                        defersSmallInputs: mapsLargeFiles, listedPlainFiles: mapsLargeFiles ? plainFiles : []),
                           maxDiagnostics: options.maxDiagnostics)
    }

    /// Checks the inputs with these settings; `emitting` false for a run that writes no output
    /// from the checked files (`Compiler.check`'s `keepsJourneyFacts`).
    func check(emitting: Bool = true, output: OrderedOutput? = nil) -> CheckResult {
        Compiler.check(inputs, provider: provider, rules: rules, rulesByPath: rulesByPath, policy: policy,
                       maxDiagnosticsPerFile: maxDiagnostics, keepsJourneyFacts: emitting, output: output)
    }

    /// A configuration that was found and loads; a failure is recorded once.
    private static func usable(_ found: Result<ProjectConfiguration, ProjectConfiguration.Failure>?,
                               recordingIn failures: inout [ProjectConfiguration.Failure]) -> ProjectConfiguration? {
        switch found {
        case .success(let configuration)?: return configuration
        case .failure(let failure)?:
            if !failures.contains(failure) { failures.append(failure) }
            return nil
        case nil: return nil
        }
    }

    /// A configuration failure in the style of a diagnostic, pointing into the file.
    static func render(_ failure: ProjectConfiguration.Failure, colors: Bool) -> String {
        guard case .success(let bytes) = FileSystemProvider().read(failure.path) else {
            return "error: \(Visible.escape(failure.path)): \(failure.message)\n"
        }
        let source = SourceFile(path: failure.path, bytes: bytes)
        let diagnostic = Diagnostic(.unexpectedToken, failure.message,
                                    at: SourceLocation(file: 0, start: failure.range.lowerBound, end: failure.range.upperBound),
                                    label: failure.label, help: failure.help)
        return HumanRenderer(colors: colors).render(diagnostic, sources: [source], header: "invalid configuration: " + failure.message) + "\n"
    }
}
