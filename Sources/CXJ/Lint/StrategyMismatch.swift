/// CXJ210: the declared connected strategy has no action where it works.
enum StrategyMismatch: GapRule {
    static let code = Code.strategyMismatch

    static func check(_ context: LintContext, into findings: inout [Finding]) {
        let journey = context.journey
        guard let strategy = journey.strategy, let location = journey.strategyLocation else { return }
        let needsMachine = strategy == .automaticExecution
        let satisfied = journey.actions.contains { action in
            journey.stages[Int(action.stage)].phase == strategy.phase
                && (!needsMachine || action.automation?.isMachineOnly == true)
        }
        guard !satisfied else { return }
        let what = needsMachine ? "no `automated` or `ai` organization action" : "no organization action"
        let diagnostic = Diagnostic(
            code, "strategy `\(strategy.spelling)` works in the `\(strategy.phase.spelling)` phase, but \(what) is in a `\(strategy.phase.spelling)` stage",
            at: location, label: "declared here",
            help: "add such an action to a `\(strategy.phase.spelling)` stage, or declare the strategy the journey really follows")
        findings.append(context.finding(diagnostic, about: .journey, element: "journey \(context.name(journey.id))", scope: journey.allowScope))
    }

    static let documentation = CodeDocumentation(
        summary: "the declared strategy has no organization action in the phase it works on",
        meaning: """
        Each connected strategy (Siggelkow & Terwiesch) works on one phase of the journey: \
        respond-to-desire on `respond`, curated-offering on `request`, coach-behavior on \
        `recognize`, and automatic-execution on `recognize` with an `automated` or `ai` action. \
        The rule fires when the journey declares a strategy but no action sits in that phase.
        """,
        rationale: """
        A strategy the map does not carry out is a slide, not a strategy. If the journey claims to \
        coach behaviour, the organization must act where needs are recognized.
        """,
        failing: """
        team care "Customer care"

        journey marathon "Marathon gear rescue" {
          strategy coach-behavior
          stage deliver "Delivered to the hotel" {
            phase respond
            customer {
              step receive "Receives the shoes" { self-service }
            }
            organization {
              action ship "Ships to the hotel" { owner care; layer backstage }
            }
          }
        }
        """,
        fixed: """
        team care "Customer care"

        journey marathon "Marathon gear rescue" {
          strategy coach-behavior
          stage worry "Learns about the cold" {
            phase recognize
            customer {
              step learn "Learns race day will be cold"
            }
            organization {
              action advise "Agent suggests layers" { owner care }
            }
            touchpoint learn <-> advise
          }
        }
        """)
}
