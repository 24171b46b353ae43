/// CXJ205: a stage converts less than its target.
enum FunnelLeak: GapRule {
    static let code = Code.funnelLeak

    static func check(_ context: LintContext, into findings: inout [Finding]) {
        let stages = context.journey.stages
        for (index, stage) in stages.enumerated() {
            guard let target = stage.targetConversion, let conversion = context.facts.conversion[index],
                  conversion < target - 1e-12 else { continue }
            let previous = stages[context.facts.previousReachStage[index]]
            let name = context.name(stage.id)
            var secondary: [Diagnostic.Label] = []
            if let location = stage.targetConversionLocation {
                secondary.append(.init(location, "target \(Format.percent(target))"))
            }
            if let location = previous.reachLocation {
                secondary.append(.init(location, "stage `\(context.name(previous.id))` reaches \(previous.reach ?? 0)"))
            }
            let diagnostic = Diagnostic(
                code, "stage `\(name)` converts \(Format.percent(conversion)) of stage `\(context.name(previous.id))`, below its target of \(Format.percent(target))",
                at: stage.location, label: "reach \(stage.reach ?? 0) of \(previous.reach ?? 0)",
                secondary: secondary,
                help: "find where customers drop out between the two stages, and record the fix as an `opportunity` that addresses `\(name)`")
            findings.append(context.finding(diagnostic, about: .stage(Int32(index)), element: "stage \(name)", scope: stage.allowScope))
        }
    }

    static let documentation = CodeDocumentation(
        summary: "a stage's conversion from the previous stage is below its target",
        meaning: """
        A stage's conversion is its `reach` divided by the `reach` of the nearest earlier stage \
        that has one. When that share is below the stage's `target-conversion`, the funnel leaks \
        there.
        """,
        rationale: """
        Sawhney's advice is to start with the leaks in the customer funnel: the places where you \
        visibly let customers down. A freemium product where few free users become paying ones \
        has its leak between trial and purchase; naming the stage puts a number on the problem.
        """,
        failing: """
        journey freemium "Free to paid" {
          stage trial "Uses the free plan" {
            reach 100_000
          }
          stage upgrade "Upgrades to a paid plan" {
            reach 2_100
            target-conversion 5%
          }
        }
        """,
        fixed: """
        journey freemium "Free to paid" {
          stage trial "Uses the free plan" {
            reach 100_000
          }
          stage upgrade "Upgrades to a paid plan" {
            reach 5_600
            target-conversion 5%
          }
        }
        """)
}
