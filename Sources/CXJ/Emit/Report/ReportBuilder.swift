/// Arranges a journey's digest into the sections of the gap report, in reading order: what the
/// journey is, where customers drop, where the strands fail to meet, what the customer says,
/// who owns what, and what to do about it.
enum ReportBuilder {
    /// Without `diagrams`, the Mermaid block is left empty, for a writer that leaves it out
    /// (`ReportDocument.withoutDiagrams`).
    static func document(_ digest: JourneyDigest, diagrams: Bool = true) -> ReportDocument {
        var document = ReportDocument()
        header(digest, &document)
        stages(digest, &document)
        document.heading(2, [.text("Journey at a glance")], anchor: "glance")
        document.blocks.append(.mermaid(diagrams ? digest.mermaid : ""))
        funnel(digest, &document)
        momentsOfTruth(digest, &document)
        voice(digest, &document)
        deliveryGaps(digest, &document)
        emotionCurve(digest, &document)
        kpis(digest, &document)
        ownership(digest, &document)
        opportunities(digest, &document)
        findings(digest, &document)
        allows(digest, &document)
        return document
    }

    private static func percent(_ value: Double?) -> [ReportSpan] { [.text(value.map { Format.percent($0) } ?? "—")] }
    private static func plain(_ value: String?) -> [ReportSpan] { [.text(value ?? "—")] }
    private static func number(_ value: Int) -> [ReportSpan] { [.text(String(value))] }

    private static func header(_ digest: JourneyDigest, _ document: inout ReportDocument) {
        document.heading(1, [.text("Gap report: " + digest.title)], anchor: "report")
        var facts: [ReportSpan] = [.id(digest.id), .text(" in "), .code(digest.path)]
        if let persona = digest.persona { facts += [.text(" · persona: " + persona)] }
        if let strategy = digest.strategy { facts += [.text(" · strategy: "), .code(strategy)] }
        if let owner = digest.owner { facts += [.text(" · owner: " + owner)] }
        document.paragraph(facts)

        document.heading(2, [.text("Summary")], anchor: "summary")
        document.table(ReportTable(
            headers: ["stages", "steps", "actions", "touchpoints", "coverage", "errors", "warnings", "notes"],
            numeric: Set(0..<8),
            rows: [[number(digest.counts.stages), number(digest.counts.steps), number(digest.counts.actions),
                    number(digest.counts.touchpoints), percent(digest.coverage), number(digest.severities.errors),
                    number(digest.severities.warnings), number(digest.severities.notes)]]))
    }

    private static func stages(_ digest: JourneyDigest, _ document: inout ReportDocument) {
        document.heading(2, [.text("Stages")], anchor: "stages")
        var table = ReportTable(headers: ["#", "stage", "phase", "coverage", "lowest emotion", "reach", "conversion", "target"],
                                numeric: [0, 3, 4, 5, 6, 7])
        table.rows = digest.stages.map { stage in
            var target: [ReportSpan] = [.text(stage.target.map { Format.percent($0) } ?? "—")]
            if stage.target != nil && stage.conversion != nil {
                target += [.text(" "), stage.missesTarget ? .status("below", isBad: true) : .status("met", isBad: false)]
            }
            return [number(stage.number), ReportSpan.named(stage.title, stage.id), plain(stage.phase), percent(stage.coverage),
                    plain(stage.lowestEmotion.map(Format.emotion)), plain(stage.reach.map(Format.grouped)),
                    percent(stage.conversion), target]
        }
        document.table(table)
    }

    private static func funnel(_ digest: JourneyDigest, _ document: inout ReportDocument) {
        document.heading(2, [.text("Funnel")], anchor: "funnel")
        let funnel = digest.stages.filter { $0.reach != nil }
        guard !funnel.isEmpty else { return document.paragraph([.text("No stage gives a "), .code("reach"), .text(".")]) }
        // Bars narrow for long stage names, so the chart fits a 100-column terminal too.
        let nameWidth = funnel.map { DisplayWidth.of(FunnelChart.name($0)) }.max() ?? 0
        document.blocks.append(.preformatted(FunnelChart.lines(funnel, barWidth: max(10, min(40, 56 - nameWidth)))))
        if let drop = digest.largestDrop {
            let title = digest.stages.first { $0.id == drop.stage }?.title ?? ""
            document.paragraph([.text("Largest drop: ")] + ReportSpan.named(title, drop.stage)
                               + [.text(" converts \(Format.percent(drop.conversion)) of the stage before it.")])
        }
    }

    private static func momentsOfTruth(_ digest: JourneyDigest, _ document: inout ReportDocument) {
        document.heading(2, [.text("Moments of truth")], anchor: "moments")
        guard !digest.moments.isEmpty else {
            return document.paragraph([.text("No step is marked "), .code("critical"), .text(".")])
        }
        document.paragraph("The steps marked critical, and how the organization answers each.")
        document.list(digest.moments.map { moment in
            var spans: [ReportSpan] = [.strong(moment.label), .text(" "), .id(moment.id), .text(" in " + moment.stageTitle)]
            if let emotion = moment.emotion { spans.append(.text(", emotion " + Format.emotion(emotion))) }
            if let gap = moment.gap {
                spans += [.text(", delivery gap "), gap >= DeliveryGap.threshold
                    ? .status(Format.decimal(gap, digits: 2), isBad: true) : .text(Format.decimal(gap, digits: 2))]
            }
            var children = moment.answers.map { answer -> ReportItem in
                var spans = [ReportSpan.text("answered by ")] + ReportSpan.named(answer.label, answer.id)
                var details: [String] = []
                if let owner = answer.owner { details.append(owner) }
                if let channel = answer.channel { details.append("via " + channel) }
                if let automation = answer.automation { details.append(automation) }
                if !details.isEmpty { spans.append(.text(" — " + details.joined(separator: ", "))) }
                return ReportItem(spans: spans)
            }
            if children.isEmpty {
                children = [ReportItem(spans: moment.isSelfService ? [.text("self-service: nothing answers it by design")]
                                                                     : [.status("nothing answers it", isBad: true)])]
            }
            return ReportItem(spans: spans, children: children)
        })
    }

    private static func voice(_ digest: JourneyDigest, _ document: inout ReportDocument) {
        document.heading(2, [.text("The customer's voice")], anchor: "voice")
        guard !digest.voices.isEmpty else {
            return document.paragraph("No step is critical or at emotion \(Format.emotion(JourneyDigest.lowPoint)) or lower.")
        }
        document.paragraph("At the low points (emotion \(Format.emotion(JourneyDigest.lowPoint)) or lower) and the critical steps, in journey order.")
        document.list(digest.voices.map { voice in
            var why: [String] = []
            if let emotion = voice.emotion { why.append("emotion " + Format.emotion(emotion)) }
            if voice.isCritical { why.append("critical") }
            let spans: [ReportSpan] = [.strong(voice.label), .text(" "), .id(voice.id),
                                       .text(" in " + voice.stageTitle + (why.isEmpty ? "" : " (" + why.joined(separator: ", ") + ")"))]
            var children: [ReportItem] = []
            for (word, texts) in [("thinks", voice.thinks), ("needs", voice.needs), ("pain", voice.pain), ("info", voice.info)] {
                for text in texts { children.append(ReportItem(spans: [.text(word + ": "), .quote(text)])) }
            }
            if children.isEmpty {
                children = [ReportItem(spans: [.text("no "), .code("thinks"), .text(", "), .code("needs"), .text(" or "),
                                               .code("pain"), .text(" recorded")])]
            }
            return ReportItem(spans: spans, children: children)
        })
    }

    private static func deliveryGaps(_ digest: JourneyDigest, _ document: inout ReportDocument) {
        document.heading(2, [.text("Delivery gaps")], anchor: "gaps")
        guard !digest.gaps.isEmpty else {
            return document.paragraph([.text("No touchpoint gives both "), .code("claimed"), .text(" and "), .code("perceived"), .text(".")])
        }
        document.paragraph([.text("Largest first; a gap of 1 or more is a finding ("), .code("delivery-gap"), .text(").")])
        var table = ReportTable(headers: ["touchpoint", "stage", "claimed", "perceived", "gap"], numeric: [2, 3, 4])
        table.rows = digest.gaps.map { gap in
            let size = Format.decimal(gap.gap, digits: 2)
            return [ReportSpan.named(gap.label, gap.touchpoint),
                    gap.stage.map { ReportSpan.named(gap.stageTitle ?? "", $0) } ?? [.text("journey")],
                    [.text(Format.decimal(gap.claimed, digits: 2))], [.text(Format.decimal(gap.perceived, digits: 2))],
                    [gap.gap >= DeliveryGap.threshold ? .status(size, isBad: true) : .text(size)]]
        }
        document.table(table)
    }

    private static func emotionCurve(_ digest: JourneyDigest, _ document: inout ReportDocument) {
        document.heading(2, [.text("Emotion curve")], anchor: "emotion")
        guard !digest.emotionCurve.isEmpty else {
            return document.paragraph([.text("No step gives an "), .code("emotion"), .text(".")])
        }
        var spans: [ReportSpan] = [.code(JourneyDigest.sparkline(digest.emotionCurve.map { $0.emotion })), .text(" from −3 to +3: ")]
        for (offset, point) in digest.emotionCurve.enumerated() {
            if offset > 0 { spans.append(.text(" · ")) }
            spans += [.code(point.step), .text(" " + Format.emotion(point.emotion))]
        }
        document.paragraph(spans)
    }

    private static func kpis(_ digest: JourneyDigest, _ document: inout ReportDocument) {
        document.heading(2, [.text("KPIs")], anchor: "kpis")
        guard !digest.kpis.isEmpty else { return document.paragraph("No kpi in this journey.") }
        var table = ReportTable(headers: ["kpi", "stage", "actual", "target", "status"], numeric: [2, 3])
        table.rows = digest.kpis.map { kpi in
            let status: [ReportSpan] = kpi.missesTarget.map { [.status($0 ? "missed" : "met", isBad: $0)] } ?? [.text("—")]
            return [ReportSpan.named(kpi.label, kpi.id), plain(kpi.stageTitle ?? "journey"), plain(kpi.actual),
                    plain(kpi.target), status]
        }
        document.table(table)
    }

    private static func ownership(_ digest: JourneyDigest, _ document: inout ReportDocument) {
        document.heading(2, [.text("Ownership and handoffs")], anchor: "ownership")
        if digest.teams.isEmpty {
            document.paragraph("No action names an owner.")
        } else {
            var table = ReportTable(headers: ["team", "actions", "frontstage", "touchpoints answered"], numeric: [1, 2, 3])
            table.rows = digest.teams.map { team in
                [team.name.isEmpty ? [.text(team.label)] : ReportSpan.named(team.label, team.name), number(team.actions),
                 number(team.frontstage), number(team.touchpoints)]
            }
            document.table(table)
        }
        let count = digest.handoffs.count
        guard count > 0 else { return document.paragraph("No handoffs between consecutive touchpoints.") }
        document.paragraph([.text("Handoffs between consecutive touchpoints ("), .strong(String(count)), .text("):")])
        document.list(digest.handoffs.map { handoff in
            func teams(_ ids: [String]) -> [ReportSpan] {
                var spans: [ReportSpan] = []
                for (offset, id) in ids.enumerated() {
                    if offset > 0 { spans.append(.text(", ")) }
                    spans += ReportSpan.named(handoff.labels[id] ?? "", id)
                }
                return spans
            }
            let stage: [ReportSpan] = handoff.stage.map { [.text("in "), .id($0), .text(": ")] } ?? []
            return ReportItem(spans: stage + teams(handoff.from) + [.text(" → ")] + teams(handoff.to))
        })
    }

    private static func opportunities(_ digest: JourneyDigest, _ document: inout ReportDocument) {
        document.heading(2, [.text("Opportunities")], anchor: "opportunities")
        if digest.opportunities.isEmpty {
            document.paragraph("None recorded.")
        } else {
            document.paragraph("Ranked by impact (high first), then effort (low first).")
            var table = ReportTable(headers: ["#", "opportunity", "addresses", "kind", "owner", "impact", "effort"], numeric: [0])
            table.rows = digest.opportunities.enumerated().map { rank, opportunity in
                var addresses: [ReportSpan] = []
                for (offset, id) in opportunity.addresses.enumerated() {
                    if offset > 0 { addresses.append(.text(", ")) }
                    addresses.append(.code(id))
                }
                return [number(rank + 1), ReportSpan.named(opportunity.label, opportunity.id), addresses, plain(opportunity.kind),
                        plain(opportunity.owner), plain(opportunity.impact), plain(opportunity.effort)]
            }
            document.table(table)
            for opportunity in digest.opportunities where !opportunity.planned.isEmpty {
                document.paragraph([.text("Gaps that ")] + ReportSpan.named(opportunity.label, opportunity.id) + [.text(" addresses:")])
                document.list(opportunity.planned.map { finding in
                    ReportItem(spans: [.code(finding.code.name), .text(": ")] + ReportSpan.message(finding.message)
                               + [.text(" ("), .location(finding.location), .text(")")])
                })
            }
        }
        if digest.gapsWithoutOpportunity.isEmpty {
            document.paragraph("Every gap has an opportunity.")
        } else {
            document.paragraph("Gaps that no opportunity addresses:")
            document.list(digest.gapsWithoutOpportunity.map { finding in
                let about = finding.element.map { ReportSpan.named($0.label, $0.id) } ?? [.text("the journey")]
                return ReportItem(spans: [.code(finding.code.name), .text(" at ")] + about + [.text(": ")]
                                  + ReportSpan.message(finding.message) + [.text(" ("), .location(finding.location), .text(")")])
            })
        }
    }

    private static func findings(_ digest: JourneyDigest, _ document: inout ReportDocument) {
        document.heading(2, [.text("Findings")], anchor: "findings")
        guard !digest.findings.isEmpty else { return document.paragraph("No findings.") }
        var table = ReportTable(headers: ["severity", "rule", "about", "message", "location"])
        table.rows = digest.findings.map { finding in
            [[.status(finding.severity.name, isBad: finding.severity != .note)], [.text(finding.code.id + " "), .code(finding.code.name)],
             finding.element.map { ReportSpan.named($0.label, $0.id) } ?? [.text("—")], ReportSpan.message(finding.message),
             [.location(finding.location)]]
        }
        document.table(table)
    }

    private static func allows(_ digest: JourneyDigest, _ document: inout ReportDocument) {
        document.heading(2, [.text("Acknowledged gaps")], anchor: "allows")
        guard !digest.allows.isEmpty else { return document.paragraph([.text("No "), .code("allow"), .text(" in this journey.")]) }
        var table = ReportTable(headers: ["rules", "where", "reason", "location"])
        table.rows = digest.allows.map { allow in
            var rules: [ReportSpan] = []
            for (offset, rule) in allow.rules.enumerated() {
                if offset > 0 { rules.append(.text(", ")) }
                rules.append(.code(rule))
            }
            return [rules, ReportSpan.message(allow.element), [.text(allow.reason ?? "no reason given")], [.location(allow.location)]]
        }
        document.table(table)
    }
}
