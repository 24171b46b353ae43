/// One page per kind of catalogue entry: each team with every action it owns across all
/// journeys and the handoffs it is part of; each channel and system with where it is used;
/// each persona with its journeys. Entries are matched across files by kind and name, the way
/// imports share one catalogue; they are sorted by name.
struct CataloguePages {
    let content: SiteContent

    static func anchor(_ kind: CatalogueKind, _ name: String) -> String { kind.noun + "-" + HTMLText.slug(name) }

    private struct Use {
        var journey: SiteContent.Entry
        var html: String
    }

    /// Every entry of a kind: its name, label, where it is declared, and its uses.
    private func entries(_ kind: CatalogueKind) -> [(name: String, label: String, declared: String?, uses: [Use])] {
        var order: [String] = []
        var found: [String: (label: String, declared: String?, uses: [Use])] = [:]
        for entry in content.entries {
            let file = entry.file
            for (offset, item) in file.catalogue.entries.enumerated() where item.kind == kind {
                if found[item.name] == nil {
                    order.append(item.name)
                    let path = file.sources[item.location.file].path
                    let line = file.sources[item.location.file].position(of: item.location.start).line
                    found[item.name] = (file.text(item.label), content.link(to: path, line: line).map { link in
                        "<a href=\"\(HTMLText.escape(link))\"><code>\(HTMLText.escape(path)):\(line)</code></a>"
                    }, [])
                }
                found[item.name]!.uses += uses(of: Int32(offset), kind: kind, in: entry)
            }
        }
        return order.sorted().map { (name: $0, label: found[$0]!.label, declared: found[$0]!.declared, uses: found[$0]!.uses) }
    }

    private func link(_ entry: SiteContent.Entry, _ fragment: String, _ text: String) -> String {
        "<a href=\"../\(entry.page)#\(fragment)\">\(HTMLText.escape(text))</a>"
    }

    private func uses(of catalogueIndex: Int32, kind: CatalogueKind, in entry: SiteContent.Entry) -> [Use] {
        let file = entry.file
        let journey = entry.journey
        let journeyLink = "<a href=\"../\(entry.page)\">\(HTMLText.escape(entry.digest.title))</a>"
        func stage(_ index: Int32) -> String { HTMLText.escape(file.text(journey.stages[Int(index)].title)) }
        func action(_ index: Int) -> String {
            link(entry, "action-" + HTMLText.slug(file.name(journey.actions[index].id)), file.text(journey.actions[index].label))
        }
        func step(_ index: Int) -> String {
            link(entry, "step-" + HTMLText.slug(file.name(journey.steps[index].id)), file.text(journey.steps[index].label))
        }
        var uses: [Use] = []
        switch kind {
        case .persona:
            if journey.persona == catalogueIndex {
                uses.append(Use(journey: entry, html: "<li>\(journeyLink): \(Format.count(journey.steps.count, "step")) in \(Format.count(journey.stages.count, "stage"))</li>"))
            }
        case .team:
            for (index, item) in journey.actions.enumerated() where item.owner == catalogueIndex {
                uses.append(Use(journey: entry, html: "<li>\(journeyLink) › \(stage(item.stage)) › \(action(index)) (\(item.layer.spelling))</li>"))
            }
            let name = file.catalogue.entries[Int(catalogueIndex)].name
            for handoff in entry.digest.handoffs where handoff.from.contains(name) || handoff.to.contains(name) {
                let teams = { (ids: [String]) in ids.map { HTMLText.escape(handoff.labels[$0] ?? $0) }.joined(separator: ", ") }
                let at = handoff.stage.map { " in " + HTMLText.escape($0) } ?? ""
                uses.append(Use(journey: entry, html: "<li>handoff in \(journeyLink)\(at): \(teams(handoff.from)) → \(teams(handoff.to))</li>"))
            }
        case .channel:
            for (index, item) in journey.steps.enumerated() where item.channel == catalogueIndex {
                uses.append(Use(journey: entry, html: "<li>\(journeyLink) › \(stage(item.stage)) › customer: \(step(index))</li>"))
            }
            for (index, item) in journey.actions.enumerated() where item.channel == catalogueIndex {
                uses.append(Use(journey: entry, html: "<li>\(journeyLink) › \(stage(item.stage)) › organization: \(action(index))</li>"))
            }
            let count = journey.touchpoints.filter { $0.via == catalogueIndex }.count
            if count > 0 {
                uses.append(Use(journey: entry, html: "<li>\(journeyLink): \(Format.count(count, "touchpoint")) via this channel</li>"))
            }
        case .system:
            for (index, item) in journey.actions.enumerated() where journey.uses(of: item).contains(catalogueIndex) {
                uses.append(Use(journey: entry, html: "<li>\(journeyLink) › \(stage(item.stage)) › \(action(index))</li>"))
            }
        }
        return uses
    }

    /// The pages, as (path inside the site, HTML).
    func pages() -> [(String, String)] {
        let kinds: [(CatalogueKind, String, String, String)] = [
            (.team, "Teams", "catalogue/teams.html", "Every action a team owns, across all journeys, and the handoffs it is part of."),
            (.channel, "Channels", "catalogue/channels.html", "Where each channel is used: by customers, by the organization, and by touchpoints."),
            (.system, "Systems", "catalogue/systems.html", "The actions that use each system."),
            (.persona, "Personas", "catalogue/personas.html", "The journeys each persona takes."),
        ]
        return kinds.map { kind, title, path, intro in
            var body = "<h1>\(title)</h1>\n<p class=\"facts\">\(intro)</p>\n"
            let items = entries(kind)
            if items.isEmpty { body += "<p>None declared.</p>\n" }
            if items.count > 1 {
                body += "<nav class=\"toc\" aria-label=\"\(title)\"><ul>"
                for item in items { body += "<li><a href=\"#\(CataloguePages.anchor(kind, item.name))\">\(HTMLText.escape(item.label))</a></li>" }
                body += "</ul></nav>\n"
            }
            for item in items {
                body += "<h2 id=\"\(CataloguePages.anchor(kind, item.name))\">\(HTMLText.escape(item.label)) <code>\(HTMLText.escape(item.name))</code></h2>\n"
                if let declared = item.declared { body += "<p class=\"facts\">declared in \(declared)</p>\n" }
                body += item.uses.isEmpty ? "<p>Not used by any documented journey.</p>\n"
                    : "<ul>\n" + item.uses.map { $0.html }.joined(separator: "\n") + "\n</ul>\n"
            }
            return (path, PageLayout(title: title, depth: 1, section: title).page(body))
        }
    }
}
