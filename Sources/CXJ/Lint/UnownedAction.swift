/// CXJ207: a frontstage action nobody owns.
enum UnownedAction: GapRule {
    static let code = Code.unownedAction

    static func check(_ context: LintContext, into findings: inout [Finding]) {
        for (index, action) in context.journey.actions.enumerated() where action.layer == .frontstage && action.owner < 0 {
            let name = context.name(action.id)
            let diagnostic = Diagnostic(
                code, "frontstage action `\(name)` has no owner", at: action.location, label: "owned by no team",
                help: "add `owner TEAM` to the action, naming the team that answers for it")
            findings.append(context.finding(diagnostic, about: .action(Int32(index)), element: "action \(name)", scope: action.allowScope))
        }
    }

    static let documentation = CodeDocumentation(
        summary: "a frontstage action has no owner",
        meaning: "A frontstage action, one the customer sees, names no `owner` team.",
        rationale: """
        "The customer is the customer, not marketing's customer or service's customer." Silos \
        show up as actions nobody owns: when the moment goes wrong, no team is accountable for it.
        """,
        failing: """
        journey late_order "Late order" {
          stage worry "Order is late" {
            customer {
              step tweet "Tweets about the late order"
            }
            organization {
              action listen "Someone picks up the tweet"
            }
            touchpoint tweet <-> listen
          }
        }
        """,
        fixed: """
        team care "Customer care"

        journey late_order "Late order" {
          stage worry "Order is late" {
            customer {
              step tweet "Tweets about the late order"
            }
            organization {
              action listen "Care agent picks up the tweet" { owner care }
            }
            touchpoint tweet <-> listen
          }
        }
        """)
}
