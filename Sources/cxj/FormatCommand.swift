import CXJ

/// `cxj fmt PATH…`: rewrites files in canonical form, atomically. `--check` lists the files
/// that are not formatted and exits 1; `--stdout` prints the canonical text instead of
/// rewriting; `--diff` prints a unified diff and exits 1 when there is one; `-` formats
/// standard input to standard output. A file with syntax errors is reported and left alone.
enum FormatCommand {
    static func run(_ arguments: [String], terminal: Terminal) throws -> Int32 {
        let options = try ArgumentParser.parse(arguments, command: "fmt",
                                               accepting: [.check, .stdout, .diff, .diagnostics, .color, .help, .maxFileSize])
        if options.help {
            terminal.writeOut(Usage.format)
            return 0
        }
        guard !options.operands.isEmpty else {
            throw UsageError(message: "`cxj fmt` needs at least one path", help: "pass files or directories, or `-` for standard input")
        }
        guard [options.checkOnly, options.toStandardOutput, options.diff].filter({ $0 }).count <= 1 else {
            throw UsageError(message: "`--check`, `--stdout` and `--diff` cannot be combined", help: nil)
        }
        guard options.diagnostics == .human || options.diagnostics == .short else {
            throw UsageError(message: "`cxj fmt` reports syntax errors as `human` or `short` diagnostics", help: nil)
        }
        let settings = try RunSettings.prepare(options, terminal: terminal)
        var status: Int32 = 0
        var unreadable = false
        for input in settings.inputs {
            let source: SourceFile
            var toStandardOutput = options.toStandardOutput
            switch input {
            case .text(let path, let bytes):
                source = SourceFile(path: path, bytes: bytes)
                toStandardOutput = !options.checkOnly && !options.diff
            case .path(let path):
                switch settings.provider.read(path) {
                case .success(let bytes): source = SourceFile(path: path, bytes: bytes)
                case .failure(let error):
                    terminal.writeError("error: cannot read `\(Visible.escape(path))`: \(error.reason)\n")
                    unreadable = true
                    continue
                }
            }
            // A large file that is compared first (`--check`, or in place) is compared as its
            // parts are checked, without checking them all first; nil: no verdict that way.
            let inPlace = !toStandardOutput && !options.checkOnly && !options.diff
            let verdict = options.checkOnly || inPlace ? Formatter.isFormattedIfLarge(source) : nil
            if verdict == true { continue }
            if verdict == false && options.checkOnly {
                terminal.writeOut(Visible.escape(source.path) + "\n")
                status = 1
                continue
            }
            // A large file going out is printed once, its parts checked as they are parsed to be
            // printed: into a spool for standard output, or (when it changes, and every part
            // passed as it was compared) into the temporary file that replaces it. What a failed
            // part leaves is dropped, and the file is formatted as usual below (which reports
            // its errors), its parts checked before any is printed.
            if toStandardOutput, Formatter.isLarge(source), let spool = SpoolFile.make(),
               Formatter.printLargeCheckingAsItGoes(source, to: { spool.write($0) }) == true, spool.isWhole {
                if !spool.copy(to: { terminal.writeOutBytes(Array($0)) }) {
                    terminal.writeError("error: cannot read back the formatted text of `\(Visible.escape(source.path))`\n")
                    unreadable = true
                }
                continue
            }
            if inPlace && verdict == false {
                var kept = false
                let wrote = try rewrite(terminal: terminal) {
                    kept = try AtomicFile.write(to: source.path, keepingIf: { sink in
                        Formatter.printLargeCheckingAsItGoes(source) { sink.write($0) } == true
                    })
                }
                if !wrote { unreadable = true }
                if !wrote || kept { continue }
            }
            // A large file's layout leaves most of its tree out and prints it a part at a time.
            let tree = Formatter.printableLayout(of: source)
            if tree.hasErrors {
                report(tree.diagnostics, source: source, options: options, terminal: terminal)
                status = 1
                continue
            }
            // The canonical text is streamed wherever it goes; only `--diff` holds it whole.
            if toStandardOutput {
                Formatter.stream(tree) { terminal.writeOutBytes(Array($0)) }
            } else if options.checkOnly {
                if !Formatter.isFormatted(tree) {
                    terminal.writeOut(Visible.escape(source.path) + "\n")
                    status = 1
                }
            } else if options.diff {
                let formatted = Formatter.format(tree)
                if !Formatter.sameBytes(formatted, source.bytes) {
                    terminal.writeOut(UnifiedDiff.render(old: source.bytes.array, new: formatted, oldName: "a/" + source.path,
                                                         newName: "b/" + source.path))
                    status = 1
                }
            } else if verdict == false || !Formatter.isFormatted(tree) {
                // Printed twice when it changes (compared, then written), so that an unchanged
                // file is never rewritten and a changed one is never held whole.
                let wrote = try rewrite(terminal: terminal) {
                    try AtomicFile.write(to: source.path) { sink in Formatter.stream(tree) { sink.write($0) } }
                }
                if !wrote { unreadable = true }
            }
        }
        let problems = CheckCommand.reportProblems(settings.problems, failures: [], terminal: terminal)
        return problems || unreadable ? 2 : status
    }

    /// Runs an atomic rewrite; reports why it could not write and returns false then.
    private static func rewrite(terminal: Terminal, _ write: () throws -> Void) throws -> Bool {
        do {
            try write()
            return true
        } catch let failure as AtomicFile.Failure {
            terminal.writeError("error: cannot write `\(Visible.escape(failure.path))`: \(failure.reason)\n")
            return false
        }
    }

    private static func report(_ diagnostics: [Diagnostic], source: SourceFile, options: Options, terminal: Terminal) {
        var text = ""
        switch options.diagnostics {
        case .short:
            for diagnostic in diagnostics { text += ShortRenderer().render(diagnostic, sources: [source]) + "\n" }
        default:
            let renderer = HumanRenderer(colors: terminal.colors(options.color))
            for diagnostic in diagnostics { text += renderer.render(diagnostic, sources: [source]) + "\n" }
            text += "\(Visible.escape(source.path)) was not formatted: it has syntax errors\n"
        }
        terminal.writeError(text)
    }
}
