/// The long explanation of a code, for `cxj explain`: what it means, why it matters to a CX
/// team, and a failing and a fixed example, each checked on the spot so the text shows what
/// cxj really reports.
public enum Explanation {
    /// The name examples are checked under (an import cycle example imports it).
    public static let exampleName = "example.cxj"

    /// The name Mermaid examples (CXJ3xx) are imported under.
    public static let mermaidExampleName = "example.mmd"

    /// Checks example text as `example.cxj`.
    public static func check(_ text: String) -> CheckResult {
        Compiler.check([.path(exampleName)], provider: InMemoryProvider([exampleName: text]))
    }

    /// The diagnostics of an example of `code`, with their sources: a Mermaid example is
    /// imported, any other is checked.
    public static func diagnostics(ofExample text: String, for code: Code) -> (diagnostics: [Diagnostic], sources: [SourceFile]) {
        if code.isMermaidImport {
            let source = SourceFile(path: mermaidExampleName, text: text)
            return (MermaidImporter.convert(source).diagnostics, [source])
        }
        let result = check(text)
        return (result.diagnostics, result.sources)
    }

    /// What `allow`, `--allow`, `--warn` and `--deny` can do with a code.
    public static func severityLine(_ code: Code) -> String {
        if code.isMermaidImport {
            return "A problem in a Mermaid diagram read by `cxj import mermaid`, \(code.defaultSeverity == .error ? "an error: nothing is imported" : "a warning: the line is skipped or adjusted")."
        }
        guard code.isRule else {
            return "An error in the language: it is always an error, and cannot be allowed or re-graded."
        }
        let level = code == .unansweredStep ? "a warning by default, and an error when the step is `critical`"
            : "a \(code.defaultSeverity.name) by default"
        return "A gap rule, \(level). Acknowledge it for one element and everything in it with "
            + "`allow \(code.name) \"reason\"`; turn it off, or re-grade it, for a run with `--allow`, `--warn` "
            + "or `--deny \(code.name)`, or in `cxj.json`."
    }

    public static func render(_ code: Code, width: Int = 100) -> String {
        let docs = code.documentation
        var lines = ["\(code.id) \(code.name): \(docs.summary)", ""]
        lines += TextTable.wrap(severityLine(code), width: width)
        func section(_ title: String, _ text: String) {
            lines += ["", title]
            lines += TextTable.wrap(text, width: width - 2).map { "  " + $0 }
        }
        section("What it means", docs.meaning)
        section("Why it matters", docs.rationale)
        func example(_ title: String, _ text: String) {
            lines += ["", title]
            lines += text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0)
                .map { $0.isEmpty ? "" : "    " + $0 }
            let result = diagnostics(ofExample: text, for: code)
            let reported = result.diagnostics.filter { $0.code == code }.map { ShortRenderer().render($0, sources: result.sources) }
            if reported.isEmpty {
                lines.append("  cxj reports no \(code.id).")
            } else {
                lines.append("  cxj reports:")
                lines += reported.map { "    " + $0 }
            }
            let others = result.diagnostics.filter { $0.code != code }
            if !others.isEmpty {
                let codes = others.map { $0.code.id }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                lines.append("  (and \(Format.count(others.count, "other diagnostic")) from other rules: \(codes.joined(separator: ", ")))")
            }
        }
        example("Failing example (\(code.isMermaidImport ? mermaidExampleName : exampleName))", docs.failing)
        example("Fixed", docs.fixed)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The codes closest to an unknown code or name, for a `help:` line.
    public static func closest(to text: String) -> [Code] {
        let candidates = Code.allCases.flatMap { [$0.id, $0.name] }
        return Suggestions.closest(to: text, among: candidates, limit: 3).compactMap { Code(lookup: $0) }
            .reduce(into: [Code]()) { if !$0.contains($1) { $0.append($1) } }
    }
}
