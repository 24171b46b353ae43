/// A JSON value for the language server's messages: parsed with the depth-limited
/// `PositionedJSON` reader, written compactly.
public indirect enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.serialized == rhs.serialized }

    /// Parses a document; nil when it is not JSON.
    public static func parse(_ bytes: [UInt8]) -> JSONValue? {
        guard let document = try? PositionedJSON.parse(bytes) else { return nil }
        return JSONValue(document)
    }

    init(_ value: PositionedJSON) {
        switch value {
        case .object(let members, _): self = .object(members.map { ($0.key, JSONValue($0.value)) })
        case .array(let items, _): self = .array(items.map(JSONValue.init))
        case .string(let text, _): self = .string(text)
        case .number(let number, _): self = .number(number)
        case .bool(let flag, _): self = .bool(flag)
        case .null: self = .null
        }
    }

    public subscript(_ key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    public var string: String? { if case .string(let text) = self { return text }; return nil }
    public var int: Int? { if case .number(let number) = self, number == number.rounded(), abs(number) < 1e15 { return Int(number) }; return nil }
    public var array: [JSONValue]? { if case .array(let items) = self { return items }; return nil }
    public var bool: Bool? { if case .bool(let flag) = self { return flag }; return nil }

    /// Compact JSON text.
    public var serialized: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .object(let members):
            out += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out += "," }
                JSONValue.quote(key, to: &out)
                out += ":"
                value.write(to: &out)
            }
            out += "}"
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .string(let text): JSONValue.quote(text, to: &out)
        case .number(let number):
            out += number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        }
    }

    private static func quote(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
