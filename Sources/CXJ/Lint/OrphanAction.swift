/// CXJ202: a frontstage action that answers no customer step.
enum OrphanAction: GapRule {
    static let code = Code.orphanAction

    static func check(_ context: LintContext, into findings: inout [Finding]) {
        for (index, action) in context.journey.actions.enumerated()
        where action.layer == .frontstage && !context.facts.isActionPaired[index] {
            let name = context.name(action.id)
            let diagnostic = Diagnostic(
                code, "frontstage action `\(name)` answers no customer step", at: action.location,
                label: "in no touchpoint",
                help: "pair it with the step it answers (`touchpoint STEP <-> \(name)`), or set `layer backstage` if customers never see it")
            findings.append(context.finding(diagnostic, about: .action(Int32(index)), element: "action \(name)", scope: action.allowScope))
        }
    }

    static let documentation = CodeDocumentation(
        summary: "a frontstage action is in no touchpoint",
        meaning: """
        A frontstage action is one the customer sees. If no touchpoint pairs it with a customer \
        step, the organization strand does something visible that the customer strand does not \
        record. Backstage and support actions are exempt.
        """,
        rationale: """
        Effort the customer sees but that answers none of their steps is either missing from the \
        map (a step nobody wrote down) or waste: a campaign, a call or an email that no customer \
        need asked for.
        """,
        failing: """
        team care "Customer care"

        journey onboarding "Onboarding" {
          stage welcome "Welcome" {
            customer {
              step sign_up "Creates an account" { self-service }
            }
            organization {
              action welcome_call "Calls every new customer" { owner care }
            }
          }
        }
        """,
        fixed: """
        team care "Customer care"

        journey onboarding "Onboarding" {
          stage welcome "Welcome" {
            customer {
              step sign_up "Creates an account" { self-service }
            }
            organization {
              action welcome_call "Calls every new customer" { owner care; layer backstage }
            }
          }
        }
        """)
}
