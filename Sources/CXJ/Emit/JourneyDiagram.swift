/// The diagram of one journey: a service blueprint in Graphviz DOT.
///
/// Stages are clusters (never nested: deep nesting is what makes Graphviz slow). The customer
/// strand, the touchpoints (the line of interaction) and the organization's frontstage,
/// backstage and support actions are rows, `rank=same` groups made to work across clusters by
/// `newrank`; invisible chains keep each row in `DiagramOrder`. In `tall` the stages run
/// downwards and the rows become columns side by side; in `wide` the stages run left to right.
///
/// A touchpoint is a small node in its stage, labelled with its channel and `claimed →
/// perceived`, so its label can never spill over a stage border; rungs join it to its steps
/// and actions. Steps are coloured by emotion (−3 … +3, with the number); critical steps have a
/// double border; unanswered steps, orphan actions and delivery gaps stand out in warning
/// colours and words. The legend sits under the title. Output is byte-stable and uses only
/// HTML-like labels, escaped by `DOTText`.
///
/// Unchecked `Sendable`: `ownText` and `ids` point at the file's bytes and the identifiers
/// while `write` runs, only read.
struct JourneyDiagram: @unchecked Sendable {
    let file: CheckedFile
    let journey: Journey
    let facts: JourneyFacts
    let order: DiagramOrder
    let marks: FindingMarks
    /// Node ids: rows and rungs refer to them again and again.
    let nodeIDs: DiagramNodeIDs
    /// Whether each node shows its identifier under its label (`--ids`).
    let showIDs: Bool
    let layout: DiagramLayout
    /// The file's texts, read through a pointer while `write` runs (see `OwnText`).
    private var ownText: OwnText
    /// The node ids, read through pointers while `write` runs.
    private var ids = DiagramNodeIDs.View()

    init(file: CheckedFile, index: Int, showIDs: Bool = false, layout: DiagramLayout = .tall) {
        self.showIDs = showIDs
        self.layout = layout
        self.file = file
        self.ownText = OwnText(file: file)
        self.journey = file.journeys[index]
        self.facts = file.facts(ofJourney: index)
        self.order = DiagramOrder(file.journeys[index])
        self.marks = FindingMarks(file, journey: index)
        nodeIDs = DiagramNodeIDs(file: file, journey: file.journeys[index])
    }

    func name(_ symbol: Int32) -> String { file.name(symbol) }
    /// Writes a node's identifier.
    func writeID<Sink>(_ node: DiagramNode, to out: inout OutputWriter<Sink>) {
        switch node {
        case .step(let index): ids.writeStep(index, to: &out)
        case .action(let index): ids.writeAction(index, to: &out)
        case .touchpoint(let index): out.writeTouchpointID(index)
        case .placeholder(let stage): out.write(placeholderID(journey.stages[stage]))
        case .lane(let lane): out.write(lane.id)
        }
    }
    func catalogueLabel(_ index: Int32) -> String { file.text(file.catalogue.entries[Int(index)].label) }

    enum Lane: CaseIterable {
        case customer, touchpoints, frontstage, backstage, support

        /// The lane's node ID. Spelled out: `"lane_\(lane)"` named the case through the
        /// runtime's reflection, which read the executable's field records and case names and
        /// ran its code (`--to dot` over 1,000 files kept 128 KiB of them and about as much
        /// code resident that `--to json` did not).
        var id: String {
            switch self {
            case .customer: return "lane_customer"
            case .touchpoints: return "lane_touchpoints"
            case .frontstage: return "lane_frontstage"
            case .backstage: return "lane_backstage"
            case .support: return "lane_support"
            }
        }

        var title: String {
            switch self {
            case .customer: return "Customer"
            case .touchpoints: return "Touchpoints"
            case .frontstage: return "Frontstage"
            case .backstage: return "Backstage"
            case .support: return "Support"
            }
        }
    }

    func lane(of action: Action) -> Lane {
        switch action.layer {
        case .frontstage: return .frontstage
        case .backstage: return .backstage
        case .support: return .support
        }
    }

    func write<Sink>(to out: inout OutputWriter<Sink>) {
        file.withOwnText { own in
            nodeIDs.withView(file: file, journey: journey) { ids in
                var diagram = self
                diagram.ownText = own
                diagram.ids = ids
                diagram.writeGraph(to: &out)
            }
        }
    }

    /// Calls `body` with a text's UTF-8 (see `OwnText`).
    func withText<Result>(_ ref: TextRef, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        ownText.with(ref, body)
    }

    private func writeGraph<Sink>(to out: inout OutputWriter<Sink>) {
        let font = DOTEmitter.fontName
        out.write("digraph \(DOTText.identifier("journey", name(journey.id))) {\n")
        // remincross=false keeps the order of the invisible chains: a second crossing
        // minimization across clusters would reorder the rows that `DiagramOrder` arranged.
        let direction = layout == .tall ? "LR" : "TB"
        out.write("  graph [newrank=true, remincross=false, rankdir=\(direction), fontname=\"\(font)\", fontsize=14, labelloc=t, labeljust=l,\n")
        out.write(layout == .tall ? "    nodesep=0.15, ranksep=0.3, pad=0.2,\n" : "    nodesep=0.2, ranksep=0.3, pad=0.2,\n")
        out.write("    label=<")
        writeTitle(to: &out)
        out.write(">];\n")
        out.write("  node [shape=box, style=\"rounded,filled\", fontname=\"\(font)\", fontsize=10, color=\"#868e96\", margin=\"0.08,0.04\"];\n")
        out.write("  edge [fontname=\"\(font)\", fontsize=9, arrowhead=none, color=\"#495057\"];\n\n")

        let used = Set(journey.actions.map { lane(of: $0) })
        let lanes = Lane.allCases.filter { $0 == .customer || ($0 == .touchpoints && !journey.touchpoints.isEmpty) || used.contains($0) }

        // Clusters are placed in the order they are declared, which `rankdir=LR` turns upside
        // down: the tall layout declares the stages last to first, then the lane titles.
        if layout == .wide { writeLaneTitles(lanes, to: &out) }
        // The stages and the rungs are most of a large journey's diagram: written in blocks
        // on two threads (see `BlockWaves`).
        let diagram = self
        let stageCount = journey.stages.count
        let tall = layout == .tall
        // The source bytes of the stages written are handed back as they go (see
        // `CheckedFile.releaseBehind`): the tall layout writes them last to first.
        let stages = journey.stages
        let whole = journey.statement.start..<journey.statement.end
        let writtenStages: (Int) -> Void
        if tall {
            var release = file.releaseBehind()
            writtenStages = { written in
                let first = written < stageCount ? stages[stageCount - written].statement.start : whole.lowerBound
                release.done(from: first, to: whole.upperBound, final: written == stageCount)
            }
        } else {
            writtenStages = file.releasingSource(of: journey, count: stageCount) { stages[$0].statement.start }
        }
        out.elements(count: stageCount, perBlock: 32, written: writtenStages) { position, writer in
            diagram.writeStage(tall ? stageCount - 1 - position : position, to: &writer)
        }
        if layout == .tall { writeLaneTitles(lanes, to: &out) }
        for index in order.touchpointsOutside {
            writeTouchpoint(Int(index), indent: "  ", to: &out)
        }

        // Graphviz's y axis points up, so with `rankdir=LR` a row's first node would be drawn
        // at the bottom: the tall layout chains each row backwards to read from the top.
        // A row names every node of its lane twice (a dense 20 MB journey: 270,000 nodes, 12 ms
        // on one thread): written in blocks on two threads too.
        for lane in lanes {
            var nodes = nodes(in: lane)
            if layout == .tall { nodes.reverse() }
            let row = nodes
            let last = row.count - 1
            out.write("  { rank=same;")
            out.elements(count: row.count, perBlock: DiagramNode.perBlock) { position, writer in
                writer.write(byte: 0x20)
                // In the row's first order: the chain below is the one reversed.
                diagram.writeID(row[tall ? last - position : position], to: &writer)
                writer.write(byte: 0x3B)
            }
            out.write(" }\n  ")
            out.elements(count: row.count, perBlock: DiagramNode.perBlock) { position, writer in
                if position > 0 { writer.write(" -> ") }
                diagram.writeID(row[position], to: &writer)
            }
            out.write(" [style=invis];\n")
        }
        out.write("  " + lanes.map(\.id).joined(separator: " -> ") + " [style=invis];\n\n")

        let touchpoints = journey.touchpoints
        let touchpointOrder = order.touchpoints
        out.elements(count: touchpointOrder.count, perBlock: 256,
                     written: file.releasingSource(of: journey, count: touchpointOrder.count) {
                         touchpoints[Int(touchpointOrder[$0])].statement.start
                     }) { position, writer in
            diagram.writeRungs(Int(diagram.order.touchpoints[position]), to: &writer)
        }
        out.write("}\n")
    }

    private func writeLaneTitles<Sink>(_ lanes: [Lane], to out: inout OutputWriter<Sink>) {
        out.write("  subgraph cluster_lanes {\n    style=invis; label=\"\";\n")
        for lane in lanes {
            out.write("    \(lane.id) [shape=plaintext, style=\"\", fontsize=11, label=<<b>\(lane.title)</b>>];\n")
        }
        out.write("  }\n\n")
    }

    /// A row's nodes, its lane's title first, in drawing order: a stage's steps (or its
    /// placeholder when it is empty), the touchpoints, a stage's actions in their layer's row.
    /// Made with their count known and through pointers: a closure per node and the array's
    /// growth took 4 ms for the 270,000 nodes of a dense 20 MB journey.
    private func nodes(in lane: Lane) -> [DiagramNode] {
        var nodes: [DiagramNode] = [.lane(lane)]
        switch lane {
        case .customer:
            nodes.reserveCapacity(journey.steps.count + journey.stages.count + 1)
            journey.stages.withUnsafeBufferPointer { stages in
                for index in stages.indices {
                    for step in stages[index].steps { nodes.append(.step(step)) }
                    if stages[index].steps.isEmpty && stages[index].actions.isEmpty { nodes.append(.placeholder(index)) }
                }
            }
        case .touchpoints:
            nodes.reserveCapacity(order.touchpoints.count + 1)
            for index in order.touchpoints { nodes.append(.touchpoint(Int(index))) }
        case .frontstage, .backstage, .support:
            journey.actions.withUnsafeBufferPointer { actions in
                var count = 0
                for index in actions.indices where self.lane(of: actions[index]) == lane { count += 1 }
                nodes.reserveCapacity(count + 1)
                journey.stages.withUnsafeBufferPointer { stages in
                    for stage in stages.indices {
                        for action in order.actions(of: stages[stage]) where self.lane(of: actions[Int(action)]) == lane {
                            nodes.append(.action(action))
                        }
                    }
                }
            }
        }
        return nodes
    }

    func placeholderID(_ stage: Stage) -> String { DOTText.identifier("empty", name(stage.id)) }

    private func writeStage<Sink>(_ index: Int, to out: inout OutputWriter<Sink>) {
        let stage = journey.stages[index]
        var details: [String] = []
        if let phase = stage.phase { details.append(phase.spelling) }
        if let reach = stage.reach { details.append("reach " + Format.grouped(reach)) }
        if let conversion = facts.conversion[index] {
            var text = "conversion " + Format.percent(conversion)
            if let target = stage.targetConversion { text += " (target " + Format.percent(target) + ")" }
            details.append(text)
        }
        if stage.loopsTo >= 0 {
            let target = journey.stages[Int(stage.loopsTo)]
            details.append("loops to " + (showIDs ? DOTText.html(name(target.id)) : "“" + DOTText.html(file.text(target.title)) + "”"))
        }
        out.write("  subgraph \(DOTText.identifier("cluster_stage", name(stage.id))) {\n")
        out.write("    label=<<b>\(index + 1) · ")
        withText(stage.title) { out.writeLabel($0, width: 32) }
        out.write("</b>")
        if !details.isEmpty { out.write("<br/><font point-size=\"9\">\(details.joined(separator: " · "))</font>") }
        out.write(">;\n    style=rounded; color=\"#adb5bd\"; fontsize=12; labeljust=\(layout == .tall ? "l" : "c");\n")
        for step in stage.steps { writeStep(step, to: &out) }
        for touchpoint in order.touchpoints(ofStage: index) {
            writeTouchpoint(Int(touchpoint), indent: "    ", to: &out)
        }
        for action in order.actions(of: stage) { writeAction(action, to: &out) }
        if stage.steps.isEmpty && stage.actions.isEmpty {
            out.write("    \(placeholderID(stage)) [style=invis, label=\"\", width=1.2, height=0.3];\n")
        }
        out.write("  }\n")
    }
}
