/// CXJ213: a catalogue entry that the file's journeys never use.
enum UnusedDeclaration: GapRule {
    static let code = Code.unusedDeclaration

    static func checkFile(_ file: CheckedFile, into findings: inout [Finding]) {
        guard file.hasJourneys else { return }
        var used = [Bool](repeating: false, count: file.catalogue.entries.count)
        func use(_ index: Int32) {
            if index >= 0 { used[Int(index)] = true }
        }
        for journey in file.journeys {
            use(journey.persona)
            use(journey.owner)
            for step in journey.steps { use(step.channel) }
            for action in journey.actions {
                use(action.owner)
                use(action.channel)
                for system in journey.uses(of: action) { use(system) }
            }
            for touchpoint in journey.touchpoints { use(touchpoint.via) }
            for opportunity in journey.opportunities { use(opportunity.owner) }
        }
        // A team that owns a used system is used through it.
        for (index, entry) in file.catalogue.entries.enumerated() where entry.kind == .system && used[index] {
            use(entry.owner)
        }
        for (index, entry) in file.catalogue.entries.enumerated()
        where !used[index] && entry.location.file == file.fileIndex {
            let diagnostic = Diagnostic(
                code, "\(entry.kind.noun) `\(entry.name)` is declared but no journey in this file uses it",
                at: entry.location, label: "unused",
                help: "remove it, or move it to a shared catalogue file that journeys import")
            var finding = Finding(diagnostic: diagnostic, journey: -1, subject: .catalogue(Int32(index)), allowScope: entry.allowScope)
            finding.diagnostic.element = "\(entry.kind.noun) \(entry.name)"
            findings.append(finding)
        }
    }

    static let documentation = CodeDocumentation(
        summary: "a catalogue entry is used by no journey of the file that declares it",
        meaning: """
        In a file that holds at least one journey, a persona, channel, team or system declared in \
        that file must be used by one of its journeys. Files that hold only a catalogue are \
        exempt: their entries are meant for importers. A team that owns a used system counts as used.
        """,
        rationale: """
        Stale catalogue entries make maps lie about who is involved. A team declared beside a \
        journey but never given an action is either missing from the organization strand or \
        should go.
        """,
        failing: """
        team care "Customer care"
        team finance "Finance"

        journey late_order "Late order" {
          owner care
          stage worry "Order is late" {
            customer {
              step tweet "Tweets about the late order" { self-service }
            }
          }
        }
        """,
        fixed: """
        team care "Customer care"

        journey late_order "Late order" {
          owner care
          stage worry "Order is late" {
            customer {
              step tweet "Tweets about the late order" { self-service }
            }
          }
        }
        """)
}
