/// Renders a diagnostic for people, in the style of rustc:
///
///     error[CXJ101]: unknown channel `twiter`
///       --> journeys/marathon.cxj:12:17
///        |
///     12 |         channel twiter
///        |                 ^^^^^^ no channel with this name
///        |
///        = help: did you mean `twitter`?
///
/// Underlines are aligned by display width. Secondary labels in the same file are drawn with
/// `-`; those in other files get their own `:::` section. Colour is used only when asked for.
public struct HumanRenderer: Sendable {
    public var colors: Bool

    public init(colors: Bool) {
        self.colors = colors
    }

    private struct Mark {
        var location: SourceLocation
        var text: String?
        var isPrimary: Bool
    }

    /// Renders a diagnostic; `header` replaces the `severity[CODE]: message` line, for
    /// problems that are not about journeys (a malformed `cxj.json`).
    public func render(_ diagnostic: Diagnostic, sources: [SourceFile], header: String? = nil) -> String {
        var marks = [Mark(location: diagnostic.location, text: diagnostic.label.map { Visible.escape($0) }, isPrimary: true)]
        marks += diagnostic.secondary.map { Mark(location: $0.location, text: Visible.escape($0.message), isPrimary: false) }
        marks = marks.map { mark in
            var mark = mark
            mark.location = visibleLocation(mark.location, in: sources.file(at: mark.location.file))
            return mark
        }
        var files: [Int] = []
        for mark in marks where !files.contains(mark.location.file) { files.append(mark.location.file) }
        let lineNumbers = marks.map { sources.file(at: $0.location.file).lineIndex(containing: $0.location.start) + 1 }
        let gutter = String(lineNumbers.max() ?? 1).count
        let pad = String(repeating: " ", count: gutter)

        var out: String
        if let header {
            out = paint(diagnostic.severity.name, severityColor(diagnostic.severity)) + paint(": " + Visible.escape(header), "1") + "\n"
        } else {
            out = paint(diagnostic.severity.name + "[\(diagnostic.code.id)]", severityColor(diagnostic.severity))
            out += paint(": " + Visible.escape(diagnostic.message), "1") + "\n"
        }
        for (position, file) in files.enumerated() {
            let source = sources.file(at: file)
            let fileMarks = marks.filter { $0.location.file == file }
            let anchor = position == 0 ? diagnostic.location : fileMarks[0].location
            let where_ = source.position(of: anchor.start)
            out += pad + paint(position == 0 ? "--> " : "::: ", "1;34") + "\(Visible.escape(source.path)):\(where_.line):\(where_.column)\n"
            out += pad + " " + paint("|", "1;34") + "\n"
            let lines = Array(Set(fileMarks.map { source.lineIndex(containing: $0.location.start) })).sorted()
            var previous: Int? = nil
            for line in lines {
                if let previous, line > previous + 1 { out += paint("...", "1;34") + "\n" }
                previous = line
                let onLine = fileMarks.filter { source.lineIndex(containing: $0.location.start) == line }
                    .sorted { ($0.isPrimary ? 0 : 1, $0.location.start) < ($1.isPrimary ? 0 : 1, $1.location.start) }
                let display = DisplayLine(source: source, line: line, focus: onLine.first?.location.start)
                let number = String(line + 1)
                out += String(repeating: " ", count: gutter - number.count) + paint(number + " |", "1;34")
                out += display.text.isEmpty ? "\n" : " " + display.text + "\n"
                for mark in onLine {
                    let start = display.column(of: mark.location.start)
                    let end = display.column(of: min(mark.location.end, display.range.upperBound))
                    let width = max(1, end - start)
                    let symbol = String(repeating: mark.isPrimary ? "^" : "-", count: width)
                    var underline = String(repeating: " ", count: start) + symbol
                    if let text = mark.text { underline += " " + text }
                    out += pad + " " + paint("|", "1;34") + " "
                    out += paint(underline, mark.isPrimary ? severityColor(diagnostic.severity) : "1;34") + "\n"
                }
            }
        }
        if !diagnostic.notes.isEmpty || diagnostic.help != nil {
            out += pad + " " + paint("|", "1;34") + "\n"
        }
        for note in diagnostic.notes {
            out += pad + " " + paint("=", "1;34") + " " + paint("note", "1") + ": " + Visible.escape(note) + "\n"
        }
        if let help = diagnostic.help {
            out += pad + " " + paint("=", "1;34") + " " + paint("help", "1;36") + ": " + Visible.escape(help) + "\n"
        }
        return out
    }

    /// A point at the very end of a file that ends with a newline is shown at the end of the
    /// last line rather than on an empty line after it.
    private func visibleLocation(_ location: SourceLocation, in source: SourceFile) -> SourceLocation {
        let count = source.bytes.count
        guard location.start == count, count > 0, source.bytes[count - 1] == 0x0A else { return location }
        var end = count - 1
        if end > 0 && source.bytes[end - 1] == 0x0D { end -= 1 }
        return SourceLocation(file: location.file, start: end, end: end)
    }

    private func severityColor(_ severity: Severity) -> String {
        switch severity {
        case .error: return "1;31"
        case .warning: return "1;33"
        case .note: return "1;32"
        }
    }

    private func paint(_ text: String, _ code: String) -> String {
        colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
