/// The site's front page: every journey with its persona, owner, coverage, findings, largest
/// drop and average delivery gap, the unhealthiest first: most errors, then most warnings,
/// then lowest coverage, then largest average gap; ties by title and page.
struct IndexPage {
    let content: SiteContent

    static func unhealthiestFirst(_ entries: [SiteContent.Entry]) -> [SiteContent.Entry] {
        entries.sorted { a, b in
            let x = a.digest.severities, y = b.digest.severities
            if x.errors != y.errors { return x.errors > y.errors }
            if x.warnings != y.warnings { return x.warnings > y.warnings }
            let coverageA = a.digest.coverage ?? 1, coverageB = b.digest.coverage ?? 1
            if coverageA != coverageB { return coverageA < coverageB }
            let gapA = a.averageGap ?? -.infinity, gapB = b.averageGap ?? -.infinity
            if gapA != gapB { return gapA > gapB }
            if a.digest.title != b.digest.title { return a.digest.title < b.digest.title }
            return a.page < b.page
        }
    }

    func html() -> String {
        var body = "<h1>Customer journeys</h1>\n"
        let entries = IndexPage.unhealthiestFirst(content.entries)
        let warnings = entries.reduce(0) { $0 + $1.digest.severities.warnings }
        body += "<p class=\"facts\">\(Format.count(entries.count, "journey")) · \(Format.count(warnings, "warning")), "
        body += "unhealthiest first: most errors and warnings, then lowest coverage, then largest delivery gap.</p>\n"
        if entries.isEmpty {
            body += "<p>No journey to document.</p>\n"
        } else {
            body += "<div class=\"table\"><table>\n<thead><tr><th scope=\"col\">journey</th><th scope=\"col\">persona</th>"
            body += "<th scope=\"col\">owner</th><th class=\"num\" scope=\"col\">coverage</th><th class=\"num\" scope=\"col\">errors</th>"
            body += "<th class=\"num\" scope=\"col\">warnings</th><th class=\"num\" scope=\"col\">notes</th><th scope=\"col\">largest drop</th>"
            body += "<th class=\"num\" scope=\"col\">average delivery gap</th></tr></thead>\n<tbody>\n"
            for entry in entries {
                let digest = entry.digest
                body += "<tr><td><a href=\"\(entry.page)\">\(HTMLText.escape(digest.title))</a></td>"
                body += "<td>\(digest.persona.map(HTMLText.escape) ?? "—")</td><td>\(digest.owner.map(HTMLText.escape) ?? "—")</td>"
                body += "<td class=\"num\">\(digest.coverage.map { Format.percent($0) } ?? "—")</td>"
                body += "<td class=\"num\">\(count(digest.severities.errors, "sev-error"))</td>"
                body += "<td class=\"num\">\(count(digest.severities.warnings, "sev-warning"))</td>"
                body += "<td class=\"num\">\(digest.severities.notes)</td><td>"
                if let drop = digest.largestDrop {
                    let title = digest.stages.first { $0.id == drop.stage }?.title ?? drop.stage
                    body += "\(HTMLText.escape(title)): \(Format.percent(drop.conversion))"
                } else {
                    body += "—"
                }
                body += "</td><td class=\"num\">"
                if let gap = entry.averageGap {
                    let text = Format.decimal((gap * 100).rounded() / 100, digits: 2)
                    body += gap >= DeliveryGap.threshold ? "<span class=\"bad\">⚠ \(text)</span>" : text
                } else {
                    body += "—"
                }
                body += "</td></tr>\n"
            }
            body += "</tbody></table></div>\n"
        }
        if !content.leftOut.isEmpty {
            body += "<h2 id=\"left-out\">Files left out</h2>\n<p>These files, or files they import, have errors; "
            body += "run <code>cxj check</code> on them.</p>\n<ul>\n"
            for file in content.leftOut {
                body += "<li><code>\(HTMLText.escape(file.path))</code>: \(Format.count(file.errors, "error"))</li>\n"
            }
            body += "</ul>\n"
        }
        return PageLayout(title: "Customer journeys", depth: 0, section: "Journeys").page(body)
    }

    /// A count, marked in words and colour when it is not zero.
    private func count(_ value: Int, _ kind: String) -> String {
        value == 0 ? "0" : "<span class=\"\(kind)\">\(value)</span>"
    }
}
