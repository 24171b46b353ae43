import CXJ

/// `cxj lsp`: the language server over standard input and output. Logs go to standard error.
enum LSPCommand {
    static func run(_ arguments: [String], terminal: Terminal) throws -> Int32 {
        let options = try ArgumentParser.parse(arguments, command: "lsp", accepting: [.help])
        if options.help {
            terminal.writeOut("usage: cxj lsp\n\nSpeaks the Language Server Protocol 3.17 over standard input and output.\n")
            return 0
        }
        return LSPConnection.run(input: 0, output: 1, log: { terminal.writeError($0 + "\n") })
    }
}
