/// CXJ214: the journey's phases go backwards.
enum PhaseOrder: GapRule {
    static let code = Code.phaseOrder

    static func check(_ context: LintContext, into findings: inout [Finding]) {
        var previous: Stage? = nil
        for (index, stage) in context.journey.stages.enumerated() {
            guard let phase = stage.phase, let location = stage.phaseLocation else { continue }
            defer { previous = stage }
            guard let before = previous, let beforePhase = before.phase, phase < beforePhase else { continue }
            let name = context.name(stage.id)
            var diagnostic = Diagnostic(
                code, "stage `\(name)` goes back from `\(beforePhase.spelling)` to `\(phase.spelling)`", at: location,
                label: "an earlier phase than the stage before",
                help: "reorder the stages, or model the next cycle with a `repeat` stage and `loops-to`")
            if let beforeLocation = before.phaseLocation {
                diagnostic.secondary = [.init(beforeLocation, "stage `\(context.name(before.id))` is already in `\(beforePhase.spelling)`")]
            }
            findings.append(context.finding(diagnostic, about: .stage(Int32(index)), element: "stage \(name)", scope: stage.allowScope))
        }
    }

    static let documentation = CodeDocumentation(
        summary: "a stage's phase comes before the phase of the stage before it",
        meaning: """
        Stages should follow the connected-strategy order recognize → request → respond → repeat. \
        The rule notes a stage whose phase is earlier than that of the nearest earlier stage with \
        a phase.
        """,
        rationale: """
        A journey that jumps back is often two journeys, or a repeat cycle drawn as a straight \
        line. Either way, the map reads more clearly when phases move forward.
        """,
        failing: """
        journey renewal "Subscription renewal" {
          stage renew "Renews" {
            phase respond
          }
          stage reminder "Gets a reminder" {
            phase recognize
          }
        }
        """,
        fixed: """
        journey renewal "Subscription renewal" {
          stage reminder "Gets a reminder" {
            phase recognize
          }
          stage renew "Renews" {
            phase respond
          }
        }
        """)
}
