/// Draws each journey as a left-to-right service blueprint in Graphviz DOT.
///
/// Stages are columns (one flat cluster each, titled); the customer strand is the top row and
/// the organization strand runs below it in frontstage, backstage and support rows. Touchpoints
/// are rungs between the rows, labelled with their channel. Steps are coloured by emotion on a
/// scale from −3 to +3 and show the number; critical steps have a double border; unanswered
/// steps, orphan actions and delivery gaps stand out in warning colours; a legend explains it.
///
/// Clusters are never nested (deep nesting is what makes Graphviz slow); rows are `rank=same`
/// groups made to work across clusters by `newrank`, and invisible edges keep stage order.
/// The output is byte-stable and uses only HTML-like labels, escaped by `DOTText`.
public enum DOTEmitter {
    /// Fonts for labels: a CJK family first, then Thai, then the platform's default.
    public static let fontName = "Noto Sans CJK SC, Noto Sans Thai, Loma, sans-serif"

    public static func emit<Sink: OutputSink>(_ files: [CheckedFile], showIDs: Bool = false, to sink: Sink) -> Sink {
        var out = OutputWriter(sink)
        for file in files {
            for index in file.journeys.indices {
                JourneyDiagram(file: file, index: index, showIDs: showIDs).write(to: &out)
            }
        }
        return out.finish()
    }

    /// The fill colours of emotions −3 … +3 (ColorBrewer RdYlGn).
    static let emotionColors = ["#d73027", "#fc8d59", "#fee08b", "#ffffbf", "#d9ef8b", "#91cf60", "#1a9850"]
    static let noEmotionColor = "#f1f3f5"
    static let warningColor = "#c2255c"
    static let gapColor = "#c92a2a"
    static let layerColors: [Layer: String] = [.frontstage: "#dbe4ff", .backstage: "#e9ecef", .support: "#f8f9fa"]

    static func signed(_ value: Int) -> String { value > 0 ? "+\(value)" : "\(value)" }
}

/// The diagram of one journey.
struct JourneyDiagram {
    let file: CheckedFile
    let journey: Journey
    let facts: JourneyFacts
    let warnedSteps: Set<Int32>
    let warnedActions: Set<Int32>
    let gapTouchpoints: Set<Int32>
    /// Node ids, computed once: rows and rungs refer to them again and again.
    let stepIDs: [String]
    let actionIDs: [String]

    /// Whether each node shows its identifier under its label (`--ids`).
    let showIDs: Bool

    init(file: CheckedFile, index: Int, showIDs: Bool = false) {
        self.showIDs = showIDs
        self.file = file
        self.journey = file.journeys[index]
        self.facts = JourneyFacts(file.journeys[index])
        var steps = Set<Int32>()
        var actions = Set<Int32>()
        var gaps = Set<Int32>()
        for finding in file.findings where finding.journey == index {
            switch (finding.diagnostic.code, finding.subject) {
            case (.unansweredStep, .step(let step)): steps.insert(step)
            case (.orphanAction, .action(let action)): actions.insert(action)
            case (.deliveryGap, .touchpoint(let touchpoint)): gaps.insert(touchpoint)
            default: break
            }
        }
        warnedSteps = steps
        warnedActions = actions
        gapTouchpoints = gaps
        let journey = file.journeys[index]
        stepIDs = journey.steps.map { DOTText.identifier("step", file.name($0.id)) }
        actionIDs = journey.actions.map { DOTText.identifier("action", file.name($0.id)) }
    }

    private func name(_ symbol: Int32) -> String { file.name(symbol) }
    private func stepID(_ index: Int32) -> String { stepIDs[Int(index)] }
    private func actionID(_ index: Int32) -> String { actionIDs[Int(index)] }
    private func catalogueLabel(_ index: Int32) -> String { file.text(file.catalogue.entries[Int(index)].label) }

    private enum Lane: CaseIterable {
        case customer, frontstage, backstage, support

        var title: String {
            switch self {
            case .customer: return "Customer"
            case .frontstage: return "Frontstage"
            case .backstage: return "Backstage"
            case .support: return "Support"
            }
        }
    }

    private func lane(of action: Action) -> Lane {
        switch action.layer {
        case .frontstage: return .frontstage
        case .backstage: return .backstage
        case .support: return .support
        }
    }

    func write<Sink>(to out: inout OutputWriter<Sink>) {
        let font = DOTEmitter.fontName
        out.write("digraph \(DOTText.identifier("journey", name(journey.id))) {\n")
        // remincross=false keeps the order of the invisible chains: steps and actions stay in
        // source order within their rows (a second crossing minimization across clusters
        // would reorder them).
        out.write("  graph [newrank=true, remincross=false, rankdir=TB, fontname=\"\(font)\", fontsize=14, labelloc=t,\n")
        out.write("    nodesep=0.3, ranksep=0.5, pad=0.3,\n")
        out.write("    label=<\(title())>];\n")
        out.write("  node [shape=box, style=\"rounded,filled\", fontname=\"\(font)\", fontsize=10, color=\"#868e96\", margin=\"0.12,0.06\"];\n")
        out.write("  edge [fontname=\"\(font)\", fontsize=9, arrowhead=none, color=\"#495057\", fontcolor=\"#495057\"];\n\n")

        let used = Set(journey.actions.map { lane(of: $0) })
        let lanes = Lane.allCases.filter { $0 == .customer || used.contains($0) }

        out.write("  subgraph cluster_lanes {\n    style=invis;\n")
        for lane in lanes {
            out.write("    lane_\(lane) [shape=plaintext, style=\"\", fontsize=11, label=<<b>\(lane.title)</b>>];\n")
        }
        out.write("  }\n\n")

        for index in journey.stages.indices {
            writeStage(index, to: &out)
        }

        for lane in lanes {
            out.write("  { rank=same; lane_\(lane);")
            forEachNode(in: lane) { id in
                out.write(" ")
                out.write(id)
                out.write(";")
            }
            out.write(" }\n")
            out.write("  lane_\(lane)")
            forEachNode(in: lane) { id in
                out.write(" -> ")
                out.write(id)
            }
            out.write(" [style=invis];\n")
        }
        out.write("  " + lanes.map { "lane_\($0)" }.joined(separator: " -> ") + " -> legend [style=invis];\n\n")

        for (index, touchpoint) in journey.touchpoints.enumerated() {
            writeRungs(touchpoint, index: Int32(index), to: &out)
        }
        writeLegend(to: &out)
        out.write("}\n")
    }

    private func title() -> String {
        var details = showIDs ? [DOTText.html(name(journey.id))] : []
        if journey.persona >= 0 { details.append("persona " + DOTText.html(catalogueLabel(journey.persona))) }
        if let strategy = journey.strategy { details.append("strategy " + strategy.spelling) }
        if journey.owner >= 0 { details.append("owner " + DOTText.html(catalogueLabel(journey.owner))) }
        if let coverage = facts.coverage { details.append("coverage " + Format.percent(coverage)) }
        let facts = details.isEmpty ? "" : "<br/><font point-size=\"10\">\(details.joined(separator: " · "))</font>"
        return "<b>\(DOTText.html(file.text(journey.title)))</b>" + facts
    }

    /// Calls `body` with the id of every node of a row, in stage order: a stage's steps (or its
    /// placeholder when it is empty) in the customer row, its actions in their layer's row.
    private func forEachNode(in lane: Lane, _ body: (String) -> Void) {
        for stage in journey.stages {
            if lane == .customer {
                for step in stage.steps { body(stepID(step)) }
                if stage.steps.isEmpty && stage.actions.isEmpty { body(placeholderID(stage)) }
            } else {
                for action in stage.actions where self.lane(of: journey.actions[Int(action)]) == lane { body(actionID(action)) }
            }
        }
    }

    private func placeholderID(_ stage: Stage) -> String { DOTText.identifier("empty", name(stage.id)) }

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
        file.withText(stage.title) { out.writeLabel($0, width: 40) }
        out.write("</b>")
        if !details.isEmpty { out.write("<br/><font point-size=\"9\">\(details.joined(separator: " · "))</font>") }
        out.write(">;\n    style=rounded; color=\"#adb5bd\"; fontsize=12;\n")
        for step in stage.steps { writeStep(step, to: &out) }
        for action in stage.actions { writeAction(action, to: &out) }
        if stage.steps.isEmpty && stage.actions.isEmpty {
            out.write("    \(placeholderID(stage)) [style=invis, label=\"\", width=1.5];\n")
        }
        out.write("  }\n")
    }

    private func writeStep<Sink>(_ index: Int32, to out: inout OutputWriter<Sink>) {
        let step = journey.steps[Int(index)]
        var fill = DOTEmitter.noEmotionColor
        var fontColor = "#212529"
        if let emotion = step.emotion {
            fill = DOTEmitter.emotionColors[Int(emotion) + 3]
            if abs(emotion) == 3 { fontColor = "#ffffff" }
        }
        let warned = warnedSteps.contains(index)
        out.write("    ")
        out.write(stepID(index))
        out.write(" [fillcolor=\"")
        out.write(fill)
        out.write("\", fontcolor=\"")
        out.write(fontColor)
        out.write("\"")
        if step.isCritical { out.write(", peripheries=2") }
        if warned { writeWarningStyle(to: &out) }
        var details: [String] = []
        if showIDs { details.append(DOTText.html(name(step.id))) }
        if let emotion = step.emotion { details.append("emotion " + DOTEmitter.signed(Int(emotion))) }
        if step.isCritical { details.append("★ critical") }
        if step.isSelfService { details.append("self-service") }
        if warned { details.append("⚠ unanswered") }
        writeNodeLabel(step.label, details: details, to: &out)
    }

    /// A node's label: its text in bold, then its facts in small print, when it has any.
    private func writeNodeLabel<Sink>(_ label: TextRef, details: [String], to out: inout OutputWriter<Sink>) {
        out.write(", label=<<b>")
        file.withText(label) { out.writeLabel($0, width: 28) }
        out.write("</b>")
        if !details.isEmpty { out.write("<br/><font point-size=\"8\">" + details.joined(separator: " · ") + "</font>") }
        out.write(">];\n")
    }

    /// The dashed magenta border of an unanswered step or an orphan action.
    private func writeWarningStyle<Sink>(to out: inout OutputWriter<Sink>) {
        out.write(", style=\"rounded,filled,dashed\", color=\"")
        out.write(DOTEmitter.warningColor)
        out.write("\", penwidth=3")
    }

    private func writeAction<Sink>(_ index: Int32, to out: inout OutputWriter<Sink>) {
        let action = journey.actions[Int(index)]
        let warned = warnedActions.contains(index)
        out.write("    ")
        out.write(actionID(index))
        out.write(" [fillcolor=\"")
        out.write(DOTEmitter.layerColors[action.layer]!)
        out.write("\"")
        if warned { writeWarningStyle(to: &out) }
        var details: [String] = []
        if showIDs { details.append(DOTText.html(name(action.id))) }
        if action.owner >= 0 { details.append(DOTText.html(catalogueLabel(action.owner))) }
        if let automation = action.automation { details.append(automation.spelling) }
        if warned { details.append("⚠ answers no step") }
        writeNodeLabel(action.label, details: details, to: &out)
    }

    /// One edge per step–action pair; the first carries the touchpoint's label.
    private func writeRungs<Sink>(_ touchpoint: Touchpoint, index: Int32, to out: inout OutputWriter<Sink>) {
        let isGap = gapTouchpoints.contains(index)
        var first = true
        for step in journey.steps(of: touchpoint) {
            for action in journey.actions(of: touchpoint) {
                out.write("  ")
                out.write(stepID(step))
                out.write(" -> ")
                out.write(actionID(action))
                out.write(" [label=")
                if first {
                    writeRungLabel(touchpoint, isGap: isGap, to: &out)
                } else {
                    out.write("\"\"")
                }
                if isGap {
                    out.write(", color=\"")
                    out.write(DOTEmitter.gapColor)
                    out.write("\", fontcolor=\"")
                    out.write(DOTEmitter.gapColor)
                    out.write("\", penwidth=2.2")
                }
                out.write("];\n")
                first = false
            }
        }
    }

    /// The label of a touchpoint's first rung: its channel, claimed and perceived, and gap.
    private func writeRungLabel<Sink>(_ touchpoint: Touchpoint, isGap: Bool, to out: inout OutputWriter<Sink>) {
        let scores = touchpoint.claimed != nil && touchpoint.perceived != nil
        guard touchpoint.via >= 0 || scores else {
            out.write("\"\"")
            return
        }
        out.write("<")
        if touchpoint.via >= 0 {
            file.withText(file.catalogue.entries[Int(touchpoint.via)].label) { out.writeHTML($0) }
        }
        if let claimed = touchpoint.claimed, let perceived = touchpoint.perceived {
            if touchpoint.via >= 0 { out.write("<br/>") }
            out.write("claimed ")
            out.write(Format.decimal(claimed, digits: 2))
            out.write(" · perceived ")
            out.write(Format.decimal(perceived, digits: 2))
            if isGap {
                out.write("<br/><b>gap ")
                out.write(Format.decimal(claimed - perceived, digits: 2))
                out.write("</b>")
            }
        }
        out.write(">")
    }

    private func writeLegend<Sink>(to out: inout OutputWriter<Sink>) {
        out.write("\n  legend [shape=plaintext, style=\"\", fontsize=9, label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"4\">")
        out.write("<tr><td colspan=\"7\"><b>Legend</b> · emotion of each step, −3 to +3</td></tr><tr>")
        for (offset, color) in DOTEmitter.emotionColors.enumerated() {
            let value = offset - 3
            let fontColor = abs(value) == 3 ? "#ffffff" : "#212529"
            out.write("<td width=\"34\" bgcolor=\"\(color)\"><font color=\"\(fontColor)\">\(DOTEmitter.signed(value))</font></td>")
        }
        out.write("</tr>")
        out.write("<tr><td colspan=\"7\" align=\"left\"><font color=\"\(DOTEmitter.warningColor)\"><b>dashed magenta border</b></font>: unanswered step or orphan action</td></tr>")
        out.write("<tr><td colspan=\"7\" align=\"left\">double border: critical step (a moment of truth)</td></tr>")
        out.write("<tr><td colspan=\"7\" align=\"left\"><font color=\"\(DOTEmitter.gapColor)\"><b>red rung</b></font>: delivery gap of 1 or more (claimed − perceived)</td></tr>")
        out.write("<tr><td colspan=\"2\" bgcolor=\"\(DOTEmitter.layerColors[.frontstage]!)\">frontstage</td>")
        out.write("<td colspan=\"3\" bgcolor=\"\(DOTEmitter.layerColors[.backstage]!)\">backstage</td>")
        out.write("<td colspan=\"2\" bgcolor=\"\(DOTEmitter.layerColors[.support]!)\">support</td></tr>")
        out.write("</table>>];\n")
    }
}
