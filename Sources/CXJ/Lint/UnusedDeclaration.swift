/// CXJ213: a catalogue entry that the file's journeys never use.
enum UnusedDeclaration: GapRule {
    static let code = Code.unusedDeclaration

    static func checkFile(_ file: CheckedFile, into findings: inout [Finding]) {
        guard file.hasJourneys else { return }
        var used = [Bool](filling: false, count: file.catalogue.entries.count)
        // Through pointers, the flags too: a copy of each element, a slice per action and a
        // nested function writing a captured array took 1.7 ms on a dense 20 MB journey.
        used.withUnsafeMutableBufferPointer { used in
            @inline(__always) func use(_ index: Int32) {
                if index >= 0 { used[Int(index)] = true }
            }
            for journey in file.journeys {
                use(journey.persona)
                use(journey.owner)
                journey.steps.withUnsafeBufferPointer { steps in
                    for index in steps.indices { use(steps[index].channel) }
                }
                journey.actions.withUnsafeBufferPointer { actions in
                    journey.systemPool.withUnsafeBufferPointer { systems in
                        for index in actions.indices {
                            use(actions[index].owner)
                            use(actions[index].channel)
                            for position in actions[index].systems { use(systems[Int(position)]) }
                        }
                    }
                }
                journey.touchpoints.withUnsafeBufferPointer { touchpoints in
                    for index in touchpoints.indices { use(touchpoints[index].via) }
                }
                for opportunity in journey.opportunities { use(opportunity.owner) }
            }
        }
        // A team that owns a used system is used through it.
        for (index, entry) in file.catalogue.entries.enumerated() where entry.kind == .system && used[index] {
            if entry.owner >= 0 { used[Int(entry.owner)] = true }
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
