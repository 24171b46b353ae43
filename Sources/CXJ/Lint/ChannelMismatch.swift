/// CXJ208: a touchpoint happens through another channel than its steps.
enum ChannelMismatch: GapRule {
    static let code = Code.channelMismatch

    static func check(_ context: LintContext, into findings: inout [Finding]) {
        let journey = context.journey
        // Most touchpoints agree with their steps: they are found through pointers, and only
        // a mismatched one is described (a dense 20 MB journey: 98,632 touchpoints, 1.6 ms
        // when each was read as a copy through slices).
        journey.touchpoints.withUnsafeBufferPointer { touchpoints in
            journey.pairedSteps.withUnsafeBufferPointer { pairedSteps in
                journey.steps.withUnsafeBufferPointer { steps in
                    for index in touchpoints.indices where touchpoints[index].via >= 0 {
                        let via = touchpoints[index].via
                        var agrees = true
                        for position in touchpoints[index].steps {
                            let channel = steps[Int(pairedSteps[Int(position)])].channel
                            if channel >= 0 && channel != via { agrees = false; break }
                        }
                        if !agrees { report(index, in: context, into: &findings) }
                    }
                }
            }
        }
    }

    /// The finding of touchpoint `index`, whose channel differs from one of its steps'.
    private static func report(_ index: Int, in context: LintContext, into findings: inout [Finding]) {
        let journey = context.journey
        let touchpoint = journey.touchpoints[index]
        var secondary: [Diagnostic.Label] = []
        var mismatched: [String] = []
        for stepIndex in journey.steps(of: touchpoint) {
            let step = journey.steps[Int(stepIndex)]
            guard step.channel >= 0, step.channel != touchpoint.via else { continue }
            let stepName = context.name(step.id)
            mismatched.append("`\(stepName)`")
            secondary.append(.value(of: .channel, in: step.statement,
                                    "step `\(stepName)` happens on `\(context.catalogueName(step.channel))`"))
        }
        let via = context.catalogueName(touchpoint.via)
        let name = context.describe(touchpoint)
        let diagnostic = Diagnostic(
            code, "touchpoint `\(name)` is via `\(via)`, but step \(Suggestions.andList(mismatched)) happens on another channel",
            at: touchpoint.location, label: "via `\(via)`", secondary: [.value(of: .via, in: touchpoint.statement, "the touchpoint's channel")] + secondary,
            help: "make `via` and the step's `channel` agree, or split the touchpoint by channel")
        findings.append(context.finding(diagnostic, about: .touchpoint(Int32(index)), element: "touchpoint \(name)", scope: touchpoint.allowScope))
    }

    static let documentation = CodeDocumentation(
        summary: "a touchpoint's `via` differs from the channel of one of its steps",
        meaning: """
        A touchpoint says which channel the two strands meet through (`via`). When one of its \
        steps happens on another channel, the customer is in one place and the answer arrives in \
        another.
        """,
        rationale: """
        Channel breaks are a classic source of friction: the customer tweets and is told to call, \
        or walks into a store and is sent to the website. Sometimes that is the design; then say \
        so with `allow channel-mismatch "reason"`.
        """,
        failing: """
        channel twitter "Twitter DM" { kind digital }
        channel phone "Phone line" { kind human }
        team care "Customer care"

        journey late_order "Late order" {
          stage worry "Order is late" {
            customer {
              step tweet "Tweets about the late order" { channel twitter }
            }
            organization {
              action call_back "Care agent calls back" { owner care; channel phone }
            }
            touchpoint tweet <-> call_back { via phone }
          }
        }
        """,
        fixed: """
        channel twitter "Twitter DM" { kind digital }
        team care "Customer care"

        journey late_order "Late order" {
          stage worry "Order is late" {
            customer {
              step tweet "Tweets about the late order" { channel twitter }
            }
            organization {
              action reply "Care agent replies in the thread" { owner care; channel twitter }
            }
            touchpoint tweet <-> reply { via twitter }
          }
        }
        """)
}
