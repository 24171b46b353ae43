/// A table laid out for a terminal: columns sized by display width, the widest columns
/// narrowed and their cells wrapped until the table fits the width.
///
/// Each cell is measured once per layout (`CellWidths`) and lines are built as bytes: every
/// text report lays out half a dozen tables per journey, and measuring each cell three to five
/// times over, then padding it with a fresh `String` per gap, was a third of `--to text`.
struct TextTable {
    var headers: [String]
    var rightAligned: Set<Int> = []
    var rows: [[String]] = []
    var indent = 2

    init(headers: [String], indent: Int = 2) {
        self.headers = headers
        self.indent = indent
    }

    /// The display width of every cell, headers first.
    private struct CellWidths {
        var headers: [Int]
        var rows: [[Int]]
        var natural: [Int]
    }

    private func measure() -> CellWidths {
        let headerWidths = headers.map { DisplayWidth.of($0) }
        let rowWidths = rows.map { $0.map { DisplayWidth.of($0) } }
        var natural = headerWidths
        for row in rowWidths {
            for column in natural.indices where column < row.count { natural[column] = max(natural[column], row[column]) }
        }
        return CellWidths(headers: headerWidths, rows: rowWidths, natural: natural)
    }

    /// Whether the table fits `maximum` columns with no column squeezed below `narrowest`
    /// (or below its own natural width, when that is smaller).
    func fits(width maximum: Int, narrowest: Int) -> Bool {
        let natural = measure().natural
        return fits(natural, squeezed: widths(natural, maximum), narrowest: narrowest)
    }

    private func fits(_ natural: [Int], squeezed: [Int], narrowest: Int) -> Bool {
        squeezed.indices.allSatisfy { squeezed[$0] >= min(natural[$0], narrowest) }
    }

    /// The natural widths, the widest narrowed step by step (not below 8) until the table fits.
    private func widths(_ natural: [Int], _ maximum: Int) -> [Int] {
        var widths = natural
        let count = headers.count
        func total() -> Int { indent + widths.reduce(0, +) + 2 * (count - 1) }
        while total() > maximum {
            guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 8 else { break }
            widths[widest] -= min(widths[widest] - 8, total() - maximum)
        }
        return widths
    }

    func render(width maximum: Int) -> [String] {
        let cells = measure()
        return render(cells, widths: widths(cells.natural, maximum))
    }

    /// The table's lines if it fits as `fits(width:narrowest:)` decides, else nil; measured once.
    func render(width maximum: Int, ifFitting narrowest: Int) -> [String]? {
        let cells = measure()
        let squeezed = widths(cells.natural, maximum)
        guard fits(cells.natural, squeezed: squeezed, narrowest: narrowest) else { return nil }
        return render(cells, widths: squeezed)
    }

    private func render(_ cells: CellWidths, widths: [Int]) -> [String] {
        let count = headers.count
        let gap = 2
        var lines: [String] = []
        var line: [UInt8] = []
        func pad(_ spaces: Int) {
            if spaces > 0 { line.append(contentsOf: repeatElement(0x20, count: spaces)) }
        }
        func emit(_ row: [String], _ rowWidths: [Int]) {
            // A cell that fits its column is its own only line, of the width measured.
            var wrapped: [[(String, Int)]] = []
            wrapped.reserveCapacity(count)
            for column in 0..<count {
                let text = column < row.count ? row[column] : ""
                let width = column < rowWidths.count ? rowWidths[column] : 0
                wrapped.append(width <= widths[column] ? [(text, width)]
                               : TextTable.wrap(text, width: widths[column]).map { ($0, DisplayWidth.of($0)) })
            }
            let height = wrapped.map { $0.count }.max() ?? 1
            for index in 0..<height {
                line.removeAll(keepingCapacity: true)
                pad(indent)
                for column in 0..<count {
                    let (cell, width) = index < wrapped[column].count ? wrapped[column][index] : ("", 0)
                    let padding = max(0, widths[column] - width)
                    if rightAligned.contains(column) {
                        pad(padding)
                        line.append(contentsOf: cell.utf8)
                    } else {
                        line.append(contentsOf: cell.utf8)
                        pad(padding)
                    }
                    if column < count - 1 { pad(gap) }
                }
                while line.last == 0x20 { line.removeLast() }
                lines.append(String(decoding: line, as: UTF8.self))
            }
        }
        emit(headers, cells.headers)
        line.removeAll(keepingCapacity: true)
        pad(indent)
        for (column, width) in widths.enumerated() {
            if column > 0 { pad(gap) }
            for _ in 0..<width { line.append(contentsOf: [0xE2, 0x94, 0x80]) }  // ─
        }
        lines.append(String(decoding: line, as: UTF8.self))
        for (row, rowWidths) in zip(rows, cells.rows) { emit(row, rowWidths) }
        return lines
    }

    /// Wraps text to a display width, at spaces where possible and inside words where not.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard DisplayWidth.of(text) > width else { return [text] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let wordWidth = DisplayWidth.of(word)
            if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                line += " "
                line += word
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
