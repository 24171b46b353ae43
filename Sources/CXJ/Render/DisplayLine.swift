/// One source line prepared for a terminal: tabs expanded to four spaces, C0 control
/// characters shown as their Unicode pictures (`␛`), other controls and bidirectional
/// overrides as escapes (`\u{202E}`), invalid UTF-8 as U+FFFD, and a map from byte offsets to display columns so that
/// underlines line up under CJK (2 columns), Thai marks (0) and emoji.
struct DisplayLine {
    /// The text to print.
    let text: String
    /// The byte range of the line in its file, without the line terminator.
    let range: Range<Int>
    private let offsets: [Int]
    private let columns: [Int]

    /// How many display columns of context are kept before the focus of a long line.
    static let contextBefore = 40
    /// How many display columns a windowed line shows at most, marks included.
    static let windowWidth = 110

    /// Prepares a line; a line wider than `windowWidth` is cut to a window around `focus`
    /// (a byte offset), with `…` where it was cut, as rustc does. Offsets outside the window
    /// map to its edges.
    init(source: SourceFile, line: Int, focus: Int? = nil) {
        let whole = source.lineContentRange(line)
        let range = source.bytes.withUnsafeBufferPointer {
            DisplayLine.window($0, line: whole, focus: focus ?? whole.lowerBound)
        }
        self.range = range
        // Built as UTF-8 bytes and made a `String` once: appending scalar by scalar to a
        // `String` cost about 600 instructions a character (README, "A twentieth round").
        var text: [UInt8] = []
        text.reserveCapacity(range.count + 8)
        var offsets: [Int] = []
        var columns: [Int] = []
        offsets.reserveCapacity(range.count + 1)
        columns.reserveCapacity(range.count + 1)
        if range.lowerBound > whole.lowerBound { text.append(contentsOf: DisplayLine.ellipsis) }
        var column = text.isEmpty ? 0 : 1
        source.bytes.withUnsafeBufferPointer { buffer in
            var index = range.lowerBound
            while index < range.upperBound {
                offsets.append(index)
                columns.append(column)
                let byte = buffer[index]
                if byte >= 0x20 && byte < 0x7F {
                    text.append(byte)
                    column += 1
                    index += 1
                } else if let (scalar, length) = UTF8Decoding.decode(buffer, at: index) {
                    if scalar == 0x09 {
                        text.append(contentsOf: [0x20, 0x20, 0x20, 0x20])
                        column += 4
                    } else if scalar < 0x20 || scalar == 0x7F {
                        DisplayLine.appendUTF8(scalar == 0x7F ? 0x2421 : 0x2400 + scalar, to: &text)
                        column += 1
                    } else if Visible.isUnsafe(scalar) {
                        let escape = Visible.escaped(scalar)
                        text.append(contentsOf: escape.utf8)
                        column += escape.utf8.count
                    } else {
                        text.append(contentsOf: buffer[index..<index + length])
                        column += DisplayWidth.of(scalar: scalar)
                    }
                    index += length
                } else {
                    DisplayLine.appendUTF8(0xFFFD, to: &text)
                    column += 1
                    index += 1
                }
            }
        }
        offsets.append(range.upperBound)
        columns.append(column)
        if range.upperBound < whole.upperBound { text.append(contentsOf: DisplayLine.ellipsis) }
        self.text = String(decoding: text, as: UTF8.self)
        self.offsets = offsets
        self.columns = columns
    }

    /// `…` in UTF-8.
    private static let ellipsis: [UInt8] = [0xE2, 0x80, 0xA6]

    /// Appends the UTF-8 of a scalar below U+10000 (the pictures of controls, U+FFFD).
    private static func appendUTF8(_ scalar: UInt32, to bytes: inout [UInt8]) {
        if scalar < 0x80 {
            bytes.append(UInt8(scalar))
        } else if scalar < 0x800 {
            bytes.append(0xC0 | UInt8(scalar >> 6))
            bytes.append(0x80 | UInt8(scalar & 0x3F))
        } else {
            bytes.append(0xE0 | UInt8(scalar >> 12))
            bytes.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            bytes.append(0x80 | UInt8(scalar & 0x3F))
        }
    }

    /// The bytes of a line to show: all of it when it fits, else a window that starts up to
    /// `contextBefore` columns before `focus` and is at most `windowWidth` columns wide.
    /// Only the window's neighbourhood is read, so a 10 MB line costs no more than a short one.
    static func window(_ bytes: UnsafeBufferPointer<UInt8>, line: Range<Int>, focus: Int) -> Range<Int> {
        let focus = min(max(focus, line.lowerBound), line.upperBound)
        // Cheap test first: a line with no more bytes than columns allowed always fits.
        if line.count <= windowWidth { return line }
        var start = focus
        var width = 0
        while start > line.lowerBound && width < contextBefore {
            start -= 1
            while start > line.lowerBound && bytes[start] & 0xC0 == 0x80 { start -= 1 }
            width += scalarWidth(bytes, at: start)
        }
        var end = start
        width = 0
        while end < line.upperBound {
            let next = scalarWidth(bytes, at: end)
            if width + next > windowWidth { break }
            width += next
            end += max(UTF8Decoding.decode(bytes, at: end)?.1 ?? 1, 1)
        }
        if start == line.lowerBound && end == line.upperBound { return line }
        return start..<min(end, line.upperBound)
    }

    private static func scalarWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        guard let (scalar, _) = UTF8Decoding.decode(bytes, at: index) else { return 1 }
        if scalar == 0x09 { return 4 }
        if Visible.isUnsafe(scalar) { return scalar < 0x20 || scalar == 0x7F ? 1 : Visible.escaped(scalar).utf8.count }
        return DisplayWidth.of(scalar: scalar)
    }

    /// The display column of a byte offset, clamped to the line.
    func column(of offset: Int) -> Int {
        if offset <= range.lowerBound { return columns[0] }
        if offset >= range.upperBound { return columns[columns.count - 1] }
        var low = 0
        var high = offsets.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if offsets[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return columns[low]
    }
}
