import CXJ

/// `cxj check PATH…`: parse, check and lint; report diagnostics; exit 0, 1 or 2.
enum CheckCommand {
    static func run(_ arguments: [String], terminal: Terminal) throws -> Int32 {
        let options = try ArgumentParser.parse(arguments, command: "check", accepting: OptionName.shared + [.fix])
        if options.help {
            terminal.writeOut(Usage.check)
            return 0
        }
        guard !options.operands.isEmpty else {
            throw UsageError(message: "`cxj check` needs at least one path", help: "pass files or directories, or `-` for standard input")
        }
        let settings = try RunSettings.prepare(options, terminal: terminal, mapsLargeFiles: true)
        var result = settings.check(emitting: false)
        if options.fix {
            // Fixes are written over the file: never from bytes that changed while they were read.
            if reportChangedFiles(result, terminal: terminal) { return 2 }
            guard applyFixes(result, terminal: terminal) else { return 2 }
            result = settings.check(emitting: false)
        }
        ExitWithoutTeardown.keep(result)
        let status = DiagnosticReporter.report(result, options: options, maxWarnings: settings.maxWarnings, terminal: terminal)
        let failed = CheckCommand.reportProblems(settings.problems, failures: result.failures, terminal: terminal)
        return reportChangedFiles(result, terminal: terminal) || failed ? 2 : status
    }

    /// The files that were mapped and changed since (see `MappedFile`), or whose late read
    /// failed (`SourceFile.readFailure`).
    static func changedFiles(_ result: CheckResult) -> [Int] {
        result.sources.indices.filter { result.sources[$0].hasChanged }
    }

    /// Reports each file that changed while it was read as unreadable; returns whether there
    /// was one (exit status 2). Called once a command is done with the files' bytes.
    static func reportChangedFiles(_ result: CheckResult, terminal: Terminal) -> Bool {
        let changed = changedFiles(result)
        for file in changed {
            let source = result.sources[file]
            terminal.writeError("error: cannot read `\(Visible.escape(source.path))`: \(source.readFailure ?? "")\n")
        }
        return !changed.isEmpty
    }

    /// `--fix`: applies the safe fixes to each input that every error of can be fixed, writes it
    /// atomically and says what it did; returns false when a write failed.
    static func applyFixes(_ result: CheckResult, terminal: Terminal) -> Bool {
        var ok = true
        for file in result.workspace.roots where result.sources[file].path != "<stdin>" {
            let plan = FixApplier.plan(result, file: file)
            let path = Visible.escape(result.sources[file].path)
            guard !plan.fixes.isEmpty else { continue }
            guard plan.unfixableErrors == 0 else {
                terminal.writeError("note: `\(path)` was not fixed: \(Format.count(plan.unfixableErrors, "error")) in it \(plan.unfixableErrors == 1 ? "has" : "have") no safe fix\n")
                continue
            }
            let fixed = FixApplier.apply(plan.fixes, to: result.sources[file].bytes.array)
            do {
                try AtomicFile.write(fixed, to: result.sources[file].path)
                terminal.writeError("fixed \(Format.count(plan.fixes.count, "problem")) in `\(path)`\n")
            } catch let failure as AtomicFile.Failure {
                terminal.writeError("error: cannot write `\(Visible.escape(failure.path))`: \(failure.reason)\n")
                ok = false
            } catch {
                ok = false
            }
        }
        return ok
    }

    /// Reports operands and inputs that could not be read; returns whether there were any.
    static func reportProblems(_ problems: [InputDiscovery.Problem], failures: [LoadFailure], terminal: Terminal) -> Bool {
        var text = ""
        for problem in problems { text += "error: cannot read `\(Visible.escape(problem.path))`: \(problem.message)\n" }
        for failure in failures { text += "error: cannot read `\(Visible.escape(failure.path))`: \(failure.error.reason)\n" }
        if !text.isEmpty { terminal.writeError(text) }
        return !text.isEmpty
    }
}

/// Prints diagnostics in the chosen format and works out the exit status they imply.
enum DiagnosticReporter {
    static func report(_ result: CheckResult, options: Options, maxWarnings: Int?, terminal: Terminal) -> Int32 {
        let errors = result.count(.error)
        let warnings = result.count(.warning)
        let notes = result.count(.note)
        switch options.diagnostics {
        case .human:
            let renderer = HumanRenderer(colors: terminal.colors(options.color))
            let sources = result.sources
            DiagnosticLines.write(result.diagnostics, { renderer.render($0, sources: sources) }, to: terminal.writeError)
            terminal.writeError(omissions(result) + summary(errors: errors, warnings: warnings, notes: notes, files: result.sources.readCount))
        case .short:
            let renderer = ShortRenderer()
            let sources = result.sources
            DiagnosticLines.write(result.diagnostics, { renderer.render($0, sources: sources) }, to: terminal.writeError)
            let omitted = omissions(result)
            if !omitted.isEmpty { terminal.writeError(omitted) }
        case .json:
            terminal.writeOut(DiagnosticDocument.render(result.diagnostics, sources: result.sources,
                                                        omitted: result.omitted.reduce(0) { $0 + $1.total }))
        case .sarif:
            terminal.writeOut(SARIFRenderer.render(result.diagnostics, sources: result.sources))
        case .github:
            let renderer = GitHubRenderer()
            let sources = result.sources
            DiagnosticLines.write(result.diagnostics, { renderer.render($0, sources: sources) }, to: terminal.writeOut)
            let omitted = omissions(result)
            if !omitted.isEmpty { terminal.writeError(omitted) }
        }
        var status: Int32 = errors > 0 ? 1 : 0
        if options.denyWarnings && warnings > 0 {
            if errors == 0 { terminal.writeError("error: \(Format.count(warnings, "warning")) and `--deny-warnings` is set\n") }
            status = 1
        }
        if let limit = maxWarnings, warnings > limit {
            terminal.writeError("error: \(Format.count(warnings, "warning")), more than `--max-warnings \(limit)` allows\n")
            status = 1
        }
        return status
    }

    /// One line for each file whose diagnostics `--max-diagnostics` cut short.
    static func omissions(_ result: CheckResult) -> String {
        var text = ""
        for omitted in result.omitted {
            let path = Visible.escape(result.sources[omitted.file].path)
            text += "note: \(Format.count(omitted.total, "more diagnostic")) in `\(path)` not shown"
                + " (\(Format.count(omitted.errors, "error")), \(Format.count(omitted.warnings, "warning"))); "
                + "`--max-diagnostics` sets how many a file shows\n"
        }
        return text
    }

    /// "2 errors, 3 warnings in 4 files" (with notes when there are any).
    static func summary(errors: Int, warnings: Int, notes: Int, files: Int) -> String {
        var parts = [Format.count(errors, "error"), Format.count(warnings, "warning")]
        if notes > 0 { parts.append(Format.count(notes, "note")) }
        return parts.joined(separator: ", ") + " in " + Format.count(files, "file") + "\n"
    }
}
