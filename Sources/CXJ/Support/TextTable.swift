/// A table laid out for a terminal: columns sized by display width, the widest columns
/// narrowed and their cells wrapped until the table fits the width.
struct TextTable {
    var headers: [String]
    var rightAligned: Set<Int> = []
    var rows: [[String]] = []
    var indent = 2

    init(headers: [String], indent: Int = 2) {
        self.headers = headers
        self.indent = indent
    }

    /// Whether the table fits `maximum` columns with no column squeezed below `narrowest`
    /// (or below its own natural width, when that is smaller).
    func fits(width maximum: Int, narrowest: Int) -> Bool {
        let natural = naturalWidths()
        let squeezed = widths(maximum)
        return squeezed.indices.allSatisfy { squeezed[$0] >= min(natural[$0], narrowest) }
    }

    private func naturalWidths() -> [Int] {
        headers.indices.map { column in ([headers[column]] + rows.map { $0[column] }).map(DisplayWidth.of).max() ?? 0 }
    }

    /// The natural widths, the widest narrowed step by step (not below 8) until the table fits.
    private func widths(_ maximum: Int) -> [Int] {
        var widths = naturalWidths()
        let count = headers.count
        func total() -> Int { indent + widths.reduce(0, +) + 2 * (count - 1) }
        while total() > maximum {
            guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 8 else { break }
            widths[widest] -= min(widths[widest] - 8, total() - maximum)
        }
        return widths
    }

    func render(width maximum: Int) -> [String] {
        let count = headers.count
        let widths = widths(maximum)
        let gap = 2
        var lines: [String] = []
        func emit(_ cells: [String]) {
            let wrapped = cells.enumerated().map { TextTable.wrap($1, width: widths[$0]) }
            let height = wrapped.map { $0.count }.max() ?? 1
            for line in 0..<height {
                var text = String(repeating: " ", count: indent)
                for column in 0..<count {
                    let cell = line < wrapped[column].count ? wrapped[column][line] : ""
                    let padding = String(repeating: " ", count: max(0, widths[column] - DisplayWidth.of(cell)))
                    text += rightAligned.contains(column) ? padding + cell : cell + padding
                    if column < count - 1 { text += String(repeating: " ", count: gap) }
                }
                while text.hasSuffix(" ") { text.removeLast() }
                lines.append(text)
            }
        }
        emit(headers)
        lines.append(String(repeating: " ", count: indent)
                     + widths.map { String(repeating: "─", count: $0) }.joined(separator: String(repeating: " ", count: gap)))
        for row in rows { emit(row) }
        return lines
    }

    /// Wraps text to a display width, at spaces where possible and inside words where not.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard DisplayWidth.of(text) > width else { return [text] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let wordWidth = DisplayWidth.of(String(word))
            if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                line += " " + word
                lineWidth += 1 + wordWidth
            } else if wordWidth <= width {
                if lineWidth > 0 { lines.append(line) }
                line = String(word)
                lineWidth = wordWidth
            } else {
                if lineWidth > 0 { lines.append(line) }
                line = ""
                lineWidth = 0
                for character in word {
                    let characterWidth = DisplayWidth.of(String(character))
                    if lineWidth + characterWidth > width {
                        lines.append(line)
                        line = ""
                        lineWidth = 0
                    }
                    line.append(character)
                    lineWidth += characterWidth
                }
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
