/// The gap report in GitHub-flavoured Markdown, for documentation and pull requests.
public enum MarkdownReport: DigestReport {
    public static func emit<Sink: OutputSink>(_ files: [CheckedFile], to sink: Sink) -> Sink {
        emitDigests(files, to: sink)
    }

    static let none = "_No journeys._\n"

    /// Escapes text for a table cell or a paragraph.
    static func escape(_ text: String) -> String {
        var text = text
        if let escaped = text.withUTF8({ escapeBytes($0) }) { return escaped }
        return escapeCharacters(text)
    }

    /// `escape` a byte at a time, or nil when a character to escape stands next to a non-ASCII
    /// byte or a CR before a LF: there it may be part of a larger character (a combining mark
    /// after `*`, CR LF), which `escapeCharacters` leaves as it is. Elsewhere the two agree,
    /// and this way was a third of `cxj compile --to report`.
    private static func escapeBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var output: [UInt8] = []
        var run = 0
        let count = bytes.count
        for index in 0..<count {
            let byte = bytes[index]
            let replacement: StaticString
            switch byte {
            case 0x5C: replacement = "\\\\"
            case 0x7C: replacement = "\\|"
            case 0x2A: replacement = "\\*"
            case 0x5F: replacement = "\\_"
            case 0x60: replacement = "\\`"
            case 0x5B: replacement = "\\["
            case 0x5D: replacement = "\\]"
            case 0x23: replacement = "\\#"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x26: replacement = "&amp;"
            case 0x0A, 0x0D, 0x09:
                if byte == 0x0D && index + 1 < count && bytes[index + 1] == 0x0A { return nil }
                replacement = " "
            default: continue
            }
            if (index > 0 && bytes[index - 1] >= 0x80) || (index + 1 < count && bytes[index + 1] >= 0x80) { return nil }
            if output.isEmpty { output.reserveCapacity(count + 16) }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
            replacement.withUTF8Buffer { output.append(contentsOf: $0) }
            run = index + 1
        }
        if run == 0 { return String(decoding: bytes, as: UTF8.self) }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<count]))
        return String(decoding: output, as: UTF8.self)
    }

    /// `escape` a character at a time.
    static func escapeCharacters(_ text: String) -> String {
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

    /// The rule between two journeys.
    static let separator = "\n---\n\n"

    static func code(_ text: String) -> String { "`" + text.replacingPipes + "`" }

    static func write<Sink: OutputSink>(_ digest: JourneyDigest, to out: inout OutputWriter<Sink>) {
        for (index, block) in ReportBuilder.document(digest).blocks.enumerated() {
            if index > 0 { out.write("\n") }
            write(block, to: &out)
        }
    }

    /// Spans written straight into the report: building a `String` per span, then per cell,
    /// row and line, was a fifth of `--to report`.
    private static func write<Sink>(_ spans: [ReportSpan], to out: inout OutputWriter<Sink>) {
        for span in spans {
            switch span {
            case .text(let text):
                out.write(escape(text))
            case .code(let text), .id(let text):
                out.write(code(text))
            case .location(let location):
                out.write(code(location.text))
            case .strong(let text):
                out.write("**")
                out.write(escape(text))
                out.write("**")
            case .quote(let text):
                out.write("“")
                out.write(escape(text))
                out.write("”")
            case .status(let word, let isBad):
                if isBad {
                    out.write("**")
                    out.write(escape(word))
                    out.write("** ⚠️")
                } else {
                    out.write(escape(word))
                    out.write(" ✅")
                }
            }
        }
    }

    /// `| a | b |` and a newline; `cell(index, out)` writes each cell.
    private static func row<Sink>(_ count: Int, to out: inout OutputWriter<Sink>, _ cell: (Int, inout OutputWriter<Sink>) -> Void) {
        out.write("| ")
        for index in 0..<count {
            if index > 0 { out.write(" | ") }
            cell(index, &out)
        }
        out.write(" |\n")
    }

    private static func write<Sink>(_ block: ReportBlock, to out: inout OutputWriter<Sink>) {
        switch block {
        case .heading(let level, let text, _):
            out.write(String(repeating: "#", count: level))
            out.write(" ")
            write(text, to: &out)
            out.write("\n")
        case .paragraph(let text):
            write(text, to: &out)
            out.write("\n")
        case .list(let items):
            for entry in items { self.item(entry, depth: 0, to: &out) }
        case .table(let table):
            row(table.headers.count, to: &out) { index, out in out.write(table.headers[index]) }
            row(table.headers.count, to: &out) { index, out in out.write(table.numeric.contains(index) ? "---:" : "---") }
            for cells in table.rows { row(cells.count, to: &out) { index, out in write(cells[index], to: &out) } }
        case .preformatted(let lines):
            out.write("```text\n")
            for line in lines {
                out.write(line)
                out.write("\n")
            }
            out.write("```\n")
        case .mermaid(let source):
            out.write("```mermaid\n")
            out.write(source)
            out.write("```\n")
        }
    }

    private static func item<Sink>(_ item: ReportItem, depth: Int, to out: inout OutputWriter<Sink>) {
        out.write(String(repeating: "  ", count: depth))
        out.write("- ")
        write(item.spans, to: &out)
        out.write("\n")
        for child in item.children { self.item(child, depth: depth + 1, to: &out) }
    }
}

/// The funnel as a bar chart in monospaced text, shared by both reports.
enum FunnelChart {
    /// A stage as the chart names it: its title, then its id.
    static func name(_ stage: JourneyDigest.StageRow) -> String { "\(stage.title) (\(stage.id))" }

    /// The eighths of a bar's last cell.
    private static let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    static func lines(_ stages: [JourneyDigest.StageRow], barWidth: Int) -> [String] {
        let largest = stages.compactMap { $0.reach }.max() ?? 1
        // Each name and figure worked out once (a bar's cells are counted, not its characters).
        let names = stages.map(name)
        let nameWidths = names.map { DisplayWidth.of($0) }
        let nameWidth = nameWidths.max() ?? 0
        let reaches = stages.map { Format.grouped($0.reach ?? 0) }
        let reachWidth = reaches.map { $0.utf8.count }.max() ?? 0
        return stages.indices.map { index in
            let stage = stages[index]
            let reach = stage.reach ?? 0
            let eighths = largest > 0 ? Int((Double(reach) / Double(largest) * Double(barWidth * 8)).rounded()) : 0
            let partial = partials[eighths % 8]
            let padding = barWidth - (eighths / 8 + (partial.isEmpty ? 0 : 1))
            var line = names[index] + String(repeating: " ", count: nameWidth - nameWidths[index]) + "  "
            line += String(repeating: "█", count: eighths / 8) + partial
            line += String(repeating: " ", count: max(0, padding)) + "  "
            line += String(repeating: " ", count: reachWidth - reaches[index].utf8.count) + reaches[index]
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
