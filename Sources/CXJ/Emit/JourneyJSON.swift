/// Writes one journey of a checked file as a JSON object (see `JSONEmitter`).
///
/// Unchecked `Sendable`: besides values, it holds pointers to the file's bytes and to the
/// catalogue's names (`OwnText`, `ByteStrings`), valid while `write` runs and only read.
struct JourneyJSON: @unchecked Sendable {
    let file: CheckedFile
    let index: Int
    let journey: Journey
    let facts: JourneyFacts
    /// The kpis of each stage, then those at journey level, as indices into `journey.kpis`
    /// (see `kpis(ofStage:)`): one array, where an array per stage made twelve thousand for a
    /// dense 20 MB journey.
    private let kpiOrder: [Int32]
    private let kpiStarts: [Int32]
    /// The file's own bytes, and the catalogue's names by entry, while `write` runs.
    private var ownText: OwnText
    private var catalogueNames = ByteStrings.View()

    init(file: CheckedFile, index: Int) {
        self.file = file
        self.ownText = OwnText(file: file)
        self.index = index
        self.journey = file.journeys[index]
        self.facts = file.facts(ofJourney: index)
        let stageCount = Int32(journey.stages.count)
        (kpiOrder, kpiStarts) = BucketOrder.sorted(journey.kpis.map { $0.stage >= 0 ? $0.stage : stageCount },
                                                   bucketCount: journey.stages.count + 1)
    }

    /// The kpis of the stage at `index`, in source order (one past the last stage: those at
    /// journey level).
    private func kpis(ofStage index: Int) -> ArraySlice<Int32> {
        kpiOrder[Int(kpiStarts[index])..<Int(kpiStarts[index + 1])]
    }

    private func name(_ symbol: Int32) -> String { file.name(symbol) }

    /// `"key": "name"` for a catalogue entry, or `"key": null` for -1.
    private func catalogueField<Sink>(_ key: StaticString, _ index: Int32, to json: inout JSONWriter<Sink>) {
        json.key(key)
        if index >= 0 { json.string(utf8: catalogueNames[Int(index)]) } else { json.null() }
    }

    private func withText<Result>(_ ref: TextRef, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        ownText.with(ref, body)
    }

    /// `"key": "name"` for an identifier, copied straight from the interner.
    private func nameField<Sink>(_ key: StaticString, _ symbol: Int32, to json: inout JSONWriter<Sink>) {
        json.key(key)
        file.withName(symbol) { json.string(utf8: $0) }
    }

    /// `"key": "text"` for a string literal, copied straight from the source when it can be.
    private func textField<Sink>(_ key: StaticString, _ ref: TextRef, to json: inout JSONWriter<Sink>) {
        json.key(key)
        withText(ref) { json.string(utf8: $0) }
    }

    /// `"key": [texts]` for the texts of one kind in a range of the journey's texts.
    private func textsField<Sink>(_ key: StaticString, _ range: Range<Int32>, _ kind: TextKind, to json: inout JSONWriter<Sink>) {
        json.key(key)
        json.beginArray()
        for index in range where journey.texts[Int(index)].kind == kind {
            withText(journey.texts[Int(index)].text) { json.string(utf8: $0) }
        }
        json.endArray()
    }

    /// `"key": [texts]` for a list of string literals.
    private func textsField<Sink>(_ key: StaticString, _ refs: [TextRef], to json: inout JSONWriter<Sink>) {
        json.key(key)
        json.beginArray()
        for ref in refs { withText(ref) { json.string(utf8: $0) } }
        json.endArray()
    }

    /// Writes the journey; `positions` gives the lines and columns of its findings and allows,
    /// and goes on to the file's next journey.
    func write<Sink>(to json: inout JSONWriter<Sink>, positions: inout Positions) {
        let names = ByteStrings(namesOf: file.catalogue)
        file.withOwnText { own in
            names.withView { names in
                var emitter = self
                emitter.ownText = own
                emitter.catalogueNames = names
                emitter.writeObject(to: &json, positions: &positions)
            }
        }
    }

    /// The positions of a file's findings and of its allows, each kind asked for in source
    /// order from one journey to the next (`PositionCursor`).
    struct Positions {
        var findings: PositionCursor
        var allows: PositionCursor

        init(of file: CheckedFile) {
            findings = PositionCursor(file.source)
            allows = findings
        }

        /// The position of a finding's diagnostic, which may lie in another file.
        mutating func finding(_ location: SourceLocation, in file: CheckedFile) -> SourcePosition {
            guard location.file == file.fileIndex else { return file.sources[location.file].position(of: location.start) }
            return findings.position(of: location.start)
        }
    }

    private func writeObject<Sink>(to json: inout JSONWriter<Sink>, positions: inout Positions) {
        json.beginObject()
        nameField("id", journey.id, to: &json)
        textField("title", journey.title, to: &json)
        json.field("file", file.source.path)
        catalogueField("persona", journey.persona, to: &json)
        json.field("strategy", journey.strategy?.spelling)
        catalogueField("owner", journey.owner, to: &json)
        textsField("notes", journey.notes, to: &json)
        json.key("stages")
        json.beginArray()
        // Stages and touchpoints are most of a large journey's document: written in blocks
        // on two threads (see `JSONWriter.elements`).
        let emitter = self
        let stages = journey.stages, touchpoints = journey.touchpoints
        json.elements(count: stages.count, perBlock: 32,
                      written: file.releasingSource(of: journey, count: stages.count) { stages[$0].statement.start }) { index, writer in
            emitter.writeStage(index, to: &writer)
        }
        json.endArray()
        json.key("kpis")
        json.beginArray()
        for kpi in kpis(ofStage: journey.stages.count) { writeKPI(journey.kpis[Int(kpi)], to: &json) }
        json.endArray()
        json.key("touchpoints")
        json.beginArray()
        json.elements(count: touchpoints.count, perBlock: 256,
                      written: file.releasingSource(of: journey, count: touchpoints.count) { touchpoints[$0].statement.start }) { index, writer in
            emitter.writeTouchpoint(index, to: &writer)
        }
        json.endArray()
        json.key("opportunities")
        json.beginArray()
        for opportunity in journey.opportunities { writeOpportunity(opportunity, to: &json) }
        json.endArray()
        writeMetrics(to: &json)
        writeFindings(to: &json, positions: &positions)
        writeAllows(to: &json, positions: &positions.allows)
        json.endObject()
    }

    private func writeStage<Sink>(_ stageIndex: Int, to json: inout JSONWriter<Sink>) {
        let stage = journey.stages[stageIndex]
        json.beginObject()
        nameField("id", stage.id, to: &json)
        textField("title", stage.title, to: &json)
        json.field("phase", stage.phase?.spelling)
        json.field("reach", stage.reach)
        json.field("targetConversion", stage.targetConversion)
        json.field("conversion", JSONEmitter.rounded(facts.conversion[stageIndex]))
        json.field("coverage", JSONEmitter.rounded(facts.stageCoverage[stageIndex]))
        json.field("loopsTo", stage.loopsTo >= 0 ? name(journey.stages[Int(stage.loopsTo)].id) : nil)
        textsField("notes", stage.notes, to: &json)
        json.key("customer")
        json.beginArray()
        for step in stage.steps { writeStep(Int(step), to: &json) }
        json.endArray()
        json.key("organization")
        json.beginArray()
        for action in stage.actions { writeAction(journey.actions[Int(action)], to: &json) }
        json.endArray()
        json.key("kpis")
        json.beginArray()
        for kpi in kpis(ofStage: stageIndex) { writeKPI(journey.kpis[Int(kpi)], to: &json) }
        json.endArray()
        json.endObject()
    }

    private func writeStep<Sink>(_ stepIndex: Int, to json: inout JSONWriter<Sink>) {
        let step = journey.steps[stepIndex]
        json.beginObject()
        nameField("id", step.id, to: &json)
        textField("label", step.label, to: &json)
        catalogueField("channel", step.channel, to: &json)
        json.field("emotion", step.emotion.map { Int($0) })
        if let thinks = step.texts.first(where: { journey.texts[Int($0)].kind == .thinks }) {
            textField("thinks", journey.texts[Int(thinks)].text, to: &json)
        } else {
            json.field("thinks", nil as String?)
        }
        textsField("needs", step.texts, .needs, to: &json)
        textsField("pains", step.texts, .pain, to: &json)
        textsField("info", step.texts, .info, to: &json)
        json.field("critical", step.isCritical)
        json.field("selfService", step.isSelfService)
        json.field("paired", facts.isPaired[stepIndex])
        textsField("notes", step.texts, .note, to: &json)
        json.endObject()
    }

    private func writeAction<Sink>(_ action: Action, to json: inout JSONWriter<Sink>) {
        json.beginObject()
        nameField("id", action.id, to: &json)
        textField("label", action.label, to: &json)
        catalogueField("owner", action.owner, to: &json)
        json.field("layer", action.layer.spelling)
        catalogueField("channel", action.channel, to: &json)
        // Loops over index ranges, not slices or `compactMap(catalogueName)`: a slice retains
        // its array and a method reference a copy of the whole emitter, once per action.
        json.key("uses")
        json.beginArray()
        for position in action.systems {
            let system = journey.systemPool[Int(position)]
            if system >= 0 { json.string(utf8: catalogueNames[Int(system)]) }
        }
        json.endArray()
        json.field("automation", action.automation?.spelling)
        textsField("notes", action.texts, .note, to: &json)
        json.endObject()
    }

    private func writeKPI<Sink>(_ kpi: KPI, to json: inout JSONWriter<Sink>) {
        json.beginObject()
        nameField("id", kpi.id, to: &json)
        textField("label", kpi.label, to: &json)
        json.key("actual")
        writeMeasure(kpi.actual, location: kpi.actualLocation, to: &json)
        json.key("target")
        if let target = kpi.target, let comparison = kpi.comparison {
            json.beginObject()
            json.field("comparison", comparison.spelling)
            json.key("value")
            writeMeasure(target, location: kpi.targetLocation, to: &json)
            json.endObject()
        } else {
            json.null()
        }
        json.key("onTarget")
        if let misses = kpi.missesTarget { json.bool(!misses) } else { json.null() }
        textsField("notes", kpi.notes, to: &json)
        json.endObject()
    }

    /// `{"kind": "number"|"fraction"|"duration", "value": …, "written": "2.1%"}`: fractions are
    /// 0–1 and durations are in seconds; `written` is the source text.
    private func writeMeasure<Sink>(_ measure: Measure?, location: SourceLocation?, to json: inout JSONWriter<Sink>) {
        guard let measure else {
            json.null()
            return
        }
        json.beginObject()
        switch measure.unit {
        case .percent:
            json.field("kind", "fraction")
            json.field("value", JSONEmitter.rounded(measure.value / 100))
        case .none:
            json.field("kind", "number")
            json.field("value", measure.value)
        default:
            json.field("kind", "duration")
            json.field("value", measure.normalized)
        }
        json.field("written", location.map { file.sources[$0.file].text($0.start..<$0.end) })
        json.endObject()
    }

    private func writeTouchpoint<Sink>(_ index: Int, to json: inout JSONWriter<Sink>) {
        let touchpoint = journey.touchpoints[index]
        json.beginObject()
        json.key("steps")
        json.beginArray()
        for position in touchpoint.steps {
            file.withName(journey.steps[Int(journey.pairedSteps[Int(position)])].id) { json.string(utf8: $0) }
        }
        json.endArray()
        json.key("actions")
        json.beginArray()
        for position in touchpoint.actions {
            file.withName(journey.actions[Int(journey.pairedActions[Int(position)])].id) { json.string(utf8: $0) }
        }
        json.endArray()
        if touchpoint.stage >= 0 {
            nameField("stage", journey.stages[Int(touchpoint.stage)].id, to: &json)
        } else {
            json.field("stage", nil as String?)
        }
        catalogueField("via", touchpoint.via, to: &json)
        json.field("claimed", touchpoint.claimed)
        json.field("perceived", touchpoint.perceived)
        json.field("deliveryGap", JSONEmitter.rounded(touchpoint.deliveryGap))
        json.key("notes")
        json.beginArray()
        for note in journey.notes(ofTouchpoint: index) { withText(note) { json.string(utf8: $0) } }
        json.endArray()
        json.endObject()
    }

    private func writeOpportunity<Sink>(_ opportunity: Opportunity, to json: inout JSONWriter<Sink>) {
        json.beginObject()
        nameField("id", opportunity.id, to: &json)
        textField("label", opportunity.label, to: &json)
        json.key("addresses")
        json.beginArray()
        for target in opportunity.addresses {
            json.beginObject()
            json.field("kind", target.kind.noun)
            nameField("id", journey.symbol(of: target), to: &json)
            json.endObject()
        }
        json.endArray()
        json.field("kind", opportunity.kind?.spelling)
        catalogueField("owner", opportunity.owner, to: &json)
        json.field("impact", opportunity.impact?.spelling)
        json.field("effort", opportunity.effort?.spelling)
        textsField("notes", opportunity.notes, to: &json)
        json.endObject()
    }

    private func writeMetrics<Sink>(to json: inout JSONWriter<Sink>) {
        json.key("metrics")
        json.beginObject()
        json.field("coverage", JSONEmitter.rounded(facts.coverage))
        json.key("largestDrop")
        if let drop = facts.largestDrop {
            json.beginObject()
            nameField("stage", journey.stages[drop.stage].id, to: &json)
            json.field("conversion", JSONEmitter.rounded(drop.conversion))
            json.endObject()
        } else {
            json.null()
        }
        json.field("averageDeliveryGap", JSONEmitter.rounded(facts.averageDeliveryGap))
        json.field("handoffs", facts.handoffs)
        json.key("emotionCurve")
        json.beginArray()
        // A point for each step with an emotion (98,632 in a dense 20 MB journey: 8 ms on
        // one thread), written in blocks on two threads like the stages.
        let emitter = self
        json.elements(count: facts.emotionCurve.count, perBlock: 1024) { index, writer in
            let (step, emotion) = emitter.facts.emotionCurve[index]
            writer.beginObject()
            emitter.nameField("step", emitter.journey.steps[Int(step)].id, to: &writer)
            emitter.nameField("stage", emitter.journey.stages[Int(emitter.journey.steps[Int(step)].stage)].id, to: &writer)
            writer.field("emotion", Int(emotion))
            writer.endObject()
        }
        json.endArray()
        json.endObject()
    }

    private func writeFindings<Sink>(to json: inout JSONWriter<Sink>, positions: inout Positions) {
        json.key("findings")
        json.beginArray()
        for finding in file.findings where finding.journey == index {
            let diagnostic = finding.diagnostic
            let position = positions.finding(diagnostic.location, in: file)
            json.beginObject()
            json.field("code", diagnostic.code.id)
            json.field("rule", diagnostic.code.name)
            json.field("severity", diagnostic.severity.name)
            json.field("message", diagnostic.message)
            json.field("file", file.sources[diagnostic.location.file].path)
            json.field("line", position.line)
            json.field("column", position.column)
            json.field("element", diagnostic.element)
            json.field("plannedBy", finding.plannedBy >= 0 ? file.name(journey.opportunities[Int(finding.plannedBy)].id) : nil)
            json.endObject()
        }
        json.endArray()
    }

    private func writeAllows<Sink>(to json: inout JSONWriter<Sink>, positions: inout PositionCursor) {
        json.key("allows")
        json.beginArray()
        for allow in file.allows where allow.location.isInside(journey.statement) {
            let position = positions.position(of: allow.location.start)
            json.beginObject()
            json.field("rules", strings: allow.rules.map { $0.name })
            json.field("reason", allow.reason.map(file.text))
            json.field("element", allow.element)
            json.field("file", file.source.path)
            json.field("line", position.line)
            json.field("column", position.column)
            json.endObject()
        }
        json.endArray()
    }
}
