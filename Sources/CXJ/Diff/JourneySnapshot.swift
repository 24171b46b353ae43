/// A journey seen by name rather than by index, with every value the diff compares as text:
/// two versions of a file are compared through their snapshots.
struct JourneySnapshot {
    /// An element of a journey: its identifier, label, stage, values and pairings.
    struct Element {
        var kind: String
        var id: String
        var label: String
        var stage: String?
        /// Compared values by field, in a fixed order; nil when the source does not give it.
        var values: [(field: String, value: String?)]
        /// The ids it is paired with (steps ↔ actions), or what it addresses, sorted.
        var partners: [String]
    }

    var id: String
    var title: String
    var path: String
    var persona: String?
    var owner: String?
    var strategy: String?
    /// Stages, steps, actions, touchpoints, kpis and opportunities, in source order.
    var elements: [Element]
    var metrics: Metrics
    /// Catalogue entries this journey uses, as `kind id`.
    var uses: Set<String>

    struct Metrics: Equatable {
        var coverage: Double?
        var largestDrop: (stage: String, conversion: Double)?
        var averageGap: Double?
        var handoffs: Int
        var emotions: [Int]

        static func == (lhs: Metrics, rhs: Metrics) -> Bool {
            lhs.coverage == rhs.coverage && lhs.largestDrop?.stage == rhs.largestDrop?.stage
                && lhs.largestDrop?.conversion == rhs.largestDrop?.conversion && lhs.averageGap == rhs.averageGap
                && lhs.handoffs == rhs.handoffs && lhs.emotions == rhs.emotions
        }
    }

    init(file: CheckedFile, index: Int, path: String) {
        let journey = file.journeys[index]
        let facts = JourneyFacts(journey)
        func name(_ symbol: Int32) -> String { file.name(symbol) }
        func entry(_ index: Int32) -> String? { index >= 0 ? file.catalogue.entries[Int(index)].name : nil }
        func number(_ value: Double?) -> String? { value.map { Format.decimal($0, digits: 2) } }
        func flag(_ value: Bool) -> String? { value ? "yes" : "no" }
        func measure(_ value: Measure?) -> String? { value.map { Format.decimal($0.value, digits: 2) + $0.unit.spelling } }
        id = name(journey.id)
        title = file.text(journey.title)
        self.path = path
        persona = entry(journey.persona)
        owner = entry(journey.owner)
        strategy = journey.strategy?.spelling
        var uses = Set<String>()
        func use(_ kind: String, _ index: Int32) { if let name = entry(index) { uses.insert(kind + " " + name) } }
        use("persona", journey.persona)
        use("team", journey.owner)

        var elements: [Element] = []
        let stageName = journey.stages.map { name($0.id) }
        for (offset, stage) in journey.stages.enumerated() {
            elements.append(Element(kind: "stage", id: stageName[offset], label: file.text(stage.title), stage: nil, values: [
                ("phase", stage.phase?.spelling), ("reach", stage.reach.map { Format.grouped($0) }),
                ("target-conversion", stage.targetConversion.map { Format.percent($0) }),
                ("conversion", facts.conversion[offset].map { Format.percent($0) }),
            ], partners: []))
        }
        for (offset, step) in journey.steps.enumerated() {
            use("channel", step.channel)
            let partners = facts.answeringActions[offset].map { name(journey.actions[Int($0)].id) }.sorted()
            elements.append(Element(kind: "step", id: name(step.id), label: file.text(step.label), stage: stageName[Int(step.stage)], values: [
                ("emotion", step.emotion.map { String($0) }), ("channel", entry(step.channel)), ("critical", flag(step.isCritical)),
                ("self-service", flag(step.isSelfService)),
            ], partners: partners))
        }
        var answered = [[String]](repeating: [], count: journey.actions.count)
        for touchpoint in journey.touchpoints {
            for action in journey.actions(of: touchpoint) {
                answered[Int(action)] += journey.steps(of: touchpoint).map { name(journey.steps[Int($0)].id) }
            }
        }
        for (offset, action) in journey.actions.enumerated() {
            use("team", action.owner)
            use("channel", action.channel)
            for system in action.uses { use("system", system) }
            elements.append(Element(kind: "action", id: name(action.id), label: file.text(action.label), stage: stageName[Int(action.stage)], values: [
                ("owner", entry(action.owner)), ("channel", entry(action.channel)), ("layer", action.layer.spelling),
                ("automation", action.automation?.spelling),
            ], partners: Array(Set(answered[offset])).sorted()))
        }
        for touchpoint in journey.touchpoints {
            use("channel", touchpoint.via)
            let steps = journey.steps(of: touchpoint).map { name(journey.steps[Int($0)].id) }.sorted()
            let actions = journey.actions(of: touchpoint).map { name(journey.actions[Int($0)].id) }.sorted()
            let key = steps.joined(separator: ", ") + " <-> " + actions.joined(separator: ", ")
            elements.append(Element(kind: "touchpoint", id: key, label: key,
                                    stage: touchpoint.stage >= 0 ? stageName[Int(touchpoint.stage)] : nil, values: [
                ("via", entry(touchpoint.via)), ("claimed", number(touchpoint.claimed)), ("perceived", number(touchpoint.perceived)),
                ("delivery gap", number(touchpoint.deliveryGap)),
            ], partners: []))
        }
        for kpi in journey.kpis {
            elements.append(Element(kind: "kpi", id: name(kpi.id), label: file.text(kpi.label),
                                    stage: kpi.stage >= 0 ? stageName[Int(kpi.stage)] : nil, values: [
                ("actual", measure(kpi.actual)), ("target", kpi.comparison.map { $0.spelling + " " } .map { $0 + (measure(kpi.target) ?? "") }),
            ], partners: []))
        }
        for opportunity in journey.opportunities {
            elements.append(Element(kind: "opportunity", id: name(opportunity.id), label: file.text(opportunity.label), stage: nil, values: [
                ("kind", opportunity.kind?.spelling), ("impact", opportunity.impact?.spelling), ("effort", opportunity.effort?.spelling),
            ], partners: opportunity.addresses.map { name(journey.symbol(of: $0)) }.sorted()))
        }
        self.elements = elements
        self.uses = uses
        let gaps = journey.touchpoints.compactMap { $0.deliveryGap }
        metrics = Metrics(
            coverage: facts.coverage,
            largestDrop: facts.largestDrop.map { (stageName[$0.stage], $0.conversion) },
            averageGap: gaps.isEmpty ? nil : gaps.reduce(0, +) / Double(gaps.count),
            handoffs: facts.handoffs, emotions: facts.emotionCurve.map { $0.emotion })
    }
}
