/// CXJ206: a kpi misses its target.
enum KPIOffTarget: GapRule {
    static let code = Code.kpiOffTarget

    static func check(_ context: LintContext, into findings: inout [Finding]) {
        for (index, kpi) in context.journey.kpis.enumerated() where kpi.missesTarget == true {
            guard let actual = kpi.actual, let target = kpi.target, let comparison = kpi.comparison else { continue }
            let name = context.name(kpi.id)
            let actualText = Format.decimal(actual.value, digits: 2) + actual.unit.spelling
            let targetText = "\(comparison.spelling) " + Format.decimal(target.value, digits: 2) + target.unit.spelling
            var secondary: [Diagnostic.Label] = []
            if let location = kpi.targetLocation { secondary.append(.init(location, "target \(targetText)")) }
            if let location = kpi.actualLocation { secondary.append(.init(location, "actual \(actualText)")) }
            let diagnostic = Diagnostic(
                code, "kpi `\(name)` misses its target: actual \(actualText), target \(targetText)", at: kpi.location,
                label: "off target", secondary: secondary)
            findings.append(context.finding(diagnostic, about: .kpi(Int32(index)), element: "kpi \(name)", scope: kpi.allowScope))
        }
    }

    static let documentation = CodeDocumentation(
        summary: "a kpi's actual value misses its target",
        meaning: """
        A kpi with `target >= VALUE` misses when its `actual` is lower; with `target <= VALUE`, \
        when its `actual` is higher. Durations are compared in seconds, so `36h` misses `<= 1d`.
        """,
        rationale: """
        A kpi beside the journey ties the experience to the number the business watches. When it \
        is off target, the stage it belongs to is where to look first.
        """,
        failing: """
        journey support "Support request" {
          stage answer "Gets an answer" {
            kpi first_reply "Time to first reply" { actual 36h; target <= 1d }
          }
        }
        """,
        fixed: """
        journey support "Support request" {
          stage answer "Gets an answer" {
            kpi first_reply "Time to first reply" { actual 20h; target <= 1d }
          }
        }
        """)
}
