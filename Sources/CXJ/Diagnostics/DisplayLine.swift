/// One source line prepared for a terminal: tabs expanded to four spaces, control characters
/// and invalid UTF-8 shown as U+FFFD, and a map from byte offsets to display columns so that
/// underlines line up under CJK (2 columns), Thai marks (0) and emoji.
struct DisplayLine {
    /// The text to print.
    let text: String
    /// The byte range of the line in its file, without the line terminator.
    let range: Range<Int>
    private let offsets: [Int]
    private let columns: [Int]

    init(source: SourceFile, line: Int) {
        let range = source.lineContentRange(line)
        self.range = range
        var text = ""
        var offsets: [Int] = []
        var columns: [Int] = []
        var column = 0
        source.bytes.withUnsafeBufferPointer { buffer in
            var index = range.lowerBound
            while index < range.upperBound {
                offsets.append(index)
                columns.append(column)
                if let (scalar, length) = UTF8Decoding.decode(buffer, at: index) {
                    if scalar == 0x09 {
                        text += "    "
                        column += 4
                    } else if scalar < 0x20 || scalar == 0x7F {
                        text += "\u{FFFD}"
                        column += 1
                    } else {
                        text.unicodeScalars.append(Unicode.Scalar(scalar)!)
                        column += DisplayWidth.of(scalar: scalar)
                    }
                    index += length
                } else {
                    text += "\u{FFFD}"
                    column += 1
                    index += 1
                }
            }
        }
        offsets.append(range.upperBound)
        columns.append(column)
        self.text = text
        self.offsets = offsets
        self.columns = columns
    }

    /// The display column of a byte offset, clamped to the line.
    func column(of offset: Int) -> Int {
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
