/// CXJ204: the company claims more than customers perceive.
enum DeliveryGap: GapRule {
    static let code = Code.deliveryGap
    /// The smallest gap reported; a small tolerance absorbs decimal rounding (4.3 − 3.3).
    static let threshold = 1.0 - 1e-9

    static func check(_ context: LintContext, into findings: inout [Finding]) {
        for (index, touchpoint) in context.journey.touchpoints.enumerated() {
            guard let gap = touchpoint.deliveryGap, gap >= threshold,
                  let claimed = touchpoint.claimed, let perceived = touchpoint.perceived else { continue }
            let name = context.describe(touchpoint)
            let secondary: [Diagnostic.Label] = [
                .value(of: .claimed, in: touchpoint.statement, "the company claims \(Format.decimal(claimed, digits: 2))"),
                .value(of: .perceived, in: touchpoint.statement, "customers perceive \(Format.decimal(perceived, digits: 2))"),
            ]
            let diagnostic = Diagnostic(
                code, "delivery gap of \(Format.decimal(gap, digits: 2)) at touchpoint `\(name)`", at: touchpoint.location,
                label: "claimed \(Format.decimal(claimed, digits: 2)), perceived \(Format.decimal(perceived, digits: 2))",
                secondary: secondary,
                help: "close the gap, or record the plan as an `opportunity` that addresses the paired step")
            findings.append(context.finding(diagnostic, about: .touchpoint(Int32(index)), element: "touchpoint \(name)", scope: touchpoint.allowScope))
        }
    }

    static let documentation = CodeDocumentation(
        summary: "a touchpoint's claimed quality exceeds its perceived quality by 1 or more",
        meaning: """
        `claimed` is how well the company believes it delivers at a touchpoint, and `perceived` how \
        well customers say it delivers, both from 1 to 5. When the claim exceeds the perception by \
        1.0 or more, the touchpoint has a delivery gap.
        """,
        rationale: """
        Bain & Company found that 80% of companies believe they deliver a superior experience, \
        while only 8% of their customers agree. The delivery gap is where that belief is tested \
        touchpoint by touchpoint; a large one means the company is optimizing what it thinks, not \
        what customers feel.
        """,
        failing: """
        channel store "Flagship store" { kind physical }
        team floor "Store floor staff"

        journey black_friday "Black Friday visit" {
          stage checkout "Checkout" {
            customer {
              step queue "Queues to pay" { channel store }
            }
            organization {
              action tills "Opens every till" { owner floor; channel store }
            }
            touchpoint queue <-> tills { via store; claimed 4.5; perceived 2 }
          }
        }
        """,
        fixed: """
        channel store "Flagship store" { kind physical }
        team floor "Store floor staff"

        journey black_friday "Black Friday visit" {
          stage checkout "Checkout" {
            customer {
              step queue "Queues to pay" { channel store }
            }
            organization {
              action tills "Opens every till" { owner floor; channel store }
            }
            touchpoint queue <-> tills { via store; claimed 4.5; perceived 4 }
          }
        }
        """)
}
