import CXJ

/// `cxj doc PATH… -o DIR`: checks the inputs and writes the documentation site.
enum DocCommand {
    static func run(_ arguments: [String], terminal: Terminal) throws -> Int32 {
        let options = try ArgumentParser.parse(arguments, command: "doc", accepting: OptionName.shared + [.output])
        if options.help {
            terminal.writeOut(Usage.doc)
            return 0
        }
        guard let output = options.output else {
            throw UsageError(message: "`cxj doc` needs `-o DIR`", help: "name the directory of the site, such as `-o site`")
        }
        guard !options.operands.isEmpty else {
            throw UsageError(message: "`cxj doc` needs at least one path", help: "pass files or directories, such as `cxj doc Examples -o site`")
        }
        let settings = try RunSettings.prepare(options, terminal: terminal)
        let result = settings.check()
        ExitWithoutTeardown.keep(result)
        var status = DiagnosticReporter.report(result, options: options, maxWarnings: settings.maxWarnings, terminal: terminal)
        let failed = CheckCommand.reportProblems(settings.problems, failures: result.failures, terminal: terminal)
        let site = DocumentationSite(result)
        if site.leftOutCount > 0 { status = max(status, 1) }
        do {
            let summary = try SiteWriter.write(site.files(), to: output)
            var line = "site in \(Visible.escape(output)): \(site.journeyCount) journeys; \(summary.written) files written, "
            line += "\(summary.unchanged) unchanged, \(summary.removed) removed"
            if site.leftOutCount > 0 { line += "; \(site.leftOutCount) inputs left out for errors" }
            terminal.writeError(line + "\n")
        } catch let failure as AtomicFile.Failure {
            terminal.writeError("error: cannot write `\(Visible.escape(failure.path))`: \(failure.reason)\n")
            return 2
        }
        return failed ? 2 : status
    }
}
