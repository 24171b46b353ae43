/// Planned gaps (LANGUAGE.md §6): an `opportunity` that `addresses` an element is the team's
/// plan for it, so a gap finding about that element is *planned*. It is reported as a note,
/// whatever its configured severity, with a label at the opportunity, and reports list it under
/// its plan; `--deny-warnings` and `--max-warnings` then do not count it. The element is a
/// step, an action or a stage, or the finding is about a touchpoint that joins an addressed
/// step. `unaddressed-low-point` is satisfied by the opportunity itself and never fires for it.
/// With `"plannedGaps": "keep"` in `cxj.json` a planned finding keeps its severity.
enum Planning {
    static func apply(to findings: inout [Finding], in file: CheckedFile, keepSeverity: Bool) {
        var plans: [Int: [ElementRef: Int32]] = [:]
        for index in findings.indices where findings[index].journey >= 0 {
            let journeyIndex = findings[index].journey
            let journey = file.journeys[journeyIndex]
            if plans[journeyIndex] == nil {
                var byElement: [ElementRef: Int32] = [:]
                for (position, opportunity) in journey.opportunities.enumerated() {
                    for element in opportunity.addresses where byElement[element] == nil { byElement[element] = Int32(position) }
                }
                plans[journeyIndex] = byElement
            }
            guard let plan = plans[journeyIndex], !plan.isEmpty,
                  let opportunity = plannedBy(findings[index].subject, in: journey, plan: plan) else { continue }
            let name = file.name(journey.opportunities[Int(opportunity)].id)
            findings[index].plannedBy = opportunity
            if !keepSeverity { findings[index].diagnostic.severity = .note }
            findings[index].diagnostic.secondary.append(
                .init(journey.opportunities[Int(opportunity)].location, "planned: opportunity `\(name)` addresses this"))
            findings[index].diagnostic.notes.append(keepSeverity ? "this gap is planned by opportunity `\(name)`"
                                                    : "this gap is planned by opportunity `\(name)`, so it is reported as a note")
            findings[index].diagnostic.help = nil
        }
    }

    private static func plannedBy(_ subject: FindingSubject, in journey: Journey, plan: [ElementRef: Int32]) -> Int32? {
        switch subject {
        case .step(let index): return plan[ElementRef(kind: .step, index: index)]
        case .action(let index): return plan[ElementRef(kind: .action, index: index)]
        case .stage(let index): return plan[ElementRef(kind: .stage, index: index)]
        case .touchpoint(let index):
            for step in journey.steps(of: journey.touchpoints[Int(index)]) {
                if let found = plan[ElementRef(kind: .step, index: step)] { return found }
            }
            return nil
        case .journey, .kpi, .catalogue, .allow:
            return nil
        }
    }
}
