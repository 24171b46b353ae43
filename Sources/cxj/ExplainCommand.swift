import CXJ

/// `cxj explain CODE|NAME`: what a code means, why it matters, and a failing and a fixed
/// example, both checked as they are printed.
enum ExplainCommand {
    static func run(_ arguments: [String], terminal: Terminal) throws -> Int32 {
        let options = try ArgumentParser.parse(arguments, command: "explain", accepting: [.help])
        if options.help {
            terminal.writeOut(Usage.explain)
            return 0
        }
        guard options.operands.count == 1, let text = options.operands.first else {
            throw UsageError(message: "`cxj explain` needs one code or rule name", help: "for example `cxj explain CXJ204` or `cxj explain delivery-gap`")
        }
        if Code(lookup: text) == nil, let word = WordDocumentation.render(text) {
            terminal.writeOut(word)
            return 0
        }
        guard let code = Code(lookup: text) else {
            let closest = Explanation.closest(to: text)
            throw UsageError(message: "unknown code or rule `\(text)`",
                             help: closest.isEmpty ? "run `cxj rules` to list every code"
                                 : "did you mean " + Suggestions.orList(closest.map { "`\($0.id)` (\($0.name))" }) + "?")
        }
        terminal.writeOut(Explanation.render(code))
        return 0
    }
}

/// `cxj rules [--format text|json]`: every code with its name and default severity.
enum RulesCommand {
    static func run(_ arguments: [String], terminal: Terminal) throws -> Int32 {
        let options = try ArgumentParser.parse(arguments, command: "rules", accepting: [.help, .format])
        if options.help {
            terminal.writeOut(Usage.rules)
            return 0
        }
        guard options.operands.isEmpty else {
            throw UsageError(message: "`cxj rules` takes no paths", help: "use `cxj explain CODE` for one code")
        }
        switch options.format ?? "text" {
        case "text": terminal.writeOut(RulesCatalogue.text())
        case "json": terminal.writeOut(RulesCatalogue.json())
        case let other:
            throw UsageError(message: "invalid value `\(other)` for `--format`", help: "expected `text` or `json`")
        }
        return 0
    }
}
