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
        let gutter = String(lineNumbers.max() ?? 1).utf8.count
        // Written as UTF-8 bytes and made a `String` once: joining `String`s piece by piece
        // (and `String(repeating:count:)`, an append per character) cost about 130,000
        // instructions a diagnostic, a fifth of checking 1,000 small journeys with 572 warnings.
        var out = RenderedText(colors: colors)
        if let header {
            out.paint(diagnostic.severity.name, severityColor(diagnostic.severity))
            out.paint(": " + Visible.escape(header), "1")
        } else {
            out.paint(diagnostic.severity.name + "[\(diagnostic.code.id)]", severityColor(diagnostic.severity))
            out.paint(": " + Visible.escape(diagnostic.message), "1")
        }
        out.newline()
        for (position, file) in files.enumerated() {
            let source = sources.file(at: file)
            let fileMarks = marks.filter { $0.location.file == file }
            let anchor = position == 0 ? diagnostic.location : fileMarks[0].location
            let where_ = source.position(of: anchor.start)
            out.spaces(gutter)
            out.paint(position == 0 ? "--> " : "::: ", "1;34")
            out.append(Visible.escape(source.path))
            out.append(":\(where_.line):\(where_.column)")
            out.newline()
            out.rule(gutter)
            let lines = Array(Set(fileMarks.map { source.lineIndex(containing: $0.location.start) })).sorted()
            var previous: Int? = nil
            for line in lines {
                if let previous, line > previous + 1 {
                    out.paint("...", "1;34")
                    out.newline()
                }
                previous = line
                let onLine = fileMarks.filter { source.lineIndex(containing: $0.location.start) == line }
                    .sorted { ($0.isPrimary ? 0 : 1, $0.location.start) < ($1.isPrimary ? 0 : 1, $1.location.start) }
                let display = DisplayLine(source: source, line: line, focus: onLine.first?.location.start)
                let number = String(line + 1)
                out.spaces(gutter - number.utf8.count)
                out.paint(number + " |", "1;34")
                if !display.text.isEmpty {
                    out.spaces(1)
                    out.append(display.text)
                }
                out.newline()
                for mark in onLine {
                    let start = display.column(of: mark.location.start)
                    let end = display.column(of: min(mark.location.end, display.range.upperBound))
                    out.spaces(gutter + 1)
                    out.paint("|", "1;34")
                    out.spaces(1)
                    out.paintUnderline(mark.isPrimary ? severityColor(diagnostic.severity) : "1;34") { underline in
                        underline.spaces(start)
                        underline.repeating(mark.isPrimary ? UInt8(ascii: "^") : UInt8(ascii: "-"), max(1, end - start))
                        if let text = mark.text {
                            underline.spaces(1)
                            underline.append(text)
                        }
                    }
                    out.newline()
                }
            }
        }
        if !diagnostic.notes.isEmpty || diagnostic.help != nil { out.rule(gutter) }
        for note in diagnostic.notes { out.trailer(gutter, "note", "1", Visible.escape(note)) }
        if let help = diagnostic.help { out.trailer(gutter, "help", "1;36", Visible.escape(help)) }
        return out.string
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

}

/// The UTF-8 of a rendered diagnostic, painted with ANSI colours when asked for.
private struct RenderedText {
    let colors: Bool
    var bytes: [UInt8] = []

    init(colors: Bool) {
        self.colors = colors
        bytes.reserveCapacity(512)
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func newline() { bytes.append(0x0A) }

    mutating func spaces(_ count: Int) { repeating(0x20, count) }

    mutating func repeating(_ byte: UInt8, _ count: Int) {
        if count > 0 { bytes.append(contentsOf: repeatElement(byte, count: count)) }
    }

    mutating func paint(_ text: String, _ code: String) {
        if colors { append("\u{1B}[\(code)m") }
        append(text)
        if colors { append("\u{1B}[0m") }
    }

    /// Paints what `body` writes as one run of `code`.
    mutating func paintUnderline(_ code: String, _ body: (inout RenderedText) -> Void) {
        if colors { append("\u{1B}[\(code)m") }
        body(&self)
        if colors { append("\u{1B}[0m") }
    }

    /// The gutter's empty line: `   |`.
    mutating func rule(_ gutter: Int) {
        spaces(gutter + 1)
        paint("|", "1;34")
        newline()
    }

    /// A `= note: …` or `= help: …` line.
    mutating func trailer(_ gutter: Int, _ kind: String, _ code: String, _ text: String) {
        spaces(gutter + 1)
        paint("=", "1;34")
        spaces(1)
        paint(kind, code)
        append(": ")
        append(text)
        newline()
    }
}
