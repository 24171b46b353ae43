/// One journey's page: its facts, the map with the emotion curve and (on demand, with no
/// script) the customer's voice, its touchpoints, and the gap report's sections, whose
/// findings link to the line of the source that caused them.
struct JourneyPage {
    let entry: SiteContent.Entry
    let content: SiteContent

    func html() -> String {
        let digest = entry.digest
        let file = entry.file
        let journey = entry.journey
        var body = "<h1>\(HTMLText.escape(digest.title))</h1>\n<p class=\"facts\">"
        var facts: [String] = []
        if journey.persona >= 0 {
            let persona = file.catalogue.entries[Int(journey.persona)]
            facts.append("persona <a href=\"../catalogue/personas.html#\(CataloguePages.anchor(persona.kind, persona.name))\">\(HTMLText.escape(file.text(persona.label)))</a>")
        }
        if journey.owner >= 0 {
            let owner = file.catalogue.entries[Int(journey.owner)]
            facts.append("owner <a href=\"../catalogue/teams.html#\(CataloguePages.anchor(owner.kind, owner.name))\">\(HTMLText.escape(file.text(owner.label)))</a>")
        }
        if let strategy = digest.strategy { facts.append("strategy <code>\(HTMLText.escape(strategy))</code>") }
        if let page = content.sourcePage(of: digest.path) {
            facts.append("source <a href=\"../\(page)\"><code>\(HTMLText.escape(digest.path))</code></a>")
        }
        body += facts.joined(separator: " · ") + "</p>\n"
        for note in journey.notes { body += "<p>\(HTMLText.escape(file.text(note)))</p>\n" }

        body += "<nav class=\"toc\" aria-label=\"On this page\"><ul>"
        for (anchor, title) in [("map", "Journey map"), ("touchpoints", "Touchpoints"), ("report-moments", "Moments of truth"),
                                ("report-voice", "Customer's voice"), ("report-kpis", "KPIs"), ("report-opportunities", "Opportunities"),
                                ("report-findings", "Findings")] {
            body += "<li><a href=\"#\(anchor)\">\(title)</a></li>"
        }
        body += "</ul></nav>\n"

        body += "<h2 id=\"map\">Journey map</h2>\n"
        body += "<p>Stages run left to right; each column is one step of the customer. Colour and number give the step's emotion "
        body += "(−3 to +3); a double outline marks a moment of truth; a dashed red border and a ⚠ mark what nobody answers.</p>\n"
        body += "<input type=\"checkbox\" id=\"show-voice\" class=\"voice-toggle\"><label class=\"voice-label\" for=\"show-voice\">"
        body += "Show the customer's voice (thinks, needs, pain, info) under each step</label>\n"
        body += "<div class=\"map-scroll\">\n" + JourneyMap(entry: entry).html() + "</div>\n"

        body += "<h2 id=\"touchpoints\">Touchpoints</h2>\n"
        body += touchpoints()

        let report = HTMLReport(headingOffset: 0, idPrefix: "report-", link: { content.link(to: $0.path, line: $0.line) },
                                skipsTitle: true, codeLink: { name in
                                    Code(lookup: name).map { "../rules/\($0.id).html" }
                                })
        body += report.html(ReportBuilder.document(digest, diagrams: false))
        return PageLayout(title: digest.title, depth: 1, section: "Journeys").page(body)
    }

    private func touchpoints() -> String {
        let file = entry.file
        let journey = entry.journey
        guard !journey.touchpoints.isEmpty else { return "<p>No touchpoint: the strands never meet.</p>\n" }
        var out = "<div class=\"table\"><table>\n<thead><tr><th scope=\"col\">stage</th><th scope=\"col\">customer steps</th>"
        out += "<th scope=\"col\">answered by</th><th scope=\"col\">via</th><th class=\"num\" scope=\"col\">claimed</th>"
        out += "<th class=\"num\" scope=\"col\">perceived</th><th class=\"num\" scope=\"col\">gap</th></tr></thead>\n<tbody>\n"
        for index in entry.order.touchpoints {
            let touchpoint = journey.touchpoints[Int(index)]
            let stage = touchpoint.stage >= 0 ? HTMLText.escape(file.text(journey.stages[Int(touchpoint.stage)].title)) : "journey"
            let steps = journey.steps(of: touchpoint).map { step in
                "<a href=\"#step-\(HTMLText.slug(file.name(journey.steps[Int(step)].id)))\">\(HTMLText.escape(file.text(journey.steps[Int(step)].label)))</a>"
            }.joined(separator: ", ")
            let actions = journey.actions(of: touchpoint).map { action in
                "<a href=\"#action-\(HTMLText.slug(file.name(journey.actions[Int(action)].id)))\">\(HTMLText.escape(file.text(journey.actions[Int(action)].label)))</a>"
            }.joined(separator: ", ")
            let via = touchpoint.via >= 0 ? HTMLText.escape(file.text(file.catalogue.entries[Int(touchpoint.via)].label)) : "—"
            var gap = "—"
            if let value = touchpoint.deliveryGap {
                let text = Format.decimal(value, digits: 2)
                gap = value >= DeliveryGap.threshold ? "<span class=\"bad\">⚠ \(text)</span>" : text
            }
            out += "<tr><td>\(stage)</td><td>\(steps)</td><td>\(actions)</td><td>\(via)</td>"
            out += "<td class=\"num\">\(touchpoint.claimed.map { Format.decimal($0, digits: 2) } ?? "—")</td>"
            out += "<td class=\"num\">\(touchpoint.perceived.map { Format.decimal($0, digits: 2) } ?? "—")</td><td class=\"num\">\(gap)</td></tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }
}
