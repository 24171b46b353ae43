/// The gap report as an HTML fragment, for `cxj doc`: a thin writer over `ReportDocument`,
/// like `MarkdownReport` and `TextReport`. Headings are shifted by `headingOffset` to nest in
/// the page that holds them, and each gets an `id` from its anchor and `idPrefix`. A location
/// becomes a link when `link` gives it an address.
struct HTMLReport {
    var headingOffset = 1
    var idPrefix = "report-"
    var link: (ReportLocation) -> String? = { _ in nil }
    /// Whether to leave out the report's title and the facts under it (a page that has its own).
    var skipsTitle = true

    /// Where a code span links to, such as a rule's page for a rule's name.
    var codeLink: (String) -> String? = { _ in nil }

    func html(_ document: ReportDocument) -> String {
        var out = ""
        var blocks = document.withoutDiagrams[...]
        // The title and the facts under it, which a page states in its own header.
        if skipsTitle, case .heading(1, _, _)? = blocks.first {
            blocks = blocks.dropFirst()
            if case .paragraph? = blocks.first { blocks = blocks.dropFirst() }
        }
        for block in blocks {
            switch block {
            case .heading(let level, let text, let anchor):
                let tag = "h\(min(6, level + headingOffset))"
                out += "<\(tag) id=\"\(idPrefix)\(HTMLText.slug(anchor))\">\(spans(text))</\(tag)>\n"
            case .paragraph(let text):
                out += "<p>\(spans(text))</p>\n"
            case .list(let items):
                out += list(items)
            case .table(let table):
                out += "<div class=\"table\"><table>\n<thead><tr>"
                for (column, header) in table.headers.enumerated() {
                    out += table.numeric.contains(column) ? "<th class=\"num\" scope=\"col\">" : "<th scope=\"col\">"
                    out += HTMLText.escape(header) + "</th>"
                }
                out += "</tr></thead>\n<tbody>\n"
                for row in table.rows {
                    out += "<tr>"
                    for (column, cell) in row.enumerated() {
                        out += (table.numeric.contains(column) ? "<td class=\"num\">" : "<td>") + spans(cell) + "</td>"
                    }
                    out += "</tr>\n"
                }
                out += "</tbody></table></div>\n"
            case .preformatted(let lines):
                out += "<pre>" + lines.map(HTMLText.escape).joined(separator: "\n") + "</pre>\n"
            case .mermaid:
                // The page draws its own map and emotion curve; a Mermaid block would need JavaScript.
                break
            }
        }
        return out
    }

    private func list(_ items: [ReportItem]) -> String {
        var out = "<ul>\n"
        for item in items {
            out += "<li>" + spans(item.spans)
            if !item.children.isEmpty { out += "\n" + list(item.children) }
            out += "</li>\n"
        }
        return out + "</ul>\n"
    }

    func spans(_ spans: [ReportSpan]) -> String {
        spans.map { span in
            switch span {
            case .text(let text): return HTMLText.escape(text)
            case .code(let text):
                let code = "<code>" + HTMLText.escape(text) + "</code>"
                return codeLink(text).map { "<a href=\"\(HTMLText.escape($0))\">\(code)</a>" } ?? code
            case .id(let text): return "<code>" + HTMLText.escape(text) + "</code>"
            case .strong(let text): return "<strong>" + HTMLText.escape(text) + "</strong>"
            case .quote(let text): return "<q>" + HTMLText.escape(text) + "</q>"
            case .status(let word, let isBad):
                return isBad ? "<span class=\"bad\">⚠ " + HTMLText.escape(word) + "</span>"
                    : "<span class=\"good\">✓ " + HTMLText.escape(word) + "</span>"
            case .location(let location):
                let code = "<code>" + HTMLText.escape(location.text) + "</code>"
                return link(location).map { "<a href=\"\(HTMLText.escape($0))\">\(code)</a>" } ?? code
            }
        }.joined()
    }
}
