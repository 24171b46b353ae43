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

    private static func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |\n" }

    static func write<Sink>(_ digest: JourneyDigest, to out: inout OutputWriter<Sink>) {
        for (index, block) in ReportBuilder.document(digest).blocks.enumerated() {
            if index > 0 { out.write("\n") }
            write(block, to: &out)
        }
    }

    static func spans(_ spans: [ReportSpan]) -> String {
        spans.map { span in
            switch span {
            case .text(let text): return escape(text)
            case .code(let text), .id(let text): return code(text)
            case .location(let location): return code(location.text)
            case .strong(let text): return "**" + escape(text) + "**"
            case .quote(let text): return "“" + escape(text) + "”"
            case .status(let word, let isBad): return isBad ? "**" + escape(word) + "** ⚠️" : escape(word) + " ✅"
            }
        }.joined()
    }

    private static func write<Sink>(_ block: ReportBlock, to out: inout OutputWriter<Sink>) {
        switch block {
        case .heading(let level, let text, _):
            out.write(String(repeating: "#", count: level) + " " + spans(text) + "\n")
        case .paragraph(let text):
            out.write(spans(text) + "\n")
        case .list(let items):
            for entry in items { self.item(entry, depth: 0, to: &out) }
        case .table(let table):
            out.write(row(table.headers))
            out.write(row(table.headers.indices.map { table.numeric.contains($0) ? "---:" : "---" }))
            for cells in table.rows { out.write(row(cells.map(spans))) }
        case .preformatted(let lines):
            out.write("```text\n")
            for line in lines { out.write(line + "\n") }
            out.write("```\n")
        case .mermaid(let source):
            out.write("```mermaid\n" + source + "```\n")
        }
    }

    private static func item<Sink>(_ item: ReportItem, depth: Int, to out: inout OutputWriter<Sink>) {
        out.write(String(repeating: "  ", count: depth) + "- " + spans(item.spans) + "\n")
        for child in item.children { self.item(child, depth: depth + 1, to: &out) }
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
