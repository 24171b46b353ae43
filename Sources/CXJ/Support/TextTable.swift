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

    /// Whether the table fits with its columns `squeezed`: none below `narrowest` (or below its
    /// own natural width, when that is smaller).
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

    /// The table's lines if it fits `maximum` columns with none squeezed below `narrowest` (or
    /// below its natural width, when that is smaller), else nil.
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
        // A flag per column: a `Set` was hashed for every cell.
        let right = (0..<count).map { rightAligned.contains($0) }
        func pad(_ spaces: Int) {
            if spaces > 0 { line.append(contentsOf: repeatElement(0x20, count: spaces)) }
        }
        /// One line of the table: `cell(column)` gives each cell's text and width.
        func writeLine(_ cell: (Int) -> (String, Int)) {
            line.removeAll(keepingCapacity: true)
            pad(indent)
            for column in 0..<count {
                let (text, width) = cell(column)
                let padding = max(0, widths[column] - width)
                if right[column] {
                    pad(padding)
                    line.append(contentsOf: text.utf8)
                } else {
                    line.append(contentsOf: text.utf8)
                    pad(padding)
                }
                if column < count - 1 { pad(gap) }
            }
            while line.last == 0x20 { line.removeLast() }
            lines.append(String(decoding: line, as: UTF8.self))
        }
        func emit(_ row: [String], _ rowWidths: [Int]) {
            func measured(_ column: Int) -> (String, Int) {
                (column < row.count ? row[column] : "", column < rowWidths.count ? rowWidths[column] : 0)
            }
            // Most rows fit their columns: one line, of the widths measured.
            if (0..<count).allSatisfy({ measured($0).1 <= widths[$0] }) {
                writeLine(measured)
                return
            }
            var wrapped: [[(String, Int)]] = []
            wrapped.reserveCapacity(count)
            for column in 0..<count {
                let (text, width) = measured(column)
                wrapped.append(width <= widths[column] ? [(text, width)]
                               : TextTable.wrap(text, width: widths[column]).map { ($0, DisplayWidth.of($0)) })
            }
            let height = wrapped.map { $0.count }.max() ?? 1
            for index in 0..<height {
                writeLine { column in index < wrapped[column].count ? wrapped[column][index] : ("", 0) }
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
        var copy = text
        return copy.withUTF8 { wrapBytes($0, width: width) } ?? wrapCharacters(text, width: width)
    }

    /// `wrap` over UTF-8, or nil where a space is part of a larger character (a combining
    /// mark after it, a prepended mark before it), which is no place to break for
    /// `wrapCharacters`. Elsewhere the two agree; splitting into `Substring`s and appending
    /// them was a sixth of `--to text`.
    private static func wrapBytes(_ bytes: UnsafeBufferPointer<UInt8>, width: Int) -> [String]? {
        let count = bytes.count
        for index in 0..<count where bytes[index] == 0x20 {
            if (index > 0 && bytes[index - 1] >= 0x80) || (index + 1 < count && bytes[index + 1] >= 0x80),
               !isLoneSpace(bytes, at: index) { return nil }
        }
        var lines: [String] = []
        var line: [UInt8] = []
        var lineWidth = 0
        var start = 0
        while start <= count {
            var end = start
            while end < count && bytes[end] != 0x20 { end += 1 }
            let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
            let wordWidth = DisplayWidth.of(utf8: word)
            if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                line.append(0x20)
                line.append(contentsOf: word)
                lineWidth += 1 + wordWidth
            } else if wordWidth <= width {
                if lineWidth > 0 { lines.append(String(decoding: line, as: UTF8.self)) }
                line.removeAll(keepingCapacity: true)
                line.append(contentsOf: word)
                lineWidth = wordWidth
            } else {
                if lineWidth > 0 { lines.append(String(decoding: line, as: UTF8.self)) }
                line.removeAll(keepingCapacity: true)
                lineWidth = 0
                for character in String(decoding: word, as: UTF8.self) {
                    let characterWidth = DisplayWidth.of(String(character))
                    if lineWidth + characterWidth > width {
                        lines.append(String(decoding: line, as: UTF8.self))
                        line.removeAll(keepingCapacity: true)
                        lineWidth = 0
                    }
                    line.append(contentsOf: character.utf8)
                    lineWidth += characterWidth
                }
            }
            start = end + 1
        }
        if !line.isEmpty || lines.isEmpty { lines.append(String(decoding: line, as: UTF8.self)) }
        return lines
    }

    /// Whether the space at `index`, beside a non-ASCII scalar, is a character of its own:
    /// the scalars on either side of it decide that (no rule that joins a space to its
    /// neighbours looks further), so those three are segmented alone.
    private static func isLoneSpace(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        var start = index
        if start > 0 {
            start -= 1
            while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        }
        var end = index + 1
        if end < bytes.count {
            end += 1
            while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        }
        let scalars = (start < index ? 1 : 0) + 1 + (end > index + 1 ? 1 : 0)
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).count == scalars
    }

    /// `wrap` a character at a time.
    static func wrapCharacters(_ text: String, width: Int) -> [String] {
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
