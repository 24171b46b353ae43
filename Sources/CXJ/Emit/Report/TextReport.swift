/// The gap report for a terminal: the same content as `MarkdownReport`, as plain text that
/// fits in 100 columns.
public enum TextReport: DigestReport {
    public static let width = 100

    public static func emit<Sink: OutputSink>(_ files: [CheckedFile], to sink: Sink) -> Sink {
        emitDigests(files, to: sink)
    }

    static let none = "No journeys.\n"

    /// The rule between two journeys.
    static let separator = "\n" + String(repeating: "━", count: width) + "\n\n"

    static func write<Sink: OutputSink>(_ digest: JourneyDigest, to out: inout OutputWriter<Sink>) {
        for line in lines(digest) {
            out.write(line)
            out.write("\n")
        }
    }

    private static func heading(_ text: String, _ underline: Character) -> [String] {
        [text, String(repeating: underline, count: min(width, DisplayWidth.of(text)))]
    }

    static func spans(_ spans: [ReportSpan]) -> String {
        spans.map { span in
            switch span {
            case .text(let text), .code(let text), .strong(let text): return text
            case .location(let location): return location.text
            case .id(let id): return "(" + id + ")"
            case .quote(let text): return "“" + text + "”"
            case .status(let word, let isBad): return isBad ? "! " + word : word
            }
        }.joined()
    }

    /// The document as lines of at most `width` columns. Paragraphs, lists and tables under a
    /// section heading are indented by two. A Mermaid diagram cannot be drawn here, so it is
    /// left out together with the heading that introduces it.
    static func lines(_ digest: JourneyDigest) -> [String] {
        let blocks = ReportBuilder.document(digest, diagrams: false).withoutDiagrams
        var lines: [String] = []
        var indent = 0
        for (index, block) in blocks.enumerated() {
            if !lines.isEmpty, !(index > 0 && isHeading(blocks[index - 1])) { lines.append("") }
            switch block {
            case .heading(let level, let text, _):
                lines += heading(spans(text), level == 1 ? "═" : "─")
                if level > 1 { indent = 2 }
            case .paragraph(let text):
                lines += TextTable.wrap(spans(text), width: width - indent).map { String(repeating: " ", count: indent) + $0 }
            case .list(let items):
                func add(_ item: ReportItem, depth: Int) {
                    let lead = indent + 2 * depth
                    lines += TextTable.wrap(spans(item.spans), width: width - lead - 2).enumerated().map { offset, line in
                        String(repeating: " ", count: lead) + (offset == 0 ? "- " : "  ") + line
                    }
                    for child in item.children { add(child, depth: depth + 1) }
                }
                for item in items { add(item, depth: 0) }
            case .table(let table):
                var text = TextTable(headers: table.headers, indent: indent)
                text.rightAligned = table.numeric
                text.rows = table.rows.map { $0.map(spans) }
                lines += text.render(width: width, ifFitting: 14) ?? records(text, indent: indent)
            case .preformatted(let chart):
                lines += chart.map { String(repeating: " ", count: indent) + $0 }
            case .mermaid:
                break
            }
        }
        return lines
    }

    private static func isHeading(_ block: ReportBlock) -> Bool {
        if case .heading = block { return true }
        return false
    }

    /// A table too wide for the terminal, as one record per row: the first cell as a list
    /// item, each other cell under it as `header: value`.
    private static func records(_ table: TextTable, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        for row in table.rows {
            lines += TextTable.wrap(row[0], width: width - indent - 2).enumerated().map { pad + ($0 == 0 ? "- " : "  ") + $1 }
            for column in 1..<row.count where !row[column].isEmpty && row[column] != "—" {
                lines += TextTable.wrap(table.headers[column] + ": " + row[column], width: width - indent - 4)
                    .enumerated().map { pad + ($0 == 0 ? "    " : "      ") + $1 }
            }
        }
        return lines
    }
}
