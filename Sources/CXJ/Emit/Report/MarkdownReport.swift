/// The gap report in GitHub-flavoured Markdown, for documentation and pull requests.
public enum MarkdownReport {
    public static func emit<Sink: OutputSink>(_ files: [CheckedFile], to sink: Sink) -> Sink {
        var out = OutputWriter(sink)
        var first = true
        for file in files {
            for index in file.journeys.indices {
                if !first { out.write("\n---\n\n") }
                first = false
                write(JourneyDigest(file: file, index: index), to: &out)
            }
        }
        if first { out.write("_No journeys._\n") }
        return out.finish()
    }

    /// Escapes text for a table cell or a paragraph.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\", "|", "*", "_", "`", "[", "]", "#": result += "\\" + String(character)
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\n", "\r", "\t": result += " "
            default: result.append(character)
            }
        }
        return result
    }

    static func code(_ text: String) -> String { "`" + text.replacingPipes + "`" }

    /// A diagnostic message as Markdown: its `code` spans stay code spans, the prose between
    /// them is escaped.
    static func message(_ text: String) -> String {
        text.split(separator: "`", omittingEmptySubsequences: false).enumerated().map { index, part in
            index % 2 == 1 ? code(String(part)) : escape(String(part))
        }.joined()
    }

    private static func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |\n" }

    private static func percent(_ value: Double?) -> String { value.map { Format.percent($0) } ?? "—" }

    static func write<Sink>(_ digest: JourneyDigest, to out: inout OutputWriter<Sink>) {
        out.write("# Gap report: \(escape(digest.title))\n\n")
        var facts = ["\(code(digest.id)) in \(code(digest.path))"]
        if let persona = digest.persona { facts.append("persona: \(escape(persona))") }
        if let strategy = digest.strategy { facts.append("strategy: \(code(strategy))") }
        if let owner = digest.owner { facts.append("owner: \(escape(owner))") }
        out.write(facts.joined(separator: " · ") + "\n\n")

        out.write("## Summary\n\n")
        out.write(row(["stages", "steps", "actions", "touchpoints", "coverage", "errors", "warnings", "notes"]))
        out.write("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
        out.write(row([String(digest.counts.stages), String(digest.counts.steps), String(digest.counts.actions),
                       String(digest.counts.touchpoints), percent(digest.coverage), String(digest.severities.errors),
                       String(digest.severities.warnings), String(digest.severities.notes)]))

        out.write("\n## Stages\n\n")
        out.write(row(["#", "stage", "phase", "coverage", "lowest emotion", "reach", "conversion", "target"]))
        out.write("| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |\n")
        for stage in digest.stages {
            var target = stage.target.map { Format.percent($0) } ?? "—"
            if stage.target != nil && stage.conversion != nil { target += stage.missesTarget ? " ⚠️ below" : " ✅" }
            out.write(row([String(stage.number), "\(escape(stage.title)) \(code(stage.id))", stage.phase ?? "—",
                           percent(stage.coverage), stage.lowestEmotion.map(Format.emotion) ?? "—",
                           stage.reach.map(Format.grouped) ?? "—", percent(stage.conversion), target]))
        }

        out.write("\n## Funnel\n\n")
        let funnel = digest.stages.filter { $0.reach != nil }
        if funnel.isEmpty {
            out.write("No stage gives a `reach`.\n")
        } else {
            out.write("```text\n")
            for line in FunnelChart.lines(funnel, barWidth: 40) { out.write(line + "\n") }
            out.write("```\n\n")
            if let drop = digest.largestDrop {
                let title = digest.stages.first { $0.id == drop.stage }.map { escape($0.title) + " " } ?? ""
                out.write("Largest drop: \(title)\(code(drop.stage)) converts \(Format.percent(drop.conversion)) of the stage before it.\n")
            }
        }

        out.write("\n## Delivery gaps\n\n")
        if digest.gaps.isEmpty {
            out.write("No touchpoint gives both `claimed` and `perceived`.\n")
        } else {
            out.write("Largest first; a gap of 1 or more is a finding (`delivery-gap`).\n\n")
            out.write(row(["touchpoint", "stage", "claimed", "perceived", "gap"]))
            out.write("| --- | --- | ---: | ---: | ---: |\n")
            for gap in digest.gaps {
                let size = Format.decimal(gap.gap, digits: 2)
                out.write(row(["\(escape(gap.label)) \(code(gap.touchpoint))",
                               gap.stage.map { "\(escape(gap.stageTitle ?? "")) \(code($0))" } ?? "journey", Format.decimal(gap.claimed, digits: 2),
                               Format.decimal(gap.perceived, digits: 2), gap.gap >= DeliveryGap.threshold ? "**\(size)** ⚠️" : size]))
            }
        }

        out.write("\n## Emotion curve\n\n")
        if digest.emotionCurve.isEmpty {
            out.write("No step gives an `emotion`.\n")
        } else {
            out.write(code(JourneyDigest.sparkline(digest.emotionCurve.map { $0.emotion })) + " from −3 to +3: ")
            out.write(digest.emotionCurve.map { "\(code($0.step)) \(Format.emotion($0.emotion))" }.joined(separator: " · ") + "\n")
        }

        out.write("\n## Ownership and handoffs\n\n")
        if digest.teams.isEmpty {
            out.write("No action names an owner.\n")
        } else {
            out.write(row(["team", "actions", "frontstage", "touchpoints answered"]))
            out.write("| --- | ---: | ---: | ---: |\n")
            for team in digest.teams {
                let name = team.name.isEmpty ? escape(team.label) : "\(escape(team.label)) \(code(team.name))"
                out.write(row([name, String(team.actions), String(team.frontstage), String(team.touchpoints)]))
            }
        }
        out.write("\nHandoffs between consecutive touchpoints: **\(digest.handoffs.count)**")
        if !digest.handoffs.isEmpty {
            out.write(" — " + digest.handoffs.map { $0.describe(code) }.joined(separator: "; "))
        }
        out.write("\n")

        out.write("\n## Opportunities\n\n")
        if digest.opportunities.isEmpty {
            out.write("None recorded.\n")
        } else {
            out.write(row(["opportunity", "addresses", "kind", "owner", "impact", "effort"]))
            out.write("| --- | --- | --- | --- | --- | --- |\n")
            for opportunity in digest.opportunities {
                out.write(row(["\(escape(opportunity.label)) \(code(opportunity.id))",
                               opportunity.addresses.map(code).joined(separator: ", "), opportunity.kind ?? "—",
                               opportunity.owner.map(escape) ?? "—", opportunity.impact ?? "—", opportunity.effort ?? "—"]))
            }
            for opportunity in digest.opportunities where !opportunity.planned.isEmpty {
                out.write("\nPlanned by \(escape(opportunity.label)) \(code(opportunity.id)):\n\n")
                for finding in opportunity.planned {
                    out.write("- \(code(finding.code.name)): \(message(finding.message)) (\(code(finding.location)))\n")
                }
            }
        }
        out.write("\n")
        if digest.gapsWithoutOpportunity.isEmpty {
            out.write("Every gap has an opportunity.\n")
        } else {
            out.write("Gaps that no opportunity addresses:\n\n")
            for finding in digest.gapsWithoutOpportunity {
                out.write("- \(code(finding.code.name)) at \(finding.element.map { "\(escape($0.label)) \(code($0.id))" } ?? "the journey"): "
                          + "\(message(finding.message)) (\(code(finding.location)))\n")
            }
        }

        out.write("\n## Findings\n\n")
        if digest.findings.isEmpty {
            out.write("No findings.\n")
        } else {
            out.write(row(["severity", "rule", "about", "message", "location"]))
            out.write("| --- | --- | --- | --- | --- |\n")
            for finding in digest.findings {
                out.write(row([finding.severity.name, "\(finding.code.id) \(code(finding.code.name))",
                               finding.element.map { "\(escape($0.label)) \(code($0.id))" } ?? "—", message(finding.message),
                               code(finding.location)]))
            }
        }

        out.write("\n## Acknowledged gaps\n\n")
        if digest.allows.isEmpty {
            out.write("No `allow` in this journey.\n")
        } else {
            out.write(row(["rules", "where", "reason", "location"]))
            out.write("| --- | --- | --- | --- |\n")
            for allow in digest.allows {
                out.write(row([allow.rules.map(code).joined(separator: ", "), escape(allow.element),
                               allow.reason.map(escape) ?? "_no reason given_", code(allow.location)]))
            }
        }
    }
}

/// The funnel as a bar chart in monospaced text, shared by both reports.
enum FunnelChart {
    /// A stage as the chart names it: its title, then its id.
    static func name(_ stage: JourneyDigest.StageRow) -> String { "\(stage.title) (\(stage.id))" }

    static func lines(_ stages: [JourneyDigest.StageRow], barWidth: Int) -> [String] {
        let largest = stages.compactMap { $0.reach }.max() ?? 1
        let nameWidth = stages.map { DisplayWidth.of(name($0)) }.max() ?? 0
        let reachWidth = stages.map { Format.grouped($0.reach ?? 0).count }.max() ?? 0
        return stages.map { stage in
            let reach = stage.reach ?? 0
            let eighths = largest > 0 ? Int((Double(reach) / Double(largest) * Double(barWidth * 8)).rounded()) : 0
            var bar = String(repeating: "█", count: eighths / 8)
            let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
            bar += partial
            let padding = barWidth - bar.count
            var line = name(stage) + String(repeating: " ", count: nameWidth - DisplayWidth.of(name(stage))) + "  " + bar
            line += String(repeating: " ", count: max(0, padding)) + "  "
            let grouped = Format.grouped(reach)
            line += String(repeating: " ", count: reachWidth - grouped.count) + grouped
            if let conversion = stage.conversion {
                line += "  " + Format.percent(conversion)
                if stage.missesTarget, let target = stage.target { line += " (target " + Format.percent(target) + ")" }
            }
            return line
        }
    }
}

private extension String {
    /// `|` escaped, as GitHub tables need even inside code spans.
    var replacingPipes: String {
        contains("|") ? split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") : self
    }
}
