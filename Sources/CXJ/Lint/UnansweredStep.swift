/// CXJ201: a customer step that no organization action answers.
enum UnansweredStep: GapRule {
    static let code = Code.unansweredStep

    static func check(_ context: LintContext, into findings: inout [Finding]) {
        let journey = context.journey
        for (index, step) in journey.steps.enumerated() where !context.facts.isPaired[index] && !step.isSelfService {
            let name = context.name(step.id)
            let stage = journey.stages[Int(step.stage)]
            var diagnostic = Diagnostic(
                code, "customer step `\(name)` is in no touchpoint", at: step.location,
                label: "nothing on the organization strand answers this step",
                severity: step.isCritical ? .error : .warning)
            if step.isCritical {
                diagnostic.notes = ["`\(name)` is marked `critical`: an unanswered moment of truth is an error"]
            }
            let frontstage = stage.actions.first { journey.actions[Int($0)].layer == .frontstage }
            if let action = frontstage ?? stage.actions.first {
                diagnostic.help = "pair it with the action that answers it, such as `touchpoint \(name) <-> \(context.name(journey.actions[Int(action)].id))`, or mark it `self-service` if the customer handles it alone on purpose"
            } else {
                diagnostic.help = "pair it with an action in a touchpoint (`touchpoint \(name) <-> ACTION`), or mark it `self-service` if the customer handles it alone on purpose"
            }
            findings.append(context.finding(diagnostic, about: .step(Int32(index)), element: "step \(name)", scope: step.allowScope))
        }
    }

    static let documentation = CodeDocumentation(
        summary: "a customer step is in no touchpoint",
        meaning: """
        Every customer step should meet the organization strand: some touchpoint pairs it with the \
        action that answers it. A step that is in no touchpoint and is not marked `self-service` is \
        unanswered. It is a warning, and an error when the step is `critical` (a moment of truth).
        """,
        rationale: """
        An unanswered step is where a customer acts, worries or asks, and nobody in the company is \
        set up to respond. These are the moments that turn into complaints and churn; the marathon \
        runner tweeting about late shoes is one until someone in care picks up the tweet.
        """,
        failing: """
        team care "Customer care"

        journey late_order "Late order" {
          stage worry "Order is late" {
            customer {
              step tweet "Tweets that the shoes have not arrived" { critical }
            }
            organization {
              action listen "Care agent picks up the tweet" { owner care }
            }
          }
        }
        """,
        fixed: """
        team care "Customer care"

        journey late_order "Late order" {
          stage worry "Order is late" {
            customer {
              step tweet "Tweets that the shoes have not arrived" { critical }
            }
            organization {
              action listen "Care agent picks up the tweet" { owner care }
            }
            touchpoint tweet <-> listen
          }
        }
        """)
}
