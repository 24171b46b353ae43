import CXJ

/// `cxj import mermaid FILE|- [-o OUT.cxj] [--customer NAME]`: a Mermaid `journey` diagram as
/// a formatted `.cxj` file. Problems are reported with the Mermaid file's lines and columns;
/// with an error nothing is written and the exit status is 1.
enum ImportCommand {
    static func run(_ arguments: [String], terminal: Terminal) throws -> Int32 {
        let options = try ArgumentParser.parse(arguments, command: "import",
                                               accepting: [.help, .output, .customer, .diagnostics, .color, .maxFileSize])
        if options.help {
            terminal.writeOut(Usage.importHelp)
            return 0
        }
        guard let kind = options.operands.first else {
            throw UsageError(message: "`cxj import` needs a kind of diagram and a file", help: "for example `cxj import mermaid journey.mmd`")
        }
        guard kind == "mermaid" else {
            throw UsageError(message: "unknown kind of diagram `\(Visible.escape(kind))`", help: "cxj imports `mermaid` journey diagrams")
        }
        guard options.operands.count == 2 else {
            throw UsageError(message: "`cxj import mermaid` needs one file, or `-` for standard input", help: nil)
        }
        guard options.diagnostics == .human || options.diagnostics == .short else {
            throw UsageError(message: "`cxj import` reports problems as `human` or `short` diagnostics", help: nil)
        }
        let path = options.operands[1]
        let source: SourceFile
        if path == "-" {
            let bytes = terminal.readInput(options.maxFileSize)
            guard bytes.count <= options.maxFileSize else {
                throw UsageError(message: "standard input is larger than the limit set by `--max-file-size`", help: nil)
            }
            source = SourceFile(path: "<stdin>", bytes: bytes)
        } else {
            switch FileSystemProvider(maximumSize: options.maxFileSize).read(path) {
            case .success(let bytes): source = SourceFile(path: path, bytes: bytes)
            case .failure(let error):
                terminal.writeError("error: cannot read `\(Visible.escape(path))`: \(error.reason)\n")
                return 2
            }
        }
        let result = MermaidImporter.convert(source, customer: options.customer)
        var report = ""
        let human = HumanRenderer(colors: terminal.colors(options.color))
        for diagnostic in result.diagnostics {
            report += options.diagnostics == .short
                ? ShortRenderer().render(diagnostic, sources: [source]) + "\n"
                : human.render(diagnostic, sources: [source]) + "\n"
        }
        guard let text = result.text else {
            terminal.writeError(report + "\(Visible.escape(source.path)) was not imported: it has errors\n")
            return 1
        }
        if !report.isEmpty { terminal.writeError(report) }
        guard let output = options.output else {
            terminal.writeOut(text)
            return 0
        }
        do {
            try AtomicFile.write(Array(text.utf8), to: output)
        } catch let failure as AtomicFile.Failure {
            terminal.writeError("error: cannot write `\(Visible.escape(failure.path))`: \(failure.reason)\n")
            return 2
        }
        return 0
    }
}
