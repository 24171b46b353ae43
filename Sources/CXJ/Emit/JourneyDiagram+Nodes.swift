/// The nodes, rungs, title and legend of a journey diagram.
extension JourneyDiagram {
    /// The title, the journey's facts, and a compact legend under them, as one HTML-like table.
    func writeTitle<Sink>(to out: inout OutputWriter<Sink>) {
        var details = showIDs ? [DOTText.html(name(journey.id))] : []
        if journey.persona >= 0 { details.append("persona " + DOTText.html(catalogueLabel(journey.persona))) }
        if let strategy = journey.strategy { details.append("strategy " + strategy.spelling) }
        if journey.owner >= 0 { details.append("owner " + DOTText.html(catalogueLabel(journey.owner))) }
        if let coverage = facts.coverage { details.append("coverage " + Format.percent(coverage)) }
        out.write("<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"2\"><tr><td align=\"left\"><b>")
        withText(journey.title) { out.writeLabel($0, width: 60) }
        out.write("</b></td></tr>")
        if !details.isEmpty {
            out.write("<tr><td align=\"left\"><font point-size=\"10\">\(details.joined(separator: " · "))</font></td></tr>")
        }
        out.write("<tr><td align=\"left\">")
        writeLegend(to: &out)
        out.write("</td></tr></table>")
    }

    /// Two short rows: the emotion scale with the layer colours, then what borders and red mean.
    private func writeLegend<Sink>(to out: inout OutputWriter<Sink>) {
        out.write("<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"0\"><tr><td align=\"left\">")
        out.write("<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"2\"><tr><td border=\"0\"><font point-size=\"8\">emotion </font></td>")
        for (offset, color) in DOTEmitter.emotionColors.enumerated() {
            let value = offset - 3
            let fontColor = abs(value) == 3 ? "#ffffff" : "#212529"
            out.write("<td width=\"24\" height=\"16\" fixedsize=\"true\" bgcolor=\"\(color)\"><font point-size=\"8\" color=\"\(fontColor)\">\(DOTEmitter.signed(value))</font></td>")
        }
        out.write("<td border=\"0\" width=\"12\"> </td>")
        for (layer, name) in [(Layer.frontstage, "frontstage"), (.backstage, "backstage"), (.support, "support")] {
            out.write("<td bgcolor=\"\(DOTEmitter.layerColor(layer))\"><font point-size=\"8\">\(name)</font></td>")
        }
        out.write("</tr></table></td></tr><tr><td align=\"left\"><font point-size=\"8\">")
        out.write("double border: critical step · <font color=\"\(DOTEmitter.warningColor)\"><b>dashed magenta</b></font>: unanswered step or orphan action<br align=\"left\"/>")
        out.write("touchpoint: channel, claimed → perceived · <font color=\"\(DOTEmitter.gapColor)\"><b>red</b></font>: gap of 1 or more<br align=\"left\"/>")
        out.write("</font></td></tr></table>")
    }

    func writeStep<Sink>(_ index: Int32, to out: inout OutputWriter<Sink>) {
        let step = journey.steps[Int(index)]
        var fill = DOTEmitter.noEmotionColor
        var fontColor: StaticString = "#212529"
        if let emotion = step.emotion {
            fill = DOTEmitter.emotionColors[Int(emotion) + 3]
            if abs(emotion) == 3 { fontColor = "#ffffff" }
        }
        let warned = marks.unansweredSteps.contains(index)
        out.write("    ")
        writeID(.step(index), to: &out)
        out.write(" [fillcolor=\"")
        out.write(fill)
        out.write("\", fontcolor=\"")
        out.write(fontColor)
        out.write("\"")
        if step.isCritical { out.write(", peripheries=2") }
        if warned { writeWarningStyle(to: &out) }
        writeLabelText(step.label, to: &out)
        var details = NodeDetails()
        if showIDs {
            details.next(&out)
            out.writeHTML(name(step.id))
        }
        if let emotion = step.emotion {
            details.next(&out)
            out.write("emotion ")
            DOTEmitter.writeSigned(Int(emotion), to: &out)
        }
        if step.isCritical {
            details.next(&out)
            out.write("★ critical")
        }
        if step.isSelfService {
            details.next(&out)
            out.write("self-service")
        }
        if warned {
            details.next(&out)
            out.write("⚠ unanswered")
        }
        details.close(&out)
    }

    func writeAction<Sink>(_ index: Int32, to out: inout OutputWriter<Sink>) {
        let action = journey.actions[Int(index)]
        let warned = marks.orphanActions.contains(index)
        out.write("    ")
        writeID(.action(index), to: &out)
        out.write(" [fillcolor=\"")
        out.write(DOTEmitter.layerColor(action.layer))
        out.write("\"")
        if warned { writeWarningStyle(to: &out) }
        writeLabelText(action.label, to: &out)
        var details = NodeDetails()
        if showIDs {
            details.next(&out)
            out.writeHTML(name(action.id))
        }
        if action.owner >= 0 {
            details.next(&out)
            withText(file.catalogue.entries[Int(action.owner)].label) { out.writeHTML($0) }
        }
        if let automation = action.automation {
            details.next(&out)
            out.write(automation.spelling)
        }
        if warned {
            details.next(&out)
            out.write("⚠ answers no step")
        }
        details.close(&out)
    }

    /// The start of a node's label: its text in bold.
    private func writeLabelText<Sink>(_ label: TextRef, to out: inout OutputWriter<Sink>) {
        out.write(", label=<<b>")
        withText(label) { out.writeLabel($0, width: DOTEmitter.labelWidth) }
        out.write("</b>")
    }

    /// The dashed magenta border of an unanswered step or an orphan action.
    private func writeWarningStyle<Sink>(to out: inout OutputWriter<Sink>) {
        out.write(", style=\"rounded,filled,dashed\", color=\"")
        out.write(DOTEmitter.warningColor)
        out.write("\", penwidth=3")
    }

    /// A touchpoint's node: its channel and `claimed → perceived`, and the gap when it is one;
    /// a dot when it has neither.
    func writeTouchpoint<Sink>(_ index: Int, indent: StaticString, to out: inout OutputWriter<Sink>) {
        let touchpoint = journey.touchpoints[index]
        let isGap = marks.gapTouchpoints.contains(Int32(index))
        out.write(indent)
        writeID(.touchpoint(index), to: &out)
        guard touchpoint.via >= 0 || touchpoint.deliveryGap != nil else {
            out.write(" [shape=point, width=0.08, color=\"#495057\"];\n")
            return
        }
        out.write(" [style=\"rounded\", fontsize=8, margin=\"0.04,0.02\", color=\"")
        if isGap {
            out.write(DOTEmitter.gapColor)
            out.write("\", penwidth=2, fontcolor=\"")
            out.write(DOTEmitter.gapColor)
            out.write("\"")
        } else {
            out.write("#adb5bd\", fontcolor=\"#495057\"")
        }
        out.write(", label=<")
        if touchpoint.via >= 0 {
            withText(file.catalogue.entries[Int(touchpoint.via)].label) { out.writeLabel($0, width: 18) }
        }
        if let claimed = touchpoint.claimed, let perceived = touchpoint.perceived {
            if touchpoint.via >= 0 { out.write("<br/>") }
            Format.withDecimal(claimed, digits: 2) { out.write(bytes: $0) }
            out.write(" → ")
            Format.withDecimal(perceived, digits: 2) { out.write(bytes: $0) }
            if isGap {
                out.write("<br/><b>gap ")
                Format.withDecimal(claimed - perceived, digits: 2) { out.write(bytes: $0) }
                out.write("</b>")
            }
        }
        out.write(">];\n")
    }

    /// The rungs of a touchpoint: each step to the touchpoint, the touchpoint to each action.
    func writeRungs<Sink>(_ index: Int, to out: inout OutputWriter<Sink>) {
        let touchpoint = journey.touchpoints[index]
        let isGap = marks.gapTouchpoints.contains(Int32(index))
        // Index ranges, not slices: a slice would retain the pairing arrays once per touchpoint.
        for position in touchpoint.steps {
            writeRung(.step(journey.pairedSteps[Int(position)]), .touchpoint(index), isGap: isGap, to: &out)
        }
        for position in touchpoint.actions {
            writeRung(.touchpoint(index), .action(journey.pairedActions[Int(position)]), isGap: isGap, to: &out)
        }
    }

    /// A rung, red and thicker when its touchpoint is a gap.
    private func writeRung<Sink>(_ from: DiagramNode, _ to: DiagramNode, isGap: Bool, to out: inout OutputWriter<Sink>) {
        out.write("  ")
        writeID(from, to: &out)
        out.write(" -> ")
        writeID(to, to: &out)
        if isGap {
            out.write(" [color=\"")
            out.write(DOTEmitter.gapColor)
            out.write("\", penwidth=2.2]")
        }
        out.write(";\n")
    }
}

/// A node's facts in small print under its label, written straight to the output: the first
/// opens the small print, the others are separated by ` · `.
struct NodeDetails {
    private var isOpen = false

    mutating func next<Sink>(_ out: inout OutputWriter<Sink>) {
        out.write(isOpen ? " · " : "<br/><font point-size=\"8\">")
        isOpen = true
    }

    /// Ends the small print, if any, and the node's label and attributes.
    func close<Sink>(_ out: inout OutputWriter<Sink>) {
        out.write(isOpen ? "</font>>];\n" : ">];\n")
    }
}
