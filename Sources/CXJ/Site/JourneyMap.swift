/// A journey as a service blueprint in HTML and CSS grid: stages are columns, one grid column
/// per customer step; the rows are the stage headers, the emotion curve (inline SVG spanning the
/// step columns, one point per column), the customer's steps, the line of interaction, the
/// touchpoints, the frontstage actions, the line of visibility, and the backstage and support
/// actions. A touchpoint sits under the first step it pairs; an action under the first step it
/// answers (else under its stage's first column). Everything a colour says is also said in words.
struct JourneyMap {
    let entry: SiteContent.Entry
    /// The width of a step column in the grid, in rem; the SVG uses the same columns.
    static let columnWidth = 10.0

    private var file: CheckedFile { entry.file }
    private var journey: Journey { entry.journey }

    /// Grid column (1-based, after the lane titles) of each step, and of each stage's first and last.
    private func columns() -> (step: [Int], stageStart: [Int], stageEnd: [Int], count: Int) {
        var step = [Int](filling: 0, count: journey.steps.count)
        var start: [Int] = []
        var end: [Int] = []
        var column = 2
        for stage in journey.stages {
            start.append(column)
            if stage.steps.isEmpty {
                column += 1
            } else {
                for index in stage.steps {
                    step[Int(index)] = column
                    column += 1
                }
            }
            end.append(column)
        }
        return (step, start, end, column - 2)
    }

    func html() -> String {
        let (stepColumn, stageStart, stageEnd, count) = columns()
        let marks = FindingMarks(file, journey: entry.index)
        // Where touchpoints and actions go: the column of the first step they pair or answer.
        var touchpointsAt: [Int: [Int]] = [:]
        var actionColumn = journey.actions.map { stageStart[Int($0.stage)] }
        var placed = [Bool](filling: false, count: journey.actions.count)
        for position in entry.order.touchpoints {
            let index = Int(position)
            let touchpoint = journey.touchpoints[index]
            let column = journey.steps(of: touchpoint).map { stepColumn[Int($0)] }.min()
                ?? (touchpoint.stage >= 0 ? stageStart[Int(touchpoint.stage)] : 2)
            touchpointsAt[column, default: []].append(index)
            for action in journey.actions(of: touchpoint) where !placed[Int(action)] {
                // An action stays within its own stage's columns.
                let stage = Int(journey.actions[Int(action)].stage)
                actionColumn[Int(action)] = min(max(column, stageStart[stage]), stageEnd[stage] - 1)
                placed[Int(action)] = true
            }
        }

        var out = "<div class=\"map\" style=\"grid-template-columns: 7.5rem repeat(\(count), \(JourneyMap.columnWidth)rem)\">\n"
        var row = 1
        func lane(_ title: String) { out += "<div class=\"lane\" style=\"grid-row: \(row); grid-column: 1\">\(title)</div>\n" }
        func line(_ title: String) {
            out += "<div class=\"line-of\" style=\"grid-row: \(row); grid-column: 2 / span \(count)\">\(title)</div>\n"
            row += 1
        }

        lane("Stage")
        for (index, stage) in journey.stages.enumerated() {
            out += "<div class=\"stage\" style=\"grid-row: \(row); grid-column: \(stageStart[index]) / \(stageEnd[index])\">"
            out += "<h3>\(index + 1). \(HTMLText.escape(file.text(stage.title)))</h3>"
            var details: [String] = []
            if let phase = stage.phase { details.append(phase.spelling) }
            if let reach = stage.reach { details.append("reach " + Format.grouped(reach)) }
            if let conversion = entry.facts.conversion[index] {
                var text = "conversion " + Format.percent(conversion)
                if let target = stage.targetConversion {
                    text += conversion < target - 1e-12 ? ", below its target of " + Format.percent(target) : ", target " + Format.percent(target) + " met"
                }
                details.append(text)
            }
            if !details.isEmpty { out += "<p>" + HTMLText.escape(details.joined(separator: " · ")) + "</p>" }
            out += "</div>\n"
        }
        row += 1

        lane("Emotion")
        out += "<div class=\"curve\" style=\"grid-row: \(row); grid-column: 2 / span \(count)\">\(curve(stepColumn, count: count))</div>\n"
        row += 1

        lane("Customer")
        for (index, step) in journey.steps.enumerated() {
            out += "<div class=\"cell\" style=\"grid-row: \(row); grid-column: \(stepColumn[index])\">"
            out += stepCard(Int32(index), step, unanswered: marks.unansweredSteps.contains(Int32(index)))
            out += "</div>\n"
        }
        row += 1
        line("line of interaction")

        if !journey.touchpoints.isEmpty {
            lane("Touchpoints")
            for column in touchpointsAt.keys.sorted() {
                out += "<div class=\"cell\" style=\"grid-row: \(row); grid-column: \(column)\">"
                for index in touchpointsAt[column]! { out += touchpointCard(index, isGap: marks.gapTouchpoints.contains(Int32(index))) }
                out += "</div>\n"
            }
            row += 1
        }

        let layers = Set(journey.actions.map { $0.layer })
        for layer in [Layer.frontstage, .backstage, .support] {
            let actions = journey.actions.indices.filter { journey.actions[$0].layer == layer }
            guard !actions.isEmpty else { continue }
            if layer == .backstage || (layer == .support && !layers.contains(.backstage)) { line("line of visibility") }
            if layer == .support { line("line of internal interaction") }
            lane(layer.spelling.prefix(1).uppercased() + layer.spelling.dropFirst())
            var byColumn: [Int: [Int]] = [:]
            for action in actions { byColumn[actionColumn[action], default: []].append(action) }
            for column in byColumn.keys.sorted() {
                out += "<div class=\"cell\" style=\"grid-row: \(row); grid-column: \(column)\">"
                for action in byColumn[column]! { out += actionCard(action, isOrphan: marks.orphanActions.contains(Int32(action))) }
                out += "</div>\n"
            }
            row += 1
        }
        out += "</div>\n"
        return out
    }

    private func stepCard(_ index: Int32, _ step: Step, unanswered: Bool) -> String {
        var classes = ["card", "step", step.emotion.map { "e\($0)" } ?? "enone"]
        if step.isCritical { classes.append("critical") }
        if unanswered { classes.append("unanswered") }
        var out = "<div class=\"\(classes.joined(separator: " "))\" id=\"step-\(HTMLText.slug(file.name(step.id)))\" data-step=\"\(HTMLText.escape(file.name(step.id)))\">"
        out += "<strong>\(HTMLText.escape(file.text(step.label)))</strong>"
        var meta: [String] = []
        if let emotion = step.emotion { meta.append("emotion " + Format.emotion(Int(emotion))) }
        if step.channel >= 0 { meta.append(label(step.channel)) }
        if step.isSelfService { meta.append("self-service") }
        if !meta.isEmpty { out += "<span class=\"meta\">\(HTMLText.escape(meta.joined(separator: " · ")))</span>" }
        if step.isCritical { out += "<span class=\"flag\">★ moment of truth</span>" }
        if unanswered { out += "<span class=\"flag\">⚠ nothing answers this step</span>" }
        var voice = ""
        for (word, kind) in [("thinks", TextKind.thinks), ("needs", .needs), ("pain", .pain), ("info", .info)] {
            for text in journey.texts(step.texts, of: kind) {
                voice += "<dt>\(word)</dt><dd>\(HTMLText.escape(file.text(text)))</dd>"
            }
        }
        if !voice.isEmpty { out += "<div class=\"voice\"><dl>\(voice)</dl></div>" }
        return out + "</div>"
    }

    private func touchpointCard(_ index: Int, isGap: Bool) -> String {
        let touchpoint = journey.touchpoints[index]
        var out = "<div class=\"card touchpoint\(isGap ? " gap" : "")\">"
        out += "<strong>" + (touchpoint.via >= 0 ? HTMLText.escape(label(touchpoint.via)) : "touchpoint") + "</strong>"
        if let claimed = touchpoint.claimed, let perceived = touchpoint.perceived {
            out += "<span class=\"meta\">claimed \(Format.decimal(claimed, digits: 2)) → perceived \(Format.decimal(perceived, digits: 2))</span>"
        }
        if isGap, let gap = touchpoint.deliveryGap { out += "<span class=\"flag\">⚠ delivery gap \(Format.decimal(gap, digits: 2))</span>" }
        let actions = journey.actions(of: touchpoint).map { HTMLText.escape(file.text(journey.actions[Int($0)].label)) }
        out += "<span class=\"meta\">answered by " + actions.joined(separator: ", ") + "</span>"
        return out + "</div>"
    }

    private func actionCard(_ index: Int, isOrphan: Bool) -> String {
        let action = journey.actions[index]
        var out = "<div class=\"card action \(action.layer.spelling)\(isOrphan ? " orphan" : "")\" id=\"action-\(HTMLText.slug(file.name(action.id)))\">"
        out += "<strong>\(HTMLText.escape(file.text(action.label)))</strong>"
        var meta: [String] = []
        if action.owner >= 0 { meta.append(label(action.owner)) }
        if action.channel >= 0 { meta.append(label(action.channel)) }
        if let automation = action.automation { meta.append(automation.spelling) }
        if !action.systems.isEmpty { meta.append("uses " + journey.uses(of: action).map(label).joined(separator: ", ")) }
        if !meta.isEmpty { out += "<span class=\"meta\">\(HTMLText.escape(meta.joined(separator: " · ")))</span>" }
        if isOrphan { out += "<span class=\"flag\">⚠ answers no step</span>" }
        return out + "</div>"
    }

    private func label(_ entry: Int32) -> String { file.text(file.catalogue.entries[Int(entry)].label) }

    /// The emotion curve: one point per step column, from −3 (bottom) to +3 (top). The SVG
    /// stretches over the step columns, so its points stay under their steps at any font size;
    /// strokes do not scale, so points stay round.
    private func curve(_ stepColumn: [Int], count: Int) -> String {
        let width = count * 100
        func y(_ emotion: Int) -> Int { 50 - emotion * 14 }
        var points: [(x: Int, y: Int, emotion: Int)] = []
        var described: [String] = []
        for (index, step) in journey.steps.enumerated() {
            guard let emotion = step.emotion else { continue }
            points.append(((stepColumn[index] - 2) * 100 + 50, y(Int(emotion)), Int(emotion)))
            described.append(file.text(step.label) + " " + Format.emotion(Int(emotion)))
        }
        let summary = points.isEmpty ? "No step gives an emotion." : "Emotion from −3 to +3, step by step: " + described.joined(separator: "; ")
        var out = "<svg viewBox=\"0 0 \(width) 100\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"\(HTMLText.escape(summary))\">"
        out += "<title>\(HTMLText.escape(summary))</title>"
        out += "<line class=\"axis\" x1=\"0\" y1=\"50\" x2=\"\(width)\" y2=\"50\" vector-effect=\"non-scaling-stroke\"/>"
        if points.count > 1 {
            out += "<polyline class=\"path\" vector-effect=\"non-scaling-stroke\" points=\""
            out += points.map { "\($0.x),\($0.y)" }.joined(separator: " ") + "\"/>"
        }
        let colors = ["var(--e-3)", "var(--e-2)", "var(--e-1)", "var(--e0)", "var(--e1)", "var(--e2)", "var(--e3)"]
        for point in points {
            out += "<line class=\"dot\" x1=\"\(point.x)\" y1=\"\(point.y)\" x2=\"\(point.x)\" y2=\"\(point.y)\" stroke=\"\(colors[point.emotion + 3])\" vector-effect=\"non-scaling-stroke\"/>"
        }
        return out + "</svg>"
    }
}
