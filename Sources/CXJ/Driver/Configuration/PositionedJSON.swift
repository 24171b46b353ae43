/// A JSON value that remembers where it was written, so that errors in configuration files
/// can point at the exact key or value.
indirect enum PositionedJSON {
    case object([(key: String, keyRange: Range<Int>, value: PositionedJSON)], Range<Int>)
    case array([PositionedJSON], Range<Int>)
    case string(String, Range<Int>)
    case number(Double, Range<Int>)
    case bool(Bool, Range<Int>)
    case null(Range<Int>)

    var range: Range<Int> {
        switch self {
        case .object(_, let range), .array(_, let range), .string(_, let range), .number(_, let range),
             .bool(_, let range), .null(let range):
            return range
        }
    }

    /// What a message calls the value: "an object", "a string".
    var kindName: String {
        switch self {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }

    struct SyntaxError: Error {
        var message: String
        var range: Range<Int>
    }

    /// Parses a whole document (RFC 8259), reporting the first error at its byte offset.
    static func parse(_ bytes: [UInt8]) throws -> PositionedJSON {
        var parser = Parser(bytes: bytes)
        parser.skipSpace()
        let value = try parser.value()
        parser.skipSpace()
        guard parser.index == bytes.count else {
            throw SyntaxError(message: "unexpected text after the JSON value", range: parser.index..<parser.index + 1)
        }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0
        /// How many objects and arrays enclose the current value.
        var depth = 0
        /// The deepest nesting accepted: no configuration needs more, and the parser recurses.
        static let maximumDepth = 64

        init(bytes: [UInt8]) {
            self.bytes = bytes
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        func error(_ message: String, at position: Int? = nil) -> SyntaxError {
            let start = min(position ?? index, bytes.count)
            return SyntaxError(message: message, range: start..<min(start + 1, bytes.count))
        }

        mutating func value() throws -> PositionedJSON {
            guard index < bytes.count else { throw error("expected a value, found the end of the file") }
            let start = index
            switch bytes[index] {
            case 0x7B: return try object()
            case 0x5B: return try array()
            case 0x22:
                let text = try string()
                return .string(text, start..<index)
            case 0x74: try literal("true"); return .bool(true, start..<index)
            case 0x66: try literal("false"); return .bool(false, start..<index)
            case 0x6E: try literal("null"); return .null(start..<index)
            case 0x2D, 0x30...0x39: return try number()
            default: throw error("expected a value")
            }
        }

        mutating func literal(_ word: String) throws {
            let expected = Array(word.utf8)
            guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else {
                throw error("expected a value")
            }
            index += expected.count
        }

        mutating func number() throws -> PositionedJSON {
            let start = index
            if bytes[index] == 0x2D { index += 1 }
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) || [0x2E, 0x65, 0x45, 0x2B, 0x2D].contains(bytes[index]) {
                index += 1
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            guard let value = Double(text) else { throw error("malformed number", at: start) }
            return .number(value, start..<index)
        }

        mutating func string() throws -> String {
            let start = index
            index += 1
            var output: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x22 {
                    index += 1
                    return String(decoding: output, as: UTF8.self)
                }
                if byte < 0x20 { throw error("unterminated string", at: start) }
                if byte == 0x5C {
                    index += 1
                    guard index < bytes.count else { break }
                    switch bytes[index] {
                    case 0x22: output.append(0x22)
                    case 0x5C: output.append(0x5C)
                    case 0x2F: output.append(0x2F)
                    case 0x62: output.append(0x08)
                    case 0x66: output.append(0x0C)
                    case 0x6E: output.append(0x0A)
                    case 0x72: output.append(0x0D)
                    case 0x74: output.append(0x09)
                    case 0x75:
                        guard index + 4 < bytes.count,
                              var value = UInt32(String(decoding: bytes[index + 1...index + 4], as: UTF8.self), radix: 16) else {
                            throw error("invalid \\u escape", at: index - 1)
                        }
                        index += 4
                        // A UTF-16 surrogate pair, `\ud83d\ude00`, is one scalar.
                        if value >= 0xD800 && value < 0xDC00, index + 6 < bytes.count, bytes[index + 1] == 0x5C, bytes[index + 2] == 0x75,
                           let low = UInt32(String(decoding: bytes[index + 3...index + 6], as: UTF8.self), radix: 16),
                           low >= 0xDC00 && low < 0xE000 {
                            value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                            index += 6
                        }
                        output += Array(String(Character(Unicode.Scalar(value) ?? "\u{FFFD}")).utf8)
                    default:
                        throw error("invalid escape in a string", at: index - 1)
                    }
                    index += 1
                    continue
                }
                output.append(byte)
                index += 1
            }
            throw error("unterminated string", at: start)
        }

        mutating func object() throws -> PositionedJSON {
            let start = index
            guard depth < Parser.maximumDepth else {
                throw error("values are nested more than \(Parser.maximumDepth) levels deep")
            }
            depth += 1
            defer { depth -= 1 }
            index += 1
            var members: [(key: String, keyRange: Range<Int>, value: PositionedJSON)] = []
            skipSpace()
            if index < bytes.count && bytes[index] == 0x7D {
                index += 1
                return .object(members, start..<index)
            }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == 0x22 else { throw error("expected a key in double quotes") }
                let keyStart = index
                let key = try string()
                let keyRange = keyStart..<index
                skipSpace()
                guard index < bytes.count, bytes[index] == 0x3A else { throw error("expected `:` after the key") }
                index += 1
                skipSpace()
                members.append((key, keyRange, try value()))
                skipSpace()
                guard index < bytes.count else { throw error("expected `,` or `}`, found the end of the file") }
                if bytes[index] == 0x2C {
                    index += 1
                    continue
                }
                guard bytes[index] == 0x7D else { throw error("expected `,` or `}`") }
                index += 1
                return .object(members, start..<index)
            }
        }

        mutating func array() throws -> PositionedJSON {
            let start = index
            guard depth < Parser.maximumDepth else {
                throw error("values are nested more than \(Parser.maximumDepth) levels deep")
            }
            depth += 1
            defer { depth -= 1 }
            index += 1
            var items: [PositionedJSON] = []
            skipSpace()
            if index < bytes.count && bytes[index] == 0x5D {
                index += 1
                return .array(items, start..<index)
            }
            while true {
                skipSpace()
                items.append(try value())
                skipSpace()
                guard index < bytes.count else { throw error("expected `,` or `]`, found the end of the file") }
                if bytes[index] == 0x2C {
                    index += 1
                    continue
                }
                guard bytes[index] == 0x5D else { throw error("expected `,` or `]`") }
                index += 1
                return .array(items, start..<index)
            }
        }
    }
}
