/// Runs one input through every stage of the pipeline and checks the formatter's promises:
/// the fuzzer's body (Benchmarks/Fuzz) and the replay of the inputs it found
/// (FuzzRegressionTests) share it.
///
/// The input is `main.cxj`, beside a small catalogue it may import. It is parsed, checked and
/// linted; every diagnostic is rendered in every format; every output format is emitted; and
/// the file is formatted. The result names a broken promise, or is nil:
/// - formatting is idempotent;
/// - formatted output has no syntax errors;
/// - formatting keeps the diagnostic codes of the file;
/// - read as a Mermaid diagram, the input imports to a file without errors, or not at all;
/// - parsed in two halves on two threads (as large files are), it gives the same tree;
/// - printed in parts, each parsed on its own (as large files are formatted), it gives the
///   same text;
/// - a block's statements are the nodes after it, in order (`SyntaxTree.hasNodesInOrder`);
/// - checked a part at a time (as large files are), it shows the same.
/// A crash inside is, of course, a failure too.
public enum PipelineExercise {
    static let catalogue = "team care \"Care\"\nchannel app \"App\" { kind digital }\nsystem crm \"CRM\"\npersona ana \"Ana\"\n"

    public static func run(_ bytes: [UInt8]) -> String? {
        let result = check(bytes)
        let sources = result.sources
        let human = HumanRenderer(colors: true)
        for diagnostic in result.diagnostics {
            _ = human.render(diagnostic, sources: sources)
            _ = ShortRenderer().render(diagnostic, sources: sources)
            _ = GitHubRenderer().render(diagnostic, sources: sources)
        }
        _ = SARIFRenderer.render(result.diagnostics, sources: sources, currentDirectory: "/")
        _ = DiagnosticDocument.render(result.diagnostics, sources: sources)
        let clean = result.workspace.roots.filter { !result.hasErrors(affecting: $0) }
        for format in OutputFormat.allCases {
            _ = format.emit(clean.map { result.files[$0] }, diagnostics: result.diagnostics)
        }

        // Lowering in halves on two threads must build the model one thread builds, and so
        // must lowering touchpoints as they are met, and handing back statements once lowered.
        let oneThread = loweredInHalves(check, bytes, halves: false)
        if loweredInHalves(check, bytes) != oneThread {
            return "lowering in halves differs from lowering by one thread"
        }
        if loweredInHalves(check, bytes, halves: false, touchpointsAsMet: false) != oneThread {
            return "lowering touchpoints as they are met differs from lowering them at the journey's end"
        }
        if loweredInHalves(check, bytes, releasingStatements: true) != oneThread {
            return "handing back lowered statements changes what a check shows"
        }
        // So must lowering a journey's stages a part at a time, each parsed on its own (as a
        // large file is checked, here with parts of a few lines).
        if loweredInHalves(check, bytes, inPartsOf: 64) != oneThread {
            return "checking in parts differs from checking the whole tree"
        }

        let source = SourceFile(path: "main.cxj", bytes: bytes)
        let single = Parser.parseOnce(source, fileIndex: 0, indentationRecovery: false, concurrentLexing: false, split: false)
        let split = Parser.parseOnce(source, fileIndex: 0, indentationRecovery: false, split: true, patience: 1)
        let givenUp = Parser.parseOnce(source, fileIndex: 0, indentationRecovery: false, split: true, patience: 0)
        let recovered = Parser.parse(source, fileIndex: 0)
        for (tree, name) in [(single, "a single-threaded parse"), (split, "a split parse"), (givenUp, "a split parse that gave up"),
                             (recovered, "a parse with indentation recovery")]
        where !tree.hasNodesInOrder() {
            return "\(name) left a block's statements out of order"
        }
        if !single.isSameParse(as: givenUp) { return "a split parse that gave up its half differs from a single-threaded one" }
        if !single.isSameParse(as: split) { return "a split parse differs from a single-threaded one" }
        // The formatter's parse, without names, must build the same layout.
        let layout = Parser.parseOnce(source, fileIndex: 0, indentationRecovery: false, names: false, split: true, patience: 1)
        if !layout.isSameLayout(as: single) { return "a parse without names differs in layout from one with names" }

        // The same bytes as a Mermaid diagram: an import that succeeds must check without errors.
        if let imported = MermaidImporter.convert(SourceFile(path: "main.mmd", bytes: bytes)).text {
            let checked = check(Array(imported.utf8))
            if checked.count(.error) > 0 { return "an imported diagram has errors: \(codes(checked))" }
        }

        let (formatted, _) = Formatter.format(SourceFile(path: "main.cxj", bytes: bytes))
        guard let formatted else { return nil }
        // Printed in parts, each parsed on its own (as a large file is, here with parts of a
        // few lines), the text is the same.
        if let holed = Parser.layoutWithHole(source, partBytes: 64),
           Formatter.format(FormatterLayout(holed)) != formatted {
            return "printing in parts differs from printing the whole tree"
        }
        // Compared as its parts are checked, the file gets the same verdict, or none.
        if let verdict = Formatter.isFormatted(inPartsOf: 64, source), verdict != (formatted == bytes) {
            return "comparing in parts gives another verdict than comparing with the whole tree's text"
        }
        let (again, errors) = Formatter.format(SourceFile(path: "main.cxj", bytes: formatted))
        guard let again else { return "formatted output has syntax errors: \(errors.map { $0.code.id })" }
        if again != formatted { return "formatting is not idempotent" }
        let before = codes(result)
        let after = codes(check(formatted))
        if before != after { return "formatting changed the codes: \(before) → \(after)" }
        return nil
    }

    /// Everything a check shows (diagnostics, and every output format of the files without
    /// errors) with journeys lowered in halves (or not), whatever their size; with touchpoints
    /// lowered as they are met (or all at the journey's end); with lowered statements handed
    /// back page by page (or kept).
    public static func loweredInHalves(_ check: ([UInt8]) -> CheckResult, _ bytes: [UInt8], halves: Bool = true,
                                       touchpointsAsMet: Bool = true, releasingStatements: Bool = false,
                                       inPartsOf partBytes: Int? = nil) -> [UInt8] {
        let saved = (FileChecker.lowersInHalves, FileChecker.lowersTouchpointsAsMet, StatementRelease.isForced,
                     Workspace.parsesInParts, Parser.checkedPartBytes)
        FileChecker.lowersInHalves = halves
        FileChecker.lowersTouchpointsAsMet = touchpointsAsMet
        StatementRelease.isForced = releasingStatements
        Workspace.parsesInParts = partBytes != nil
        Parser.checkedPartBytes = partBytes ?? saved.4
        defer {
            (FileChecker.lowersInHalves, FileChecker.lowersTouchpointsAsMet, StatementRelease.isForced,
             Workspace.parsesInParts, Parser.checkedPartBytes) = saved
        }
        let result = check(bytes)
        var shown = Array(DiagnosticDocument.render(result.diagnostics, sources: result.sources).utf8)
        let clean = result.workspace.roots.filter { !result.hasErrors(affecting: $0) }
        for format in OutputFormat.allCases {
            shown += format.emit(clean.map { result.files[$0] }, diagnostics: result.diagnostics)
        }
        return shown
    }

    private static func check(_ bytes: [UInt8]) -> CheckResult {
        Compiler.check([.text(path: "main.cxj", bytes: bytes)], provider: InMemoryProvider(["catalogue.cxj": catalogue]),
                       policy: ImportPolicy(defaultRoot: "."))
    }

    /// The codes of a result, sorted: positions move when formatting, meaning must not.
    private static func codes(_ result: CheckResult) -> [String] {
        result.diagnostics.map { $0.code.id }.sorted()
    }
}
