/// The elements of a journey that pictures single out from its findings: steps nobody answers,
/// orphan actions, and touchpoints with a delivery gap. Worked out once from the findings, for
/// the DOT diagram and the documentation site's map alike.
struct FindingMarks {
    private(set) var unansweredSteps: MarkedElements
    private(set) var orphanActions: MarkedElements
    private(set) var gapTouchpoints: MarkedElements

    init(_ file: CheckedFile, journey index: Int) {
        let journey = file.journeys[index]
        unansweredSteps = MarkedElements(count: journey.steps.count)
        orphanActions = MarkedElements(count: journey.actions.count)
        gapTouchpoints = MarkedElements(count: journey.touchpoints.count)
        for finding in file.findings where finding.journey == index {
            switch (finding.diagnostic.code, finding.subject) {
            case (.unansweredStep, .step(let step)): unansweredSteps.insert(step)
            case (.orphanAction, .action(let action)): orphanActions.insert(action)
            case (.deliveryGap, .touchpoint(let touchpoint)): gapTouchpoints.insert(touchpoint)
            default: break
            }
        }
    }
}

/// Which elements of one kind are marked, one flag per element: asked once or twice for every
/// element of a large diagram, where a `Set` hashed each time.
struct MarkedElements: Sendable {
    private var marked: [Bool]

    init(count: Int) { marked = [Bool](filling: false, count: count) }

    func contains(_ index: Int32) -> Bool { index >= 0 && Int(index) < marked.count && marked[Int(index)] }

    mutating func insert(_ index: Int32) {
        if index >= 0 && Int(index) < marked.count { marked[Int(index)] = true }
    }
}
