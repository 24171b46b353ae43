/// CXJ209: a moment of truth handled by machines alone.
enum AutomatedMomentOfTruth: GapRule {
    static let code = Code.automatedMomentOfTruth

    static func check(_ context: LintContext, into findings: inout [Finding]) {
        let journey = context.journey
        for (index, step) in journey.steps.enumerated() where step.isCritical {
            let answering = context.facts.answeringActions(index)
            guard !answering.isEmpty,
                  answering.allSatisfy({ journey.actions[Int($0)].automation?.isMachineOnly == true }) else { continue }
            let name = context.name(step.id)
            let secondary = answering.map { index -> Diagnostic.Label in
                let action = journey.actions[Int(index)]
                return .init(action.location, "`\(context.name(action.id))` is `\(action.automation?.spelling ?? "automated")`")
            }
            let diagnostic = Diagnostic(
                code, "critical step `\(name)` is answered only by automated actions", at: step.location,
                label: "a moment of truth with no person in it", secondary: secondary,
                help: "pair it with an action a person takes part in (`automation manual` or `assisted`)")
            findings.append(context.finding(diagnostic, about: .step(Int32(index)), element: "step \(name)", scope: step.allowScope))
        }
    }

    static let documentation = CodeDocumentation(
        summary: "a critical step is answered only by `automated` or `ai` actions",
        meaning: """
        A `critical` step is a moment of truth. When every action that answers it is `automated` \
        or `ai`, no person takes part in it.
        """,
        rationale: """
        Automation scales care to millions of interactions, but moments of truth are where \
        empathy decides whether a customer stays. A bot alone at such a moment is a risk worth \
        reviewing; when it is deliberate, say why with `allow`.
        """,
        failing: """
        team care "Customer care"

        journey claim "Insurance claim" {
          stage report "Reports the accident" {
            customer {
              step file_claim "Files the claim after the accident" { critical; emotion -1 }
            }
            organization {
              action bot_intake "Chatbot takes the claim" { owner care; automation ai }
            }
            touchpoint file_claim <-> bot_intake
          }
        }
        """,
        fixed: """
        team care "Customer care"

        journey claim "Insurance claim" {
          stage report "Reports the accident" {
            customer {
              step file_claim "Files the claim after the accident" { critical; emotion -1 }
            }
            organization {
              action bot_intake "Chatbot takes the claim" { owner care; automation ai }
              action adjuster_call "Adjuster calls within the hour" { owner care; automation manual }
            }
            touchpoint file_claim <-> bot_intake, adjuster_call
          }
        }
        """)
}
