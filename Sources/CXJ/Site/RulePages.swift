/// A page per diagnostic code, from the same documentation as `cxj explain`, and an index of
/// them. The examples are checked on the spot, so the pages show what cxj really reports.
enum RulePages {
    static func pages() -> [(String, String)] {
        var index = "<h1>Rules and diagnostics</h1>\n<p class=\"facts\">Every code cxj reports. Gap rules (CXJ2xx) can be "
        index += "acknowledged with <code>allow</code> or re-graded; language errors cannot.</p>\n"
        index += "<div class=\"table\"><table>\n<thead><tr><th scope=\"col\">code</th><th scope=\"col\">name</th>"
        index += "<th scope=\"col\">default severity</th><th scope=\"col\">what it finds</th></tr></thead>\n<tbody>\n"
        var pages: [(String, String)] = []
        for code in Code.allCases {
            let docs = code.documentation
            index += "<tr><td><a href=\"\(code.id).html\">\(code.id)</a></td><td><code>\(HTMLText.escape(code.name))</code></td>"
            index += "<td>\(code.defaultSeverity.name)</td><td>\(inline(docs.summary))</td></tr>\n"
            pages.append(("rules/\(code.id).html", page(code)))
        }
        index += "</tbody></table></div>\n"
        return [("rules/index.html", PageLayout(title: "Rules", depth: 1, section: "Rules").page(index))] + pages
    }

    /// Prose with `code` spans, read as the report reads diagnostic messages.
    static func inline(_ text: String) -> String {
        HTMLReport().spans(ReportSpan.message(text))
    }

    private static func page(_ code: Code) -> String {
        let docs = code.documentation
        var body = "<h1>\(code.id) <code>\(HTMLText.escape(code.name))</code></h1>\n<p><strong>\(inline(docs.summary))</strong></p>\n"
        body += "<p>\(inline(Explanation.severityLine(code)))</p>\n"
        body += "<h2 id=\"meaning\">What it means</h2>\n<p>\(inline(docs.meaning))</p>\n"
        body += "<h2 id=\"why\">Why it matters</h2>\n<p>\(inline(docs.rationale))</p>\n"
        for (anchor, title, text) in [("failing", "Failing example", docs.failing), ("fixed", "Fixed", docs.fixed)] {
            body += "<h2 id=\"\(anchor)\">\(title)</h2>\n<pre><code>\(HTMLText.escape(text))</code></pre>\n"
            let result = Explanation.diagnostics(ofExample: text, for: code)
            let reported = result.diagnostics.filter { $0.code == code }.map { ShortRenderer().render($0, sources: result.sources) }
            body += reported.isEmpty ? "<p>cxj reports no \(code.id).</p>\n"
                : "<p>cxj reports:</p>\n<pre>" + reported.map(HTMLText.escape).joined(separator: "\n") + "</pre>\n"
        }
        body += "<p><a href=\"index.html\">All rules</a></p>\n"
        return PageLayout(title: "\(code.id) \(code.name)", depth: 1, section: "Rules").page(body)
    }
}
