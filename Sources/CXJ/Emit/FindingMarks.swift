/// The elements of a journey that pictures single out from its findings: steps nobody answers,
/// orphan actions, and touchpoints with a delivery gap. Worked out once from the findings, for
/// the DOT diagram and the documentation site's map alike.
struct FindingMarks {
    private(set) var unansweredSteps = Set<Int32>()
    private(set) var orphanActions = Set<Int32>()
    private(set) var gapTouchpoints = Set<Int32>()

    init(_ file: CheckedFile, journey index: Int) {
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
