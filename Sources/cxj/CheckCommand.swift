import CXJ

/// `cxj check PATH…`: parse, check and lint; report diagnostics; exit 0, 1 or 2.
enum CheckCommand {
    static func run(_ arguments: [String], terminal: Terminal) throws -> Int32 {
        let options = try ArgumentParser.parse(arguments, command: "check", accepting: OptionName.shared)
        if options.help {
            terminal.writeOut(Usage.check)
            return 0
        }
        guard !options.operands.isEmpty else {
            throw UsageError(message: "`cxj check` needs at least one path", help: "pass files or directories, or `-` for standard input")
        }
        let (inputs, problems) = InputDiscovery.expand(options.operands, standardInput: terminal.readInput)
        let result = Compiler.check(inputs, rules: options.rules)
        ExitWithoutTeardown.keep(result)
        let status = DiagnosticReporter.report(result, options: options, terminal: terminal)
        return CheckCommand.reportProblems(problems, failures: result.failures, terminal: terminal) ? 2 : status
    }

    /// Reports operands and inputs that could not be read; returns whether there were any.
    static func reportProblems(_ problems: [InputDiscovery.Problem], failures: [LoadFailure], terminal: Terminal) -> Bool {
        var text = ""
        for problem in problems { text += "error: cannot read `\(problem.path)`: \(problem.message)\n" }
        for failure in failures { text += "error: cannot read `\(failure.path)`: \(failure.error.reason)\n" }
        if !text.isEmpty { terminal.writeError(text) }
        return !text.isEmpty
    }
}

/// Prints diagnostics in the chosen format and works out the exit status they imply.
enum DiagnosticReporter {
    static func report(_ result: CheckResult, options: Options, terminal: Terminal) -> Int32 {
        let errors = result.count(.error)
        let warnings = result.count(.warning)
        let notes = result.count(.note)
        switch options.diagnostics {
        case .human:
            let renderer = HumanRenderer(colors: terminal.colors(options.color))
            var text = ""
            for diagnostic in result.diagnostics {
                text += renderer.render(diagnostic, sources: result.sources) + "\n"
            }
            text += summary(errors: errors, warnings: warnings, notes: notes, files: result.sources.count)
            terminal.writeError(text)
        case .short:
            let renderer = ShortRenderer()
            var text = ""
            for diagnostic in result.diagnostics { text += renderer.render(diagnostic, sources: result.sources) + "\n" }
            if !text.isEmpty { terminal.writeError(text) }
        case .json, .sarif, .github:
            terminal.writeError("error: `--diagnostics \(options.diagnostics.rawValue)` is not available yet\n")
            return 2
        }
        var status: Int32 = errors > 0 ? 1 : 0
        if options.denyWarnings && warnings > 0 {
            if errors == 0 { terminal.writeError("error: \(Format.count(warnings, "warning")) and `--deny-warnings` is set\n") }
            status = 1
        }
        if let limit = options.maxWarnings, warnings > limit {
            terminal.writeError("error: \(Format.count(warnings, "warning")), more than `--max-warnings \(limit)` allows\n")
            status = 1
        }
        return status
    }

    /// "2 errors, 3 warnings in 4 files" (with notes when there are any).
    static func summary(errors: Int, warnings: Int, notes: Int, files: Int) -> String {
        var parts = [Format.count(errors, "error"), Format.count(warnings, "warning")]
        if notes > 0 { parts.append(Format.count(notes, "note")) }
        return parts.joined(separator: ", ") + " in " + Format.count(files, "file") + "\n"
    }
}
