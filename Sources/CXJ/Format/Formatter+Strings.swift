extension Printer {
    /// Writes a string literal canonically.
    ///
    /// A one-line string stays one line: `"`, `\`, line breaks and tabs are escaped as `\"`,
    /// `\\`, `\n` and `\t`, other control characters as `\u{…}`, and everything else is written
    /// as itself (so `\u{E01}` becomes `ก`). A `"""` string stays multi-line: its lines are
    /// indented one level deeper than the statement and closed by `"""` on a line of its own,
    /// with `\\` for backslashes and `\"` where a quote would close the string early. When the
    /// text cannot be written that way exactly (a line of only spaces, every line indented, a
    /// carriage return), it becomes a one-line string instead; both read back to the same text.
    func writeString(_ argument: SyntaxArgument, into text: ByteScratch, depth: Int) {
        let raw = bytes[argument.range]
        if argument.kind == .string {
            let inner = raw.dropFirst().dropLast()
            if !inner.contains(where: { $0 == 0x5C || $0 < 0x20 || $0 == 0x7F }) {
                text.append(UnsafeBufferPointer(rebasing: raw))
                return
            }
        }
        let value = tree.string(argument)
        if argument.kind == .multilineString, let block = multilineLiteral(value, depth: depth) {
            text.append(block)
            return
        }
        text.append(Array(StringLiteral.quote(value).utf8))
    }

    /// The `"""` form of a text, or nil when it would not read back as the same text.
    func multilineLiteral(_ value: String, depth: Int) -> [UInt8]? {
        let indentation = String(repeating: "  ", count: depth + 1)
        var literal = "\"\"\"\n"
        for line in value.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.isEmpty { literal += indentation }
            var quotes = 0
            for scalar in line.unicodeScalars {
                switch scalar {
                case "\\": literal += "\\\\"; quotes = 0
                case "\"":
                    if quotes == 2 {
                        literal += "\\\""
                        quotes = 0
                    } else {
                        literal += "\""
                        quotes += 1
                    }
                case "\t": literal += "\t"; quotes = 0
                default:
                    quotes = 0
                    if scalar.value < 0x20 || scalar.value == 0x7F {
                        literal += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                    } else {
                        literal.unicodeScalars.append(scalar)
                    }
                }
            }
            literal += "\n"
        }
        literal += indentation + "\"\"\""
        let bytes = Array(literal.utf8)
        let decoded = bytes.withUnsafeBufferPointer { StringLiteral.decode($0, multiline: true) }
        return decoded == value ? bytes : nil
    }
}
