/// Decodes string tokens into their text.
///
/// A one-line string is the text between its quotes with escapes applied. A `"""` string
/// follows Swift: a first line holding only whitespace after the opening quotes and a last
/// line holding only whitespace before the closing quotes are dropped, then the indentation
/// common to all non-blank lines is removed, then escapes are applied. CRLF becomes LF.
public enum StringLiteral {
    /// Decodes a token's bytes, quotes included. Invalid escapes (already reported) are kept as written.
    public static func decode(_ token: UnsafeBufferPointer<UInt8>, multiline: Bool) -> String {
        if multiline {
            let end = token.count >= 6 && isTripleQuote(token, at: token.count - 3) ? token.count - 3 : token.count
            let inner = UnsafeBufferPointer(rebasing: token[min(3, end)..<end])
            return unescape(dedent(inner))
        }
        let end = token.count >= 2 && token[token.count - 1] == 0x22 ? token.count - 1 : token.count
        return unescape(Array(token[min(1, end)..<end]))
    }

    private static func isTripleQuote(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        index >= 0 && index + 2 < bytes.count && bytes[index] == 0x22 && bytes[index + 1] == 0x22 && bytes[index + 2] == 0x22
    }

    /// Removes the first and last whitespace-only lines and the common indentation.
    static func dedent(_ content: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var lines: [[UInt8]] = [[]]
        var index = 0
        while index < content.count {
            let byte = content[index]
            if byte == 0x0D && index + 1 < content.count && content[index + 1] == 0x0A {
                index += 1
                continue
            }
            if byte == 0x0A { lines.append([]) } else { lines[lines.count - 1].append(byte) }
            index += 1
        }
        if lines.count > 1 && isBlank(lines[0]) { lines.removeFirst() }
        if lines.count > 1 && isBlank(lines[lines.count - 1]) { lines.removeLast() }
        var common: [UInt8]? = nil
        for line in lines where !isBlank(line) {
            let indent = Array(line.prefix { $0 == 0x20 || $0 == 0x09 })
            if let current = common {
                var length = 0
                while length < current.count && length < indent.count && current[length] == indent[length] { length += 1 }
                common = Array(current.prefix(length))
            } else {
                common = indent
            }
        }
        let strip = common?.count ?? 0
        var result: [UInt8] = []
        for (number, line) in lines.enumerated() {
            if number > 0 { result.append(0x0A) }
            if !isBlank(line) { result.append(contentsOf: line.dropFirst(strip)) }
        }
        return result
    }

    private static func isBlank(_ line: [UInt8]) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// Applies `\"`, `\\`, `\n`, `\t` and `\u{…}`.
    static func unescape(_ bytes: [UInt8]) -> String {
        guard bytes.contains(0x5C) else { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x5C, index + 1 < bytes.count else {
                output.append(byte)
                index += 1
                continue
            }
            switch bytes[index + 1] {
            case 0x22: output.append(0x22); index += 2
            case 0x5C: output.append(0x5C); index += 2
            case 0x6E: output.append(0x0A); index += 2
            case 0x74: output.append(0x09); index += 2
            case 0x75:
                if let (scalar, length) = unicodeEscape(bytes, at: index) {
                    output.append(contentsOf: Array(String(Character(scalar)).utf8))
                    index += length
                } else {
                    output.append(byte)
                    index += 1
                }
            default:
                output.append(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func unicodeEscape(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int)? {
        var position = index + 2
        guard position < bytes.count, bytes[position] == 0x7B else { return nil }
        position += 1
        var value: UInt32 = 0
        var digits = 0
        while position < bytes.count, digits < 8 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            default: digit = 16
            }
            if digit == 16 { break }
            value = value * 16 + digit
            digits += 1
            position += 1
        }
        guard digits > 0, position < bytes.count, bytes[position] == 0x7D, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, position + 1 - index)
    }

    /// Writes `text` as a canonical cxj one-line string literal, quotes included.
    public static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
