/// The gap report for a terminal: the same content as `MarkdownReport`, as plain text that
/// fits in 100 columns.
public enum TextReport {
    public static let width = 100

    public static func emit<Sink: OutputSink>(_ files: [CheckedFile], to sink: Sink) -> Sink {
        var out = OutputWriter(sink)
        var first = true
        for file in files {
            for index in file.journeys.indices {
                if !first { out.write("\n" + String(repeating: "━", count: width) + "\n\n") }
                first = false
                for line in lines(JourneyDigest(file: file, index: index)) { out.write(line + "\n") }
            }
        }
        if first { out.write("No journeys.\n") }
        return out.finish()
    }

    private static func heading(_ text: String, _ underline: Character) -> [String] {
        ["", text, String(repeating: underline, count: min(width, DisplayWidth.of(text)))]
    }

    private static func percent(_ value: Double?) -> String { value.map { Format.percent($0) } ?? "—" }

    /// Wraps a paragraph to the report width.
    private static func paragraph(_ text: String, indent: Int = 0) -> [String] {
        TextTable.wrap(text, width: width - indent).map { String(repeating: " ", count: indent) + $0 }
    }

    static func lines(_ digest: JourneyDigest) -> [String] {
        var lines = [String]()
        let title = "Gap report: \(digest.title)"
        lines += TextTable.wrap(title, width: width)
        lines.append(String(repeating: "═", count: min(width, DisplayWidth.of(title))))
        var facts = ["\(digest.id) in \(digest.path)"]
        if let persona = digest.persona { facts.append("persona: \(persona)") }
        if let strategy = digest.strategy { facts.append("strategy: \(strategy)") }
        if let owner = digest.owner { facts.append("owner: \(owner)") }
        lines += paragraph(facts.joined(separator: " · "))

        lines += heading("Summary", "─")
        var summary = TextTable(headers: ["stages", "steps", "actions", "touchpoints", "coverage", "errors", "warnings", "notes"])
        summary.rightAligned = Set(0..<8)
        summary.rows = [[String(digest.counts.stages), String(digest.counts.steps), String(digest.counts.actions),
                         String(digest.counts.touchpoints), percent(digest.coverage), String(digest.severities.errors),
                         String(digest.severities.warnings), String(digest.severities.notes)]]
        lines += summary.render(width: width)

        lines += heading("Stages", "─")
        var stages = TextTable(headers: ["#", "stage", "phase", "coverage", "lowest", "reach", "conversion", "target"])
        stages.rightAligned = [0, 3, 4, 5, 6, 7]
        stages.rows = digest.stages.map { stage in
            var target = stage.target.map { Format.percent($0) } ?? "—"
            if stage.target != nil && stage.conversion != nil { target += stage.missesTarget ? " below" : " met" }
            return [String(stage.number), "\(stage.title) (\(stage.id))", stage.phase ?? "—", percent(stage.coverage),
                    stage.lowestEmotion.map(Format.emotion) ?? "—", stage.reach.map(Format.grouped) ?? "—",
                    percent(stage.conversion), target]
        }
        lines += stages.render(width: width)

        lines += heading("Funnel", "─")
        let funnel = digest.stages.filter { $0.reach != nil }
        if funnel.isEmpty {
            lines.append("  No stage gives a reach.")
        } else {
            let nameWidth = funnel.map { DisplayWidth.of(FunnelChart.name($0)) }.max() ?? 0
            let barWidth = max(10, min(40, width - 2 - nameWidth - 40))
            lines += FunnelChart.lines(funnel, barWidth: barWidth).map { "  " + $0 }
            if let drop = digest.largestDrop {
                let title = digest.stages.first { $0.id == drop.stage }.map { $0.title + " " } ?? ""
                lines += paragraph("Largest drop: \(title)(\(drop.stage)) converts \(Format.percent(drop.conversion)) of the stage before it.", indent: 2)
            }
        }

        lines += heading("Delivery gaps (largest first)", "─")
        if digest.gaps.isEmpty {
            lines.append("  No touchpoint gives both claimed and perceived.")
        } else {
            var gaps = TextTable(headers: ["touchpoint", "stage", "claimed", "perceived", "gap"])
            gaps.rightAligned = [2, 3, 4]
            gaps.rows = digest.gaps.map { gap in
                let size = Format.decimal(gap.gap, digits: 2)
                return ["\(gap.label) (\(gap.touchpoint))", gap.stageTitle ?? "journey", Format.decimal(gap.claimed, digits: 2),
                        Format.decimal(gap.perceived, digits: 2), gap.gap >= DeliveryGap.threshold ? "! " + size : size]
            }
            lines += gaps.render(width: width)
        }

        lines += heading("Emotion curve (−3 … +3)", "─")
        if digest.emotionCurve.isEmpty {
            lines.append("  No step gives an emotion.")
        } else {
            lines.append("  " + JourneyDigest.sparkline(digest.emotionCurve.map { $0.emotion }))
            lines += paragraph(digest.emotionCurve.map { "\($0.step) \(Format.emotion($0.emotion))" }.joined(separator: " · "), indent: 2)
        }

        lines += heading("Ownership and handoffs", "─")
        if digest.teams.isEmpty {
            lines.append("  No action names an owner.")
        } else {
            var teams = TextTable(headers: ["team", "actions", "frontstage", "touchpoints answered"])
            teams.rightAligned = [1, 2, 3]
            teams.rows = digest.teams.map { team in
                [team.name.isEmpty ? team.label : "\(team.label) (\(team.name))", String(team.actions),
                 String(team.frontstage), String(team.touchpoints)]
            }
            lines += teams.render(width: width)
        }
        var handoffs = "Handoffs between consecutive touchpoints: \(digest.handoffs.count)"
        if !digest.handoffs.isEmpty {
            handoffs += " — " + digest.handoffs.map { $0.describe { $0 } }.joined(separator: "; ")
        }
        lines.append("")
        lines += paragraph(handoffs, indent: 2)

        lines += heading("Opportunities", "─")
        if digest.opportunities.isEmpty {
            lines.append("  None recorded.")
        } else {
            var opportunities = TextTable(headers: ["opportunity", "addresses", "kind", "owner", "impact", "effort"])
            opportunities.rows = digest.opportunities.map { opportunity in
                ["\(opportunity.label) (\(opportunity.id))", opportunity.addresses.joined(separator: ", "),
                 opportunity.kind ?? "—", opportunity.owner ?? "—", opportunity.impact ?? "—", opportunity.effort ?? "—"]
            }
            lines += opportunities.render(width: width)
            for opportunity in digest.opportunities where !opportunity.planned.isEmpty {
                lines.append("")
                lines.append("  Planned by \(opportunity.label) (\(opportunity.id)):")
                for finding in opportunity.planned {
                    lines += TextTable.wrap("\(finding.code.name): \(finding.message) (\(finding.location))", width: width - 6)
                        .enumerated().map { ($0 == 0 ? "  - " : "    ") + $1 }
                }
            }
        }
        lines.append("")
        if digest.gapsWithoutOpportunity.isEmpty {
            lines.append("  Every gap has an opportunity.")
        } else {
            lines.append("  Gaps that no opportunity addresses:")
            for finding in digest.gapsWithoutOpportunity {
                let about = finding.element.map { " at \($0.label) (\($0.id))" } ?? ""
                lines += TextTable.wrap("\(finding.code.name)\(about): \(finding.message) (\(finding.location))", width: width - 6)
                    .enumerated().map { ($0 == 0 ? "  - " : "    ") + $1 }
            }
        }

        lines += heading("Findings", "─")
        if digest.findings.isEmpty {
            lines.append("  No findings.")
        } else {
            var findings = TextTable(headers: ["severity", "code", "about", "message", "location"])
            findings.rows = digest.findings.map { [$0.severity.name, $0.code.id, $0.element.map { "\($0.label) (\($0.id))" } ?? "—", $0.message, $0.location] }
            lines += findings.render(width: width)
        }

        lines += heading("Acknowledged gaps (allow)", "─")
        if digest.allows.isEmpty {
            lines.append("  No allow in this journey.")
        } else {
            var allows = TextTable(headers: ["rules", "where", "reason", "location"])
            allows.rows = digest.allows.map { [$0.rules.joined(separator: ", "), $0.element, $0.reason ?? "(no reason)", $0.location] }
            lines += allows.render(width: width)
        }
        return lines
    }
}
