/// Everything a gap report says about one journey, computed once from the checked model.
/// `ReportDocument` arranges it into sections, which every report writer prints.
struct JourneyDigest {
    struct StageRow {
        var number: Int
        var id: String
        var title: String
        var phase: String?
        var coverage: Double?
        var lowestEmotion: Int?
        var reach: Int?
        var conversion: Double?
        var target: Double?
        var missesTarget: Bool { (conversion ?? 1) < (target ?? 0) - 1e-12 }
    }

    struct GapRow {
        /// The touchpoint as people say it: its steps' labels ↔ its actions' labels.
        var label: String
        var touchpoint: String
        var stageTitle: String?
        var stage: String?
        var claimed: Double
        var perceived: Double
        var gap: Double
    }

    struct TeamRow {
        var name: String
        var label: String
        var actions: Int
        var frontstage: Int
        var touchpoints: Int
    }

    struct Handoff {
        var stage: String?
        var from: [String]
        var to: [String]
        /// The teams' labels, by id.
        var labels: [String: String] = [:]
    }

    struct OpportunityRow {
        /// The gap findings this opportunity plans.
        var planned: [FindingRow] = []
        var id: String
        var label: String
        var addresses: [String]
        var kind: String?
        var owner: String?
        var impact: String?
        var effort: String?
    }

    struct FindingRow {
        /// The label of the element the finding is about, and its id, when it has one.
        var element: (label: String, id: String)? = nil
        var severity: Severity
        var code: Code
        var message: String
        var location: ReportLocation
    }

    struct AllowRow {
        var rules: [String]
        var element: String
        var reason: String?
        var location: ReportLocation
    }

    let id: String
    let title: String
    let path: String
    let persona: String?
    let strategy: String?
    let owner: String?
    let counts: (stages: Int, steps: Int, actions: Int, touchpoints: Int)
    let coverage: Double?
    let severities: (errors: Int, warnings: Int, notes: Int)
    let stages: [StageRow]
    let largestDrop: (stage: String, conversion: Double)?
    let gaps: [GapRow]
    let emotionCurve: [(step: String, emotion: Int)]
    let teams: [TeamRow]
    let handoffs: [Handoff]
    var opportunities: [OpportunityRow]
    let gapsWithoutOpportunity: [FindingRow]
    let moments: [MomentRow]
    let voices: [VoiceRow]
    let kpis: [KPIRow]
    /// The journey as a Mermaid `journey` diagram, drawn when asked for: only the Markdown
    /// report shows it (drawing it for the text report was an eighth of `--to text`).
    var mermaid: String { MermaidEmitter.diagram(file, journey: journeyIndex) }
    private let file: CheckedFile
    private let journeyIndex: Int
    /// The computed facts the digest was made from, for pages that show more of them.
    let facts: JourneyFacts
    let findings: [FindingRow]
    let allows: [AllowRow]

    init(file: CheckedFile, index: Int) {
        self.file = file
        journeyIndex = index
        let journey = file.journeys[index]
        let facts = file.facts(ofJourney: index)
        self.facts = facts
        func name(_ symbol: Int32) -> String { file.name(symbol) }
        func label(_ entry: Int32) -> String? { entry >= 0 ? file.text(file.catalogue.entries[Int(entry)].label) : nil }
        func place(_ location: SourceLocation) -> ReportLocation {
            let position = file.sources[location.file].position(of: location.start)
            return ReportLocation(path: file.sources[location.file].path, line: position.line, column: position.column)
        }

        id = name(journey.id)
        title = file.text(journey.title)
        path = file.source.path
        persona = label(journey.persona)
        strategy = journey.strategy?.spelling
        owner = label(journey.owner)
        counts = (journey.stages.count, journey.steps.count, journey.actions.count, journey.touchpoints.count)
        coverage = facts.coverage

        let journeyFindings = file.findings.filter { $0.journey == index }
        severities = (
            journeyFindings.filter { $0.diagnostic.severity == .error }.count,
            journeyFindings.filter { $0.diagnostic.severity == .warning }.count,
            journeyFindings.filter { $0.diagnostic.severity == .note }.count)

        stages = journey.stages.enumerated().map { offset, stage in
            let emotions = stage.steps.compactMap { journey.steps[Int($0)].emotion }.map { Int($0) }
            return StageRow(number: offset + 1, id: name(stage.id), title: file.text(stage.title), phase: stage.phase?.spelling,
                            coverage: facts.stageCoverage[offset], lowestEmotion: emotions.min(), reach: stage.reach,
                            conversion: facts.conversion[offset], target: stage.targetConversion)
        }
        largestDrop = facts.largestDrop.map { (name(journey.stages[$0.stage].id), $0.conversion) }

        func describe(_ touchpoint: Touchpoint) -> String {
            let steps = journey.steps(of: touchpoint).map { name(journey.steps[Int($0)].id) }.joined(separator: ", ")
            let actions = journey.actions(of: touchpoint).map { name(journey.actions[Int($0)].id) }.joined(separator: ", ")
            return "\(steps) <-> \(actions)"
        }
        func labelled(_ touchpoint: Touchpoint) -> String {
            let steps = journey.steps(of: touchpoint).map { file.text(journey.steps[Int($0)].label) }.joined(separator: ", ")
            let actions = journey.actions(of: touchpoint).map { file.text(journey.actions[Int($0)].label) }.joined(separator: ", ")
            return "\(steps) ↔ \(actions)"
        }
        gaps = journey.touchpoints.enumerated().compactMap { offset, touchpoint -> (Int, GapRow)? in
            guard let claimed = touchpoint.claimed, let perceived = touchpoint.perceived else { return nil }
            let stage = touchpoint.stage >= 0 ? name(journey.stages[Int(touchpoint.stage)].id) : nil
            let stageTitle = touchpoint.stage >= 0 ? file.text(journey.stages[Int(touchpoint.stage)].title) : nil
            return (offset, GapRow(label: labelled(touchpoint), touchpoint: describe(touchpoint), stageTitle: stageTitle, stage: stage,
                                   claimed: claimed, perceived: perceived, gap: claimed - perceived))
        }.sorted { $0.1.gap != $1.1.gap ? $0.1.gap > $1.1.gap : $0.0 < $1.0 }.map { $0.1 }

        emotionCurve = facts.emotionCurve.map { (name(journey.steps[Int($0.step)].id), Int($0.emotion)) }

        var teams: [Int32: TeamRow] = [:]
        for action in journey.actions where action.owner >= 0 {
            var row = teams[action.owner] ?? TeamRow(name: file.catalogue.entries[Int(action.owner)].name,
                                                     label: label(action.owner) ?? "", actions: 0, frontstage: 0, touchpoints: 0)
            row.actions += 1
            if action.layer == .frontstage { row.frontstage += 1 }
            teams[action.owner] = row
        }
        for touchpoint in journey.touchpoints {
            let owners = Set(journey.actions(of: touchpoint).map { journey.actions[Int($0)].owner }.filter { $0 >= 0 })
            for owner in owners { teams[owner]?.touchpoints += 1 }
        }
        var teamRows = teams.values.sorted { $0.name < $1.name }
        let unowned = journey.actions.filter { $0.owner < 0 }
        if !unowned.isEmpty {
            teamRows.append(TeamRow(name: "", label: "(no owner)", actions: unowned.count,
                                    frontstage: unowned.filter { $0.layer == .frontstage }.count, touchpoints: 0))
        }
        self.teams = teamRows

        // The handoffs the facts found, with the teams on each side by name.
        func owners(_ touchpoint: Int) -> [String] {
            Set(journey.actions(of: journey.touchpoints[touchpoint]).map { journey.actions[Int($0)].owner }.filter { $0 >= 0 })
                .map { file.catalogue.entries[Int($0)].name }.sorted()
        }
        handoffs = facts.handoffPairs.map { pair in
            let touchpoint = journey.touchpoints[Int(pair.to)]
            let before = owners(Int(pair.from)), after = owners(Int(pair.to))
            var labels: [String: String] = [:]
            for id in before + after {
                if let entry = file.catalogue.find(.team, id) { labels[id] = label(entry) }
            }
            return Handoff(stage: touchpoint.stage >= 0 ? name(journey.stages[Int(touchpoint.stage)].id) : nil,
                           from: before, to: after, labels: labels)
        }

        opportunities = journey.opportunities.map { opportunity in
            OpportunityRow(id: name(opportunity.id), label: file.text(opportunity.label),
                           addresses: opportunity.addresses.map { name(journey.symbol(of: $0)) }, kind: opportunity.kind?.spelling,
                           owner: label(opportunity.owner), impact: opportunity.impact?.spelling, effort: opportunity.effort?.spelling)
        }

        func element(_ subject: FindingSubject) -> (label: String, id: String)? {
            switch subject {
            case .step(let index): return (file.text(journey.steps[Int(index)].label), name(journey.steps[Int(index)].id))
            case .action(let index): return (file.text(journey.actions[Int(index)].label), name(journey.actions[Int(index)].id))
            case .stage(let index): return (file.text(journey.stages[Int(index)].title), name(journey.stages[Int(index)].id))
            case .kpi(let index): return (file.text(journey.kpis[Int(index)].label), name(journey.kpis[Int(index)].id))
            case .touchpoint(let index): return (labelled(journey.touchpoints[Int(index)]), describe(journey.touchpoints[Int(index)]))
            case .journey: return (file.text(journey.title), name(journey.id))
            case .catalogue, .allow: return nil
            }
        }
        func row(_ finding: Finding) -> FindingRow {
            FindingRow(element: element(finding.subject), severity: finding.diagnostic.severity, code: finding.diagnostic.code,
                       message: finding.diagnostic.message, location: place(finding.diagnostic.location))
        }
        findings = journeyFindings.map(row)
        var opportunities = self.opportunities
        for finding in journeyFindings where finding.plannedBy >= 0 {
            opportunities[Int(finding.plannedBy)].planned.append(row(finding))
        }
        self.opportunities = JourneyDigest.ranked(opportunities)
        (moments, voices) = JourneyDigest.momentsAndVoices(file, journey, facts)
        kpis = JourneyDigest.kpiRows(file, journey)
        // The same rule as the checker's (`Planning`): a gap is planned or it is not.
        gapsWithoutOpportunity = journeyFindings.filter { finding in
            JourneyDigest.gapCodes.contains(finding.diagnostic.code) && finding.plannedBy < 0
        }.map(row)

        allows = file.allows.filter { $0.location.isInside(journey.statement) }.map { allow in
            AllowRow(rules: allow.rules.map { $0.name }, element: allow.element, reason: allow.reason.map(file.text),
                     location: place(allow.location))
        }
    }

    /// The rules whose findings are gaps an opportunity could close.
    static let gapCodes: Set<Code> = [
        .unansweredStep, .orphanAction, .oneSidedStage, .deliveryGap, .funnelLeak, .kpiOffTarget, .channelMismatch,
        .automatedMomentOfTruth, .unaddressedLowPoint,
    ]

    /// Emotions −3 … +3 as a sparkline of block characters.
    static func sparkline(_ emotions: [Int]) -> String {
        let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇"]
        return String(emotions.map { blocks[max(0, min(6, $0 + 3))] })
    }
}

extension Format {
    /// A whole number with thousands separators: 1200 → "1,200".
    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value.magnitude).utf8)
        var result: [UInt8] = value < 0 ? [0x2D] : []
        result.reserveCapacity(digits.count + digits.count / 3 + 1)
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(0x2C) }
            result.append(digit)
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// An emotion with its sign: −2, 0, +3.
    static func emotion(_ value: Int) -> String { value > 0 ? "+\(value)" : "\(value)" }
}
