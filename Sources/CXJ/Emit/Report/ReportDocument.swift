/// The gap report as one document: headings, paragraphs, tables, lists and figures made of
/// spans. `ReportBuilder` fills it from a `JourneyDigest`; `MarkdownReport`, `TextReport` and
/// `HTMLReport` only print it, so the three never disagree on what a report says.
struct ReportDocument {
    var blocks: [ReportBlock] = []

    mutating func heading(_ level: Int, _ spans: [ReportSpan], anchor: String) {
        blocks.append(.heading(level: level, spans, anchor: anchor))
    }
    mutating func paragraph(_ spans: [ReportSpan]) { blocks.append(.paragraph(spans)) }
    mutating func paragraph(_ text: String) { blocks.append(.paragraph([.text(text)])) }
    mutating func list(_ items: [ReportItem]) { blocks.append(.list(items)) }
    mutating func table(_ table: ReportTable) { blocks.append(.table(table)) }

    /// The blocks for a writer that cannot draw Mermaid: each diagram left out together with
    /// the heading that introduces it.
    var withoutDiagrams: [ReportBlock] {
        var result: [ReportBlock] = []
        for (index, block) in blocks.enumerated() {
            if case .mermaid = block { continue }
            if case .heading = block, index + 1 < blocks.count, case .mermaid = blocks[index + 1] { continue }
            result.append(block)
        }
        return result
    }
}

/// A piece of inline text.
enum ReportSpan: Equatable {
    /// Prose.
    case text(String)
    /// Source text: a path, a rule name, a keyword.
    case code(String)
    /// An element's identifier beside its label: `` `id` `` in Markdown, `(id)` in text.
    case id(String)
    case strong(String)
    /// Words the customer says, quoted.
    case quote(String)
    /// A status word that is good or bad: the writers add a sign, so colour is never the only signal.
    case status(String, isBad: Bool)
    /// A place in a source file, shown as `path:line:column`.
    case location(ReportLocation)

    /// A diagnostic message: its backticked parts become code spans, the prose between them text.
    static func message(_ text: String) -> [ReportSpan] {
        text.split(separator: "`", omittingEmptySubsequences: false).enumerated().compactMap { index, part in
            part.isEmpty ? nil : index % 2 == 1 ? .code(String(part)) : .text(String(part))
        }
    }

    /// A label followed by its identifier.
    static func named(_ label: String, _ id: String) -> [ReportSpan] {
        label.isEmpty ? [.id(id)] : [.text(label + " "), .id(id)]
    }
}

/// A place in a source file that a report points to; an HTML page links it to the line.
struct ReportLocation: Equatable {
    var path: String
    var line: Int
    var column: Int

    var text: String { "\(path):\(line):\(column)" }
}

/// A list item: its own spans, then items nested under it.
struct ReportItem {
    var spans: [ReportSpan]
    var children: [ReportItem] = []
}

struct ReportTable {
    var headers: [String]
    /// Columns of numbers, aligned right.
    var numeric: Set<Int> = []
    var rows: [[[ReportSpan]]] = []
}

enum ReportBlock {
    /// Level 1 is the journey's title; its anchor is unique within one journey's report.
    case heading(level: Int, [ReportSpan], anchor: String)
    case paragraph([ReportSpan])
    case list([ReportItem])
    case table(ReportTable)
    /// Monospaced lines, such as the funnel chart.
    case preformatted([String])
    /// A Mermaid diagram: Markdown embeds it as a fenced block that GitHub draws; writers that
    /// cannot draw it leave it out.
    case mermaid(String)
}
