import CXJ

/// `cxj compile PATH… --to dot|json|report|text [-o OUT]`.
///
/// Without `-o`, the output of every input without errors goes to standard output as one
/// document. With `-o FILE` and one input, it goes to that file. With several inputs, `-o`
/// names a directory that receives one file per input that holds a journey, at the input's
/// path relative to the inputs' common directory. A file with errors, or whose imports have
/// errors, produces nothing and nothing is written for it. Files are written atomically.
///
/// Over several inputs to standard output, every format is written while the inputs are
/// still being checked: each input as soon as it and what it imports are (`OrderedOutput`),
/// before the diagnostics on standard error. The bytes are the same.
enum CompileCommand {
    static func run(_ arguments: [String], terminal: Terminal) throws -> Int32 {
        let options = try ArgumentParser.parse(arguments, command: "compile", accepting: OptionName.shared + [.to, .output, .ids, .layout])
        if options.help {
            terminal.writeOut(Usage.compile)
            return 0
        }
        guard let target = options.target else {
            throw UsageError(message: "`cxj compile` needs `--to` and a format",
                             help: "choose one of `--to dot`, `--to json`, `--to report`, `--to text` or `--to mermaid`")
        }
        guard let format = OutputFormat(rawValue: target) else {
            let names = OutputFormat.allCases.map { $0.rawValue }
            throw UsageError(message: "unknown format `\(target)` for `--to`",
                             help: Suggestions.didYouMean(target, among: names) ?? "expected " + Suggestions.orList(names.map { "`\($0)`" }))
        }
        guard !options.operands.isEmpty else {
            throw UsageError(message: "`cxj compile` needs at least one path", help: "pass files or directories, or `-` for standard input")
        }
        if options.output == nil && options.diagnostics != .human && options.diagnostics != .short {
            throw UsageError(message: "`--diagnostics \(options.diagnostics.rawValue)` and the compiled output would both go to standard output",
                             help: "write the compiled output to a file with `-o`")
        }
        let settings = try RunSettings.prepare(options, terminal: terminal, mapsLargeFiles: true)
        let emitOptions = EmitOptions(showIDs: options.ids, layout: options.layout)
        let stream = options.output == nil && settings.inputs.count > 1
            ? StreamedOutput(format, options: emitOptions, descriptor: 1) : nil
        let ordered = stream.map(OrderedOutput.init(writingTo:))
        let result = settings.check(output: ordered)
        ExitWithoutTeardown.keep(result)
        var status = DiagnosticReporter.report(result, options: options, maxWarnings: settings.maxWarnings, terminal: terminal)
        let failed = CheckCommand.reportProblems(settings.problems, failures: result.failures, terminal: terminal)

        let roots = result.workspace.roots
        // A file that changed while it was checked is not compiled (nor anything importing it).
        let changed = Set(CheckCommand.changedFiles(result))
        let clean = roots.filter { root in
            !result.hasErrors(affecting: root)
                && (changed.isEmpty || !result.workspace.closure(of: root).contains { changed.contains($0) })
        }
        if clean.count < roots.count { status = max(status, 1) }
        do {
            if let stream, let ordered {
                // Written as checked; the JSON ends with the diagnostics of what was written.
                let written = roots.filter(ordered.wasWritten)
                if let failure = stream.finish(diagnostics: diagnostics(of: written, result), sources: result.sources) {
                    throw AtomicFile.Failure(path: "standard output", reason: failure)
                }
            } else {
                try write(format, roots: roots, clean: clean, result: result, output: options.output,
                          emitOptions: emitOptions, terminal: terminal)
            }
        } catch let failure as AtomicFile.Failure {
            terminal.writeError("error: cannot write `\(Visible.escape(failure.path))`: \(failure.reason)\n")
            return 2
        }
        // Also a change while the output was written: what was written may mix two versions.
        return CheckCommand.reportChangedFiles(result, terminal: terminal) || failed ? 2 : status
    }

    private static func write(_ format: OutputFormat, roots: [Int], clean: [Int], result: CheckResult, output: String?,
                              emitOptions: EmitOptions, terminal: Terminal) throws {
        func write(_ files: [Int], to path: String) throws {
            try format.write(files.map { result.files[$0] }, diagnostics: diagnostics(of: files, result),
                             options: emitOptions, toFile: path)
        }
        guard let output else {
            if !clean.isEmpty, let failure = format.write(clean.map { result.files[$0] }, diagnostics: diagnostics(of: clean, result),
                                                                 options: emitOptions, toDescriptor: 1) {
                throw AtomicFile.Failure(path: "standard output", reason: failure)
            }
            return
        }
        if roots.count == 1 && !AtomicFile.isDirectory(output) {
            if let file = clean.first { try write([file], to: output) }
            return
        }
        let base = commonDirectory(roots.map { result.sources[$0].path })
        // Rendered on both cores, written in order; the first file that cannot be written
        // stops the writing, as it did one file at a time.
        let outputs = clean.filter { result.files[$0].hasJourneys }.map { file -> OutputFormat.FileOutput in
            var relative = result.sources[file].path
            if relative == "<stdin>" { relative = "stdin.cxj" }
            if !base.isEmpty && relative.hasPrefix(base + "/") { relative = String(relative.dropFirst(base.count + 1)) }
            if relative.hasSuffix(".cxj") { relative = String(relative.dropLast(4)) }
            return OutputFormat.FileOutput(files: [result.files[file]], diagnostics: diagnostics(of: [file], result),
                                           path: Paths.join(output, relative + "." + format.fileExtension))
        }
        try format.write(outputs, options: emitOptions)
    }

    /// The diagnostics in the files that `files` import, transitively, and in themselves.
    private static func diagnostics(of files: [Int], _ result: CheckResult) -> [Diagnostic] {
        let closure = Set(files.flatMap { result.workspace.closure(of: $0) })
        return result.diagnostics.filter { closure.contains($0.location.file) }
    }

    /// The longest directory that contains every path.
    static func commonDirectory(_ paths: [String]) -> String {
        var common: [Substring]? = nil
        for path in paths {
            let parts = Paths.directory(of: path).split(separator: "/", omittingEmptySubsequences: false)
            if let current = common {
                var length = 0
                while length < current.count && length < parts.count && current[length] == parts[length] { length += 1 }
                common = Array(current.prefix(length))
            } else {
                common = parts
            }
        }
        return (common ?? []).joined(separator: "/")
    }
}
