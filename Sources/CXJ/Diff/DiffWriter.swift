/// The number formatting of the library, named apart from `DiffWriter.Format`.
private typealias NumberFormat = Format

/// Writes a `DiffResult` as text for a terminal, Markdown for a pull-request comment, or JSON
/// (Grammar/cxj-diff.schema.json). Still-open findings are counted, and listed only with `all`.
public enum DiffWriter {
    public enum Format: String, CaseIterable, Sendable { case text, markdown, json }

    public static func render(_ diff: DiffResult, as format: Format, all: Bool = false) -> String {
        switch format {
        case .text: return text(diff, all: all)
        case .markdown: return markdown(diff, all: all)
        case .json: return json(diff)
        }
    }

    // MARK: - Describing changes

    static func describe(_ change: ElementChange, quote: (String) -> String) -> String {
        let name = change.kind == "journey" ? "" : "\(change.kind) \(quote(change.id))"
        let label = change.kind == "touchpoint" || change.kind == "journey" ? "" : " “\(change.label)”"
        switch change.what {
        case .added: return "added \(name)\(label)" + (change.stage.map { " in stage \(quote($0))" } ?? "")
        case .removed: return "removed \(name)\(label)" + (change.stage.map { " from stage \(quote($0))" } ?? "")
        case .renamed(let from): return "renamed \(change.kind) \(quote(from)) to \(quote(change.id))\(label)"
        case .moved(let from, let to):
            return "moved \(name) from \(from.map { "stage \(quote($0))" } ?? "the journey") to \(to.map { "stage \(quote($0))" } ?? "the journey")"
        case .value(let field, let old, let new, let note):
            let subject = name.isEmpty ? field : "\(name) \(field)"
            let quoted = field == "label" || field == "title"
            func show(_ value: String?) -> String { value.map { quoted ? "“\($0)”" : $0 } ?? "none" }
            return "\(subject): \(show(old)) → \(show(new))" + (note.map { " (\($0))" } ?? "")
        }
    }

    static func symbol(_ change: ElementChange) -> String {
        switch change.what {
        case .added: return "+"
        case .removed: return "-"
        default: return "~"
        }
    }

    /// The metrics that changed: name, before, after, and a direction where it helps.
    static func metrics(_ diff: JourneyDiff) -> [(name: String, before: String, after: String, note: String?)] {
        guard let before = diff.before, let after = diff.after else { return [] }
        var rows: [(String, String, String, String?)] = []
        func percent(_ value: Double?) -> String { value.map { NumberFormat.percent($0) } ?? "—" }
        func number(_ value: Double?) -> String { value.map { NumberFormat.decimal($0, digits: 2) } ?? "—" }
        if before.coverage != after.coverage {
            var note: String? = nil
            if let old = before.coverage, let new = after.coverage { note = new < old ? "down" : "up" }
            rows.append(("coverage", percent(before.coverage), percent(after.coverage), note))
        }
        if before.largestDropStage != after.largestDropStage || before.largestDrop != after.largestDrop {
            rows.append(("largest drop", before.largestDropStage.map { "`\($0)` \(percent(before.largestDrop))" } ?? "—",
                         after.largestDropStage.map { "`\($0)` \(percent(after.largestDrop))" } ?? "—", nil))
        }
        if before.averageGap != after.averageGap {
            var note: String? = nil
            if let old = before.averageGap, let new = after.averageGap { note = new < old ? "narrower" : "wider" }
            rows.append(("average delivery gap", number(before.averageGap), number(after.averageGap), note))
        }
        if before.handoffs != after.handoffs { rows.append(("handoffs", String(before.handoffs), String(after.handoffs), nil)) }
        if before.emotions != after.emotions {
            rows.append(("emotion curve", sparkline(before.emotions), sparkline(after.emotions), nil))
        }
        return rows
    }

    static func metricLines(_ diff: JourneyDiff) -> [String] {
        metrics(diff).map { "\($0.name) \($0.before) → \($0.after)" + ($0.note.map { " (\($0))" } ?? "") }
    }

    static func sparkline(_ emotions: [Int]) -> String {
        let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇"]
        return emotions.isEmpty ? "(none)" : String(emotions.map { blocks[max(0, min(6, $0 + 3))] })
    }

    static func finding(_ item: FindingItem) -> String {
        "\(item.severity.name)[\(item.code.id)] \(item.message) (\(item.location))"
    }

    // MARK: - Text

    static func text(_ diff: DiffResult, all: Bool) -> String {
        var lines: [String] = []
        let quote = { (text: String) in "`\(text)`" }
        for side in diff.sidesWithErrors {
            lines.append("error: the \(side.side) \(side.path) has \(NumberFormat.count(side.errors, "error")); what parsed is still compared")
        }
        for file in diff.files where !file.isEmpty || (all && !file.stillOpen.isEmpty) {
            lines.append(Visible.escape(file.path))
            for journey in file.journeys where journey.status != .unchanged {
                lines.append("  journey `\(journey.id)` “\(journey.title)”: \(journey.status.rawValue)")
                for change in journey.changes { lines.append("    \(symbol(change)) " + describe(change, quote: quote)) }
                for metric in metricLines(journey) { lines.append("    = " + metric) }
            }
            lines.append("  findings: \(file.newFindings.count) new, \(file.resolvedFindings.count) resolved, \(file.stillOpen.count) still open")
            for item in file.newFindings { lines.append("    + " + finding(item)) }
            for item in file.resolvedFindings { lines.append("    - " + finding(item)) }
            if all { for item in file.stillOpen { lines.append("    = " + finding(item)) } }
        }
        if !diff.catalogue.isEmpty {
            lines.append("catalogue")
            for change in diff.catalogue { lines.append("  " + catalogueLine(change, quote: quote)) }
        }
        if lines.isEmpty { lines.append("no changes to the journeys") }
        return lines.map { Visible.escape($0) }.joined(separator: "\n") + "\n"
    }

    static func catalogueLine(_ change: CatalogueChange, quote: (String) -> String) -> String {
        let used = change.journeys.isEmpty ? "" : "; used by " + change.journeys.map(quote).joined(separator: ", ")
        switch change.what {
        case .added: return "+ added \(change.kind) \(quote(change.id)) “\(change.label)”" + used
        case .removed: return "- removed \(change.kind) \(quote(change.id)) “\(change.label)”" + used
        case .relabelled(let old, let new): return "~ \(change.kind) \(quote(change.id)) label: “\(old)” → “\(new)”" + used
        }
    }

    // MARK: - Markdown

    static func markdown(_ diff: DiffResult, all: Bool) -> String {
        func escape(_ text: String) -> String { MarkdownText.escape(text) }
        let quote = { (text: String) in "`" + text.replacingBackticks + "`" }
        let newCount = diff.files.reduce(0) { $0 + $1.newFindings.count }
        let resolved = diff.files.reduce(0) { $0 + $1.resolvedFindings.count }
        let open = diff.files.reduce(0) { $0 + $1.stillOpen.count }
        var out = "### Journey changes\n\n"
        out += "**\(newCount)** new \(newCount == 1 ? "finding" : "findings"), **\(resolved)** resolved, \(open) still open.\n"
        for side in diff.sidesWithErrors {
            out += "\n> ⚠️ The \(side.side) `\(side.path)` has \(NumberFormat.count(side.errors, "error")); what parsed is still compared.\n"
        }
        for file in diff.files where !file.isEmpty || (all && !file.stillOpen.isEmpty) {
            out += "\n#### `\(file.path)`\n"
            for journey in file.journeys where journey.status != .unchanged {
                out += "\n**\(escape(journey.title))** \(quote(journey.id)) — \(journey.status.rawValue)\n\n"
                for change in journey.changes { out += "- " + escape(describe(change, quote: quote)) + "\n" }
                let rows = metrics(journey)
                if !rows.isEmpty {
                    out += "\n| metric | before | after |\n| --- | --- | --- |\n"
                    for row in rows {
                        out += "| \(row.name) | \(escape(row.before)) | \(escape(row.after))\(row.note.map { " (\($0))" } ?? "") |\n"
                    }
                }
            }
            if !file.newFindings.isEmpty || !file.resolvedFindings.isEmpty || (all && !file.stillOpen.isEmpty) {
                out += "\n| | finding | where |\n| --- | --- | --- |\n"
                for item in file.newFindings { out += "| 🆕 \(item.severity.name) | \(item.code.id) \(escape(item.message)) | \(quote(item.location)) |\n" }
                for item in file.resolvedFindings { out += "| ✅ resolved | \(item.code.id) \(escape(item.message)) | \(quote(item.location)) |\n" }
                if all { for item in file.stillOpen { out += "| open | \(item.code.id) \(escape(item.message)) | \(quote(item.location)) |\n" } }
            }
        }
        if !diff.catalogue.isEmpty {
            out += "\n#### Catalogue\n\n"
            for change in diff.catalogue { out += "- " + escape(String(catalogueLine(change, quote: quote).dropFirst(2))) + "\n" }
        }
        if !diff.hasChanges { out += "\nNo changes to the journeys.\n" }
        return Visible.escape(out, keepNewlines: true)
    }

    // MARK: - JSON

    static func json(_ diff: DiffResult) -> String {
        var json = JSONWriter(MemorySink())
        json.beginObject()
        json.field("format", "cxj-diff")
        json.field("version", 1)
        json.key("errors")
        json.beginArray()
        for side in diff.sidesWithErrors {
            json.beginObject()
            json.field("side", side.side)
            json.field("file", side.path)
            json.field("errors", side.errors)
            json.endObject()
        }
        json.endArray()
        json.key("files")
        json.beginArray()
        for file in diff.files {
            json.beginObject()
            json.field("file", file.path)
            json.key("journeys")
            json.beginArray()
            for journey in file.journeys {
                json.beginObject()
                json.field("id", journey.id)
                json.field("title", journey.title)
                json.field("status", journey.status.rawValue)
                json.key("changes")
                json.beginArray()
                for change in journey.changes { writeChange(change, to: &json) }
                json.endArray()
                json.key("before")
                writeMetrics(journey.before, to: &json)
                json.key("after")
                writeMetrics(journey.after, to: &json)
                json.endObject()
            }
            json.endArray()
            json.key("new")
            json.beginArray()
            for item in file.newFindings { writeFinding(item, to: &json) }
            json.endArray()
            json.key("resolved")
            json.beginArray()
            for item in file.resolvedFindings { writeFinding(item, to: &json) }
            json.endArray()
            json.field("stillOpen", file.stillOpen.count)
            json.endObject()
        }
        json.endArray()
        json.key("catalogue")
        json.beginArray()
        for change in diff.catalogue {
            json.beginObject()
            json.field("kind", change.kind)
            json.field("id", change.id)
            json.field("label", change.label)
            switch change.what {
            case .added: json.field("change", "added")
            case .removed: json.field("change", "removed")
            case .relabelled(let old, _):
                json.field("change", "relabelled")
                json.field("oldLabel", old)
            }
            json.field("journeys", strings: change.journeys)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.finish().text
    }

    private static func writeChange<Sink>(_ change: ElementChange, to json: inout JSONWriter<Sink>) {
        json.beginObject()
        json.field("kind", change.kind)
        json.field("id", change.id)
        json.field("label", change.label)
        json.field("stage", change.stage)
        switch change.what {
        case .added: json.field("change", "added")
        case .removed: json.field("change", "removed")
        case .renamed(let from):
            json.field("change", "renamed")
            json.field("from", from)
        case .moved(let from, let to):
            json.field("change", "moved")
            json.field("fromStage", from)
            json.field("toStage", to)
        case .value(let field, let old, let new, let note):
            json.field("change", "value")
            json.field("field", field)
            json.field("old", old)
            json.field("new", new)
            json.field("direction", note)
        }
        json.endObject()
    }

    private static func writeMetrics<Sink>(_ metrics: JourneyMetrics?, to json: inout JSONWriter<Sink>) {
        guard let metrics else {
            json.null()
            return
        }
        json.beginObject()
        json.field("coverage", metrics.coverage.map { ($0 * 10_000).rounded() / 10_000 })
        json.field("largestDropStage", metrics.largestDropStage)
        json.field("largestDrop", metrics.largestDrop.map { ($0 * 10_000).rounded() / 10_000 })
        json.field("averageDeliveryGap", metrics.averageGap.map { ($0 * 10_000).rounded() / 10_000 })
        json.field("handoffs", metrics.handoffs)
        json.key("emotionCurve")
        json.beginArray()
        for emotion in metrics.emotions { json.int(emotion) }
        json.endArray()
        json.endObject()
    }

    private static func writeFinding<Sink>(_ item: FindingItem, to json: inout JSONWriter<Sink>) {
        json.beginObject()
        json.field("code", item.code.id)
        json.field("rule", item.code.name)
        json.field("severity", item.severity.name)
        json.field("message", item.message)
        json.field("location", item.location)
        json.field("element", item.element)
        json.endObject()
    }
}

/// Markdown escaping for text in list items and table cells.
enum MarkdownText {
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "|": result += "\\|"
            case "\n", "\r": result += " "
            default: result.append(character)
            }
        }
        return result
    }
}

private extension String {
    var replacingBackticks: String { contains("`") ? String(map { $0 == "`" ? "'" : $0 }) : self }
}
