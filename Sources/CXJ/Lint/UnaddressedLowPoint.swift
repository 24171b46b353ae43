/// CXJ212: a painful step with no plan to improve it.
enum UnaddressedLowPoint: GapRule {
    static let code = Code.unaddressedLowPoint
    /// Emotions at or below this are low points.
    static let threshold: Int8 = -2

    static func check(_ context: LintContext, into findings: inout [Finding]) {
        let journey = context.journey
        var addressedSteps = Set<Int32>()
        var addressedStages = Set<Int32>()
        for opportunity in journey.opportunities {
            for target in opportunity.addresses {
                switch target.kind {
                case .step: addressedSteps.insert(target.index)
                case .stage: addressedStages.insert(target.index)
                default: break
                }
            }
        }
        for (index, step) in journey.steps.enumerated() {
            guard let emotion = step.emotion, emotion <= threshold,
                  !addressedSteps.contains(Int32(index)), !addressedStages.contains(step.stage) else { continue }
            let name = context.name(step.id)
            let diagnostic = Diagnostic(
                code, "step `\(name)` is a low point (emotion \(emotion)) that no opportunity addresses", at: step.location,
                label: "low point", secondary: [.value(of: .emotion, in: step.statement, "emotion \(emotion)")],
                help: "add an `opportunity` with `addresses \(name)` that says how the team will improve it")
            findings.append(context.finding(diagnostic, about: .step(Int32(index)), element: "step \(name)", scope: step.allowScope))
        }
    }

    static let documentation = CodeDocumentation(
        summary: "a step with emotion −2 or lower is addressed by no opportunity",
        meaning: """
        A step whose `emotion` is −2 or −3 is a low point of the journey. It is addressed when an \
        `opportunity` lists the step, or its stage, in `addresses`.
        """,
        rationale: """
        The emotion curve's valleys are where customers decide to leave or to complain, and where \
        a fix pays back most. A low point with no opportunity is known pain with no plan.
        """,
        failing: """
        journey late_order "Late order" {
          stage worry "Order is late" {
            customer {
              step tweet "Tweets that the shoes have not arrived" { emotion -2; self-service }
            }
          }
        }
        """,
        fixed: """
        journey late_order "Late order" {
          stage worry "Order is late" {
            customer {
              step tweet "Tweets that the shoes have not arrived" { emotion -2; self-service }
            }
          }
          opportunity alerts "Proactive delay alerts" {
            addresses tweet
            kind predict
          }
        }
        """)
}
