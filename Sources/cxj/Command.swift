import CXJ

/// Dispatches `cxj COMMAND …` and turns usage errors into exit status 2.
enum Command {
    static func run(_ arguments: [String], terminal: Terminal) -> Int32 {
        guard let first = arguments.first else {
            terminal.writeError(Usage.general)
            return 2
        }
        let rest = Array(arguments.dropFirst())
        do {
            switch first {
            case "--version", "-V", "version":
                terminal.writeOut("cxj \(CXJVersion.tool) (language version \(CXJVersion.language))\n")
                return 0
            case "--help", "-h", "help":
                if let topic = rest.first, let text = Usage.text(for: topic) {
                    terminal.writeOut(text)
                } else {
                    terminal.writeOut(Usage.general)
                }
                return 0
            case "check":
                return try CheckCommand.run(rest, terminal: terminal)
            case "compile":
                return try CompileCommand.run(rest, terminal: terminal)
            case "fmt":
                return try FormatCommand.run(rest, terminal: terminal)
            case "explain":
                return try ExplainCommand.run(rest, terminal: terminal)
            case "rules":
                return try RulesCommand.run(rest, terminal: terminal)
            case "lsp":
                return try LSPCommand.run(rest, terminal: terminal)
            case "diff":
                return try DiffCommand.run(rest, terminal: terminal)
            case "import":
                return try ImportCommand.run(rest, terminal: terminal)
            case "doc":
                return try DocCommand.run(rest, terminal: terminal)
            default:
                let commands = ["check", "compile", "doc", "fmt", "diff", "import", "lsp", "explain", "rules", "help"]
                throw UsageError(message: "unknown command `\(first)`",
                                 help: Suggestions.didYouMean(first, among: commands) ?? "run `cxj --help` for the commands")
            }
        } catch let error as UsageError {
            report(error, terminal: terminal)
            return 2
        } catch {
            terminal.writeError("error: internal error: \(error)\n")
            return 2
        }
    }

    static func report(_ error: UsageError, terminal: Terminal) {
        var text = "error: \(error.message)\n"
        if let help = error.help { text += "help: \(help)\n" }
        terminal.writeError(text)
    }
}
