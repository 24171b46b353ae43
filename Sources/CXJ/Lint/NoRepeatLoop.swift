/// CXJ211: the journey never comes back.
enum NoRepeatLoop: GapRule {
    static let code = Code.noRepeatLoop

    static func check(_ context: LintContext, into findings: inout [Finding]) {
        let journey = context.journey
        guard !journey.stages.isEmpty, !journey.stages.contains(where: { $0.phase == .repeat }) else { return }
        let name = context.name(journey.id)
        let diagnostic = Diagnostic(
            code, "journey `\(name)` has no `repeat` stage", at: journey.location, label: "a one-way journey",
            notes: ["connected strategies improve with each cycle: a `repeat` stage with `loops-to` shows where the next one starts"],
            help: "add a stage with `phase repeat` and `loops-to STAGE`, or `allow no-repeat-loop` for a one-off journey")
        findings.append(context.finding(diagnostic, about: .journey, element: "journey \(name)", scope: journey.allowScope))
    }

    static let documentation = CodeDocumentation(
        summary: "no stage of the journey has phase `repeat`",
        meaning: "None of the journey's stages has `phase repeat`, so the map shows a single pass, not a relationship.",
        rationale: """
        Siggelkow & Terwiesch add a fourth element to recognize, request and respond: repeat. A \
        company that learns from each interaction gets better at the next one, and that feedback \
        loop is what builds lasting advantage. A journey with no repeat stage has not designed it.
        """,
        failing: """
        journey renewal "Subscription renewal" {
          stage renew "Renews" {
            phase respond
          }
        }
        """,
        fixed: """
        journey renewal "Subscription renewal" {
          stage renew "Renews" {
            phase respond
          }
          stage next_year "Next year's renewal" {
            phase repeat
            loops-to renew
          }
        }
        """)
}
