extension Lexer {
    /// Scans a one-line string or, after `"""`, a multi-line string.
    mutating func scanString() -> Token {
        if index + 2 < bytes.count && bytes[index + 1] == 0x22 && bytes[index + 2] == 0x22 {
            return scanMultilineString()
        }
        let start = index
        index += 1
        let count = bytes.count
        let base = bytes.baseAddress!
        let classes = self.classes
        while index < count {
            // The run of plain bytes, on a local position (see `scanIdentifier`).
            let position = ByteWords.runEnd(from: index, of: ByteClasses.plainStringByte, in: base, count: count,
                                            classes: classes, wordRun: ByteWords.plainStringRun)
            index = position
            guard position < count else { break }
            let byte = base[position]
            switch byte {
            case 0x22:
                index += 1
                return Token(.string, start, index)
            case 0x5C:
                scanEscape()
            case 0x0A:
                return unterminatedString(start: start)
            case 0x0D where index + 1 < count && bytes[index + 1] == 0x0A:
                return unterminatedString(start: start)
            default:
                if byte < 0x80 {
                    index += 1
                } else {
                    // A run of characters beyond ASCII (Thai, emoji) is taken scalar by scalar
                    // here: a word test per scalar would find no plain byte in it.
                    repeat { skipScalarOrReportInvalid() } while index < count && base[index] >= 0x80
                }
            }
        }
        return unterminatedString(start: start)
    }

    /// Reports CXJ002 for a one-line string that reaches the end of its line.
    ///
    /// When the line ends in `{` or `}`, that brace is almost certainly the block the author
    /// meant to open or close, so the string stops before it and the brace is lexed as usual.
    /// That keeps one missing quote from cascading into a dozen errors about misplaced blocks.
    private mutating func unterminatedString(start: Int) -> Token {
        var end = index
        while end > start + 1 && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D) { end -= 1 }
        if end > start + 1 && (bytes[end - 1] == 0x7B || bytes[end - 1] == 0x7D) {
            // A line that ends in `}` whose `{` is on the same line holds a one-line block, as
            // `cxj fmt` writes them (`step a "A { emotion 1 }`): the string stops before that
            // `{`. Otherwise the brace opens or closes an enclosing block.
            var cut = end - 1
            if bytes[end - 1] == 0x7D {
                var depth = 0
                var scan = end - 1
                while scan > start {
                    if bytes[scan] == 0x7D { depth += 1 }
                    if bytes[scan] == 0x7B {
                        depth -= 1
                        if depth == 0 {
                            cut = scan
                            break
                        }
                    }
                    scan -= 1
                }
            }
            index = cut
            end = cut
            while end > start + 1 && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        }
        var diagnostic = Diagnostic(
            .unterminatedString, "unterminated string", at: SourceLocation(file: file, start: start, end: end),
            label: "this string is not closed before the end of the line",
            help: "add the closing `\"`, or use `\"\"\"` for text that spans several lines")
        diagnostic.fixes = [Fix("add the closing `\"`", edits: [Edit(SourceLocation(file: file, start: end, end: end), "\"")], isSafe: true)]
        report(diagnostic)
        return Token(.string, start, end)
    }

    /// Scans a `"""` string up to the next `"""`.
    private mutating func scanMultilineString() -> Token {
        let start = index
        index += 3
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == 0x22 && index + 2 < count && bytes[index + 1] == 0x22 && bytes[index + 2] == 0x22 {
                index += 3
                return Token(.multilineString, start, index)
            }
            if byte == 0x5C {
                scanEscape()
            } else if byte < 0x80 {
                index += 1
            } else {
                skipScalarOrReportInvalid()
            }
        }
        swallowedRestOfFile = true
        report(Diagnostic(
            .unterminatedString, "unterminated multi-line string",
            at: SourceLocation(file: file, start: start, end: start + 3),
            label: "this `\"\"\"` is never closed",
            secondary: [.init(SourceLocation(file: file, start: count, end: count), "the file ends here")],
            help: "close the text with `\"\"\"`"))
        return Token(.multilineString, start, count)
    }

    /// Checks one escape sequence starting at a backslash and reports CXJ003 if it is invalid.
    private mutating func scanEscape() {
        let start = index
        index += 1
        let count = bytes.count
        guard index < count, bytes[index] != 0x0A, bytes[index] != 0x0D else {
            reportEscape(start: start, end: index)
            return
        }
        switch bytes[index] {
        case 0x22, 0x5C, 0x6E, 0x74: // " \ n t
            index += 1
        case 0x75: // u
            index += 1
            guard index < count, bytes[index] == 0x7B else {
                reportEscape(start: start, end: index)
                return
            }
            index += 1
            var value: UInt32 = 0
            var digits = 0
            while index < count, let digit = hexValue(bytes[index]), digits < 9 {
                value = value &* 16 &+ UInt32(digit)
                digits += 1
                index += 1
            }
            let closed = index < count && bytes[index] == 0x7D
            if closed { index += 1 }
            if !closed || digits == 0 || digits > 8 || Unicode.Scalar(value) == nil {
                reportEscape(start: start, end: index)
            }
        default:
            if let (_, length) = UTF8Decoding.decode(bytes, at: index) { index += length } else { index += 1 }
            reportEscape(start: start, end: index)
        }
    }

    private mutating func reportEscape(start: Int, end: Int) {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        report(Diagnostic(
            .invalidEscape, "invalid escape sequence `\(text)`", at: SourceLocation(file: file, start: start, end: end),
            label: "not a valid escape",
            notes: ["the escapes are `\\\"`, `\\\\`, `\\n`, `\\t` and `\\u{1F600}` (1 to 8 hex digits)"],
            help: "write `\\\\` for a literal backslash"))
    }

    private func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x61...0x66: return byte - 0x61 + 10
        case 0x41...0x46: return byte - 0x41 + 10
        default: return nil
        }
    }
}
