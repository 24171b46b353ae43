/// The parts of the digest that speak for the customer: moments of truth, the customer's own
/// words at the low points, the kpis, and the opportunities in the order to take them.
extension JourneyDigest {
    /// One action that answers a step, as a reader needs it: who does what, how, and how well.
    struct Answer {
        var label: String
        var id: String
        var owner: String?
        var automation: String?
        var channel: String?
    }

    /// A critical step and how the organization answers it.
    struct MomentRow {
        var label: String
        var id: String
        var stageTitle: String
        var emotion: Int?
        var answers: [Answer]
        var isSelfService: Bool
        /// The largest delivery gap among the touchpoints that pair the step.
        var gap: Double?
    }

    /// A step where the customer's words matter most: a low point or a critical step.
    struct VoiceRow {
        var label: String
        var id: String
        var stageTitle: String
        var emotion: Int?
        var isCritical: Bool
        var isLowPoint: Bool
        var thinks: [String]
        var needs: [String]
        var pain: [String]
        var info: [String]
    }

    struct KPIRow {
        var label: String
        var id: String
        var stageTitle: String?
        var actual: String?
        var target: String?
        /// nil when actual or target is missing.
        var missesTarget: Bool?
    }

    /// A step with emotion at or below this is a low point (the same line as `unaddressed-low-point`).
    static let lowPoint = -2

    static func momentsAndVoices(_ file: CheckedFile, _ journey: Journey, _ facts: JourneyFacts) -> ([MomentRow], [VoiceRow]) {
        func label(_ entry: Int32) -> String? { entry >= 0 ? file.text(file.catalogue.entries[Int(entry)].label) : nil }
        var largestGap = [Double?](filling: nil, count: journey.steps.count)
        for touchpoint in journey.touchpoints {
            guard let gap = touchpoint.deliveryGap else { continue }
            for step in journey.steps(of: touchpoint) where largestGap[Int(step)].map({ gap > $0 }) ?? true {
                largestGap[Int(step)] = gap
            }
        }
        var moments: [MomentRow] = []
        var voices: [VoiceRow] = []
        for (index, step) in journey.steps.enumerated() {
            let stageTitle = file.text(journey.stages[Int(step.stage)].title)
            let emotion = step.emotion.map(Int.init)
            if step.isCritical {
                let answers = facts.answeringActions(index).map { actionIndex -> Answer in
                    let action = journey.actions[Int(actionIndex)]
                    return Answer(label: file.text(action.label), id: file.name(action.id), owner: label(action.owner),
                                  automation: action.automation?.spelling, channel: label(action.channel))
                }
                moments.append(MomentRow(label: file.text(step.label), id: file.name(step.id), stageTitle: stageTitle, emotion: emotion,
                                         answers: answers, isSelfService: step.isSelfService, gap: largestGap[index]))
            }
            let isLowPoint = (emotion ?? 0) <= lowPoint
            guard step.isCritical || isLowPoint else { continue }
            func words(_ kind: TextKind) -> [String] { journey.texts(step.texts, of: kind).map(file.text) }
            voices.append(VoiceRow(label: file.text(step.label), id: file.name(step.id), stageTitle: stageTitle, emotion: emotion,
                                   isCritical: step.isCritical, isLowPoint: isLowPoint, thinks: words(.thinks),
                                   needs: words(.needs), pain: words(.pain), info: words(.info)))
        }
        return (moments, voices)
    }

    static func kpiRows(_ file: CheckedFile, _ journey: Journey) -> [KPIRow] {
        func measure(_ value: Measure) -> String { Format.decimal(value.value, digits: 2) + value.unit.spelling }
        return journey.kpis.map { kpi in
            KPIRow(label: file.text(kpi.label), id: file.name(kpi.id),
                   stageTitle: kpi.stage >= 0 ? file.text(journey.stages[Int(kpi.stage)].title) : nil,
                   actual: kpi.actual.map(measure),
                   target: kpi.target.map { (kpi.comparison.map { $0.spelling + " " } ?? "") + measure($0) },
                   missesTarget: kpi.missesTarget)
        }
    }

    /// Opportunities by impact (high first, unknown last), then effort (low first, unknown
    /// last), then source order.
    static func ranked(_ opportunities: [OpportunityRow]) -> [OpportunityRow] {
        func impact(_ spelling: String?) -> Int { ["high": 0, "medium": 1, "low": 2][spelling ?? ""] ?? 3 }
        func effort(_ spelling: String?) -> Int { ["low": 0, "medium": 1, "high": 2][spelling ?? ""] ?? 3 }
        return opportunities.enumerated().sorted { left, right in
            let a = (impact(left.element.impact), effort(left.element.effort), left.offset)
            let b = (impact(right.element.impact), effort(right.element.effort), right.offset)
            return a < b
        }.map { $0.element }
    }
}
