/// CXJ203: a stage with only one strand. A stage whose steps are all `self-service` or
/// answered by actions of other stages is not one-sided, and neither is one whose actions all
/// answer steps of other stages: nothing is missing there.
enum OneSidedStage: GapRule {
    static let code = Code.oneSidedStage

    static func check(_ context: LintContext, into findings: inout [Finding]) {
        for (index, stage) in context.journey.stages.enumerated() {
            let hasSteps = !stage.steps.isEmpty
            let hasActions = !stage.actions.isEmpty
            guard hasSteps != hasActions else { continue }
            if hasSteps && stage.steps.allSatisfy({ context.journey.steps[Int($0)].isSelfService
                                                    || !context.facts.answeringActions(Int($0)).isEmpty }) { continue }
            if hasActions && stage.actions.allSatisfy({ context.facts.isActionPaired[Int($0)] }) { continue }
            let name = context.name(stage.id)
            let diagnostic: Diagnostic
            if hasSteps {
                diagnostic = Diagnostic(
                    code, "stage `\(name)` has customer steps but no organization actions", at: stage.location,
                    label: "only the customer strand is here",
                    help: "add an `organization { … }` block with the actions that answer these steps")
            } else {
                diagnostic = Diagnostic(
                    code, "stage `\(name)` has organization actions but no customer steps", at: stage.location,
                    label: "only the organization strand is here",
                    help: "add a `customer { … }` block with what the customer does in this stage")
            }
            findings.append(context.finding(diagnostic, about: .stage(Int32(index)), element: "stage \(name)", scope: stage.allowScope))
        }
    }

    static let documentation = CodeDocumentation(
        summary: "a stage has only one of the two strands",
        meaning: """
        A stage where the customer acts but the organization does nothing, or where the \
        organization acts but no customer step is recorded, has only one strand of the helix. A \
        stage whose steps are all `self-service` or answered by actions of other stages is not \
        one-sided, nor is one whose actions all answer steps of other stages.
        """,
        rationale: """
        A journey map earns its keep where the two strands meet. A stage with one strand is either \
        unfinished research or a real blind spot: customers on their own with nobody watching, or \
        internal work with no customer outcome.
        """,
        failing: """
        journey renewal "Subscription renewal" {
          stage reminder "Renewal reminder" {
            customer {
              step notice "Notices the renewal date"
            }
          }
        }
        """,
        fixed: """
        team billing "Billing"

        journey renewal "Subscription renewal" {
          stage reminder "Renewal reminder" {
            customer {
              step notice "Notices the renewal date"
            }
            organization {
              action remind "Sends a renewal reminder" { owner billing }
            }
            touchpoint notice <-> remind
          }
        }
        """)
}
