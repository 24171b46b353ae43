/// A journey seen by name rather than by index: two versions of a file are compared through
/// their snapshots. Labels, pairings and the text of values are produced only when the diff
/// needs them (for an element that changed), so a large journey with few changes is cheap.
struct JourneySnapshot: Sendable {
    /// A value the diff compares, kept raw and printed only when it changed.
    enum Value: Equatable, Sendable {
        case none
        case text(String)
        case number(Double)
        case percent(Double)
        case count(Int)
        case flag(Bool)
        case measure(Double, NumberUnit)

        var text: String? {
            switch self {
            case .none: return nil
            case .text(let text): return text
            case .number(let value): return Format.decimal(value, digits: 2)
            case .percent(let value): return Format.percent(value)
            case .count(let value): return Format.grouped(value)
            case .flag(let value): return value ? "yes" : "no"
            case .measure(let value, let unit): return Format.decimal(value, digits: 2) + unit.spelling
            }
        }

        var numeric: Double? {
            switch self {
            case .number(let value), .percent(let value), .measure(let value, _): return value
            case .count(let value): return Double(value)
            default: return nil
            }
        }
    }

    /// An element of a journey: its kind, identifier, stage, and values in a fixed order.
    struct Element: Sendable {
        var kind: String
        var id: String
        var stage: String?
        /// Where its label is, in `file`; touchpoints have none.
        var labelRef: TextRef?
        var fields: [String]
        var values: [Value]
        /// For steps and actions: the index in the journey, to find their pairings on demand.
        var index: Int32 = -1
        /// For a touchpoint: its steps and its actions, sorted.
        var sides: (steps: [String], actions: [String])? = nil
        /// For an opportunity: what it addresses, sorted.
        var addresses: [String] = []
    }

    let file: CheckedFile
    let journey: Journey
    let facts: JourneyFacts
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

    struct Metrics: Equatable, Sendable {
        var coverage: Double?
        var largestDropStage: String?
        var largestDrop: Double?
        var averageGap: Double?
        var handoffs: Int
        var emotions: [Int]
    }

    init(file: CheckedFile, index: Int, path: String) {
        let journey = file.journeys[index]
        let facts = JourneyFacts(journey)
        self.file = file
        self.journey = journey
        self.facts = facts
        func name(_ symbol: Int32) -> String { file.name(symbol) }
        func entry(_ index: Int32) -> Value { index >= 0 ? .text(file.catalogue.entries[Int(index)].name) : .none }
        func number(_ value: Double?) -> Value { value.map { .number($0) } ?? .none }
        id = name(journey.id)
        title = file.text(journey.title)
        self.path = path
        persona = journey.persona >= 0 ? file.catalogue.entries[Int(journey.persona)].name : nil
        owner = journey.owner >= 0 ? file.catalogue.entries[Int(journey.owner)].name : nil
        strategy = journey.strategy?.spelling
        var usedEntries = Set<Int32>()
        usedEntries.insert(journey.persona)
        usedEntries.insert(journey.owner)

        var elements: [Element] = []
        elements.reserveCapacity(journey.stages.count + journey.steps.count + journey.actions.count + journey.touchpoints.count)
        let stageName = journey.stages.map { name($0.id) }
        for (offset, stage) in journey.stages.enumerated() {
            elements.append(Element(kind: "stage", id: stageName[offset], stage: nil, labelRef: stage.title,
                                    fields: JourneySnapshot.stageFields,
                                    values: [stage.phase.map { .text($0.spelling) } ?? .none, stage.reach.map { .count($0) } ?? .none,
                                             stage.targetConversion.map { .percent($0) } ?? .none,
                                             facts.conversion[offset].map { .percent($0) } ?? .none]))
        }
        for (offset, step) in journey.steps.enumerated() {
            usedEntries.insert(step.channel)
            elements.append(Element(kind: "step", id: name(step.id), stage: stageName[Int(step.stage)], labelRef: step.label,
                                    fields: JourneySnapshot.stepFields,
                                    values: [step.emotion.map { .number(Double($0)) } ?? .none, entry(step.channel),
                                             .flag(step.isCritical), .flag(step.isSelfService)],
                                    index: Int32(offset)))
        }
        for (offset, action) in journey.actions.enumerated() {
            usedEntries.insert(action.owner)
            usedEntries.insert(action.channel)
            for system in journey.uses(of: action) { usedEntries.insert(system) }
            elements.append(Element(kind: "action", id: name(action.id), stage: stageName[Int(action.stage)], labelRef: action.label,
                                    fields: JourneySnapshot.actionFields,
                                    values: [entry(action.owner), entry(action.channel), .text(action.layer.spelling),
                                             action.automation.map { .text($0.spelling) } ?? .none],
                                    index: Int32(offset)))
        }
        for touchpoint in journey.touchpoints {
            usedEntries.insert(touchpoint.via)
            let steps = journey.steps(of: touchpoint).map { name(journey.steps[Int($0)].id) }.sorted()
            let actions = journey.actions(of: touchpoint).map { name(journey.actions[Int($0)].id) }.sorted()
            let key = steps.joined(separator: ", ") + " <-> " + actions.joined(separator: ", ")
            elements.append(Element(kind: "touchpoint", id: key, stage: touchpoint.stage >= 0 ? stageName[Int(touchpoint.stage)] : nil,
                                    labelRef: nil, fields: JourneySnapshot.touchpointFields,
                                    values: [entry(touchpoint.via), number(touchpoint.claimed), number(touchpoint.perceived),
                                             number(touchpoint.deliveryGap)],
                                    sides: (steps, actions)))
        }
        for kpi in journey.kpis {
            let target: Value = kpi.comparison.map { comparison in
                .text(comparison.spelling + " " + (kpi.target.map { Format.decimal($0.value, digits: 2) + $0.unit.spelling } ?? ""))
            } ?? .none
            elements.append(Element(kind: "kpi", id: name(kpi.id), stage: kpi.stage >= 0 ? stageName[Int(kpi.stage)] : nil,
                                    labelRef: kpi.label, fields: JourneySnapshot.kpiFields,
                                    values: [kpi.actual.map { .measure($0.value, $0.unit) } ?? .none, target]))
        }
        for opportunity in journey.opportunities {
            elements.append(Element(kind: "opportunity", id: name(opportunity.id), stage: nil, labelRef: opportunity.label,
                                    fields: JourneySnapshot.opportunityFields,
                                    values: [opportunity.kind.map { .text($0.spelling) } ?? .none,
                                             opportunity.impact.map { .text($0.spelling) } ?? .none,
                                             opportunity.effort.map { .text($0.spelling) } ?? .none],
                                    addresses: opportunity.addresses.map { name(journey.symbol(of: $0)) }.sorted()))
        }
        self.elements = elements
        var uses = Set<String>()
        for index in usedEntries where index >= 0 {
            let entry = file.catalogue.entries[Int(index)]
            uses.insert(entry.kind.noun + " " + entry.name)
        }
        self.uses = uses
        metrics = Metrics(
            coverage: facts.coverage,
            largestDropStage: facts.largestDrop.map { stageName[$0.stage] }, largestDrop: facts.largestDrop?.conversion,
            averageGap: facts.averageDeliveryGap,
            handoffs: facts.handoffs, emotions: facts.emotionCurve.map { Int($0.emotion) })
    }

    static let stageFields = ["phase", "reach", "target-conversion", "conversion"]
    static let stepFields = ["emotion", "channel", "critical", "self-service"]
    static let actionFields = ["owner", "channel", "layer", "automation"]
    static let touchpointFields = ["via", "claimed", "perceived", "delivery gap"]
    static let kpiFields = ["actual", "target"]
    static let opportunityFields = ["kind", "impact", "effort"]

    /// The elements of each kind, in source order (they are stored kind after kind).
    var elementsByKind: [String: ArraySlice<Element>] {
        var result: [String: ArraySlice<Element>] = [:]
        var start = 0
        while start < elements.count {
            var end = start
            while end < elements.count && elements[end].kind == elements[start].kind { end += 1 }
            result[elements[start].kind] = elements[start..<end]
            start = end
        }
        return result
    }

    /// The label of an element (a touchpoint is named by its pairs).
    func label(_ element: Element) -> String {
        element.labelRef.map { file.text($0) } ?? element.id
    }

    /// Whether two elements, of this snapshot and another, have the same label, compared as bytes.
    func sameLabel(_ element: Element, as other: Element, in snapshot: JourneySnapshot) -> Bool {
        guard let mine = element.labelRef, let theirs = other.labelRef else { return element.labelRef == nil && other.labelRef == nil }
        return file.withText(mine) { a in snapshot.file.withText(theirs) { b in a.elementsEqual(b) } }
    }

    /// What an element is paired with (steps ↔ actions) or addresses, sorted: for renames.
    func partners(_ element: Element) -> [String] {
        switch element.kind {
        case "step":
            return facts.answeringActions(Int(element.index)).map { file.name(journey.actions[Int($0)].id) }.sorted()
        case "action":
            var steps = Set<String>()
            for touchpoint in journey.touchpoints where journey.actions(of: touchpoint).contains(element.index) {
                for step in journey.steps(of: touchpoint) { steps.insert(file.name(journey.steps[Int(step)].id)) }
            }
            return steps.sorted()
        case "opportunity":
            return element.addresses
        default:
            return []
        }
    }
}
