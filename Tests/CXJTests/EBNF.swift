import Foundation

/// A small reader for the ISO-style EBNF of Grammar/cxj.ebnf, used to tie the grammar to the
/// parser (GrammarTests). It understands rules, "literals", names, `? special ?`, `|`, `[ ]`,
/// `{ }`, `( )` and `(* comments *)`.
indirect enum EBNF: Equatable {
    case terminal(String)
    case name(String)
    case special(String)
    case sequence([EBNF])
    case choice([EBNF])
    case optional(EBNF)
    case repetition(EBNF)

    /// Parses a whole grammar into its rules, in file order.
    static func parse(_ text: String) throws -> [(name: String, body: EBNF)] {
        var reader = Reader(tokens: try tokenize(text))
        var rules: [(String, EBNF)] = []
        while !reader.atEnd {
            let name = try reader.expectName()
            try reader.expect("=")
            let body = try reader.expression()
            try reader.expect(";")
            rules.append((name, body))
        }
        return rules
    }

    enum Token: Equatable {
        case name(String), literal(String), special(String), symbol(String)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func tokenize(_ text: String) throws -> [Token] {
        let scalars = Array(text.unicodeScalars)
        var tokens: [Token] = []
        var index = 0
        func peek(_ offset: Int = 0) -> Unicode.Scalar? { index + offset < scalars.count ? scalars[index + offset] : nil }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar.properties.isWhitespace { index += 1; continue }
            if scalar == "(" && peek(1) == "*" {
                index += 2
                while index < scalars.count && !(scalars[index] == "*" && peek(1) == ")") { index += 1 }
                index += 2
                continue
            }
            if scalar == "\"" || scalar == "'" || scalar == "?" {
                let close = scalar
                index += 1
                var content = ""
                while index < scalars.count && scalars[index] != close {
                    content.unicodeScalars.append(scalars[index])
                    index += 1
                }
                guard index < scalars.count else { throw Failure(description: "unterminated \(close)") }
                index += 1
                tokens.append(close == "?" ? .special(content.trimmingCharacters(in: .whitespaces)) : .literal(content))
                continue
            }
            if scalar.properties.isAlphabetic || scalar == "_" {
                var name = ""
                while let next = peek(), next.properties.isAlphabetic || next == "_" || ("0"..."9").contains(next) {
                    name.unicodeScalars.append(next)
                    index += 1
                }
                tokens.append(.name(name))
                continue
            }
            guard "=;|[]{}()".unicodeScalars.contains(scalar) else {
                throw Failure(description: "unexpected \(scalar) in the grammar")
            }
            tokens.append(.symbol(String(scalar)))
            index += 1
        }
        return tokens
    }

    struct Reader {
        let tokens: [Token]
        var index = 0

        var atEnd: Bool { index >= tokens.count }

        mutating func expect(_ symbol: String) throws {
            guard index < tokens.count, tokens[index] == .symbol(symbol) else {
                throw Failure(description: "expected \(symbol) at token \(index): \(index < tokens.count ? "\(tokens[index])" : "end")")
            }
            index += 1
        }

        mutating func expectName() throws -> String {
            guard index < tokens.count, case .name(let name) = tokens[index] else {
                throw Failure(description: "expected a rule name at token \(index)")
            }
            index += 1
            return name
        }

        mutating func expression() throws -> EBNF {
            var alternatives = [try sequence()]
            while index < tokens.count && tokens[index] == .symbol("|") {
                index += 1
                alternatives.append(try sequence())
            }
            return alternatives.count == 1 ? alternatives[0] : .choice(alternatives)
        }

        mutating func sequence() throws -> EBNF {
            var items: [EBNF] = []
            loop: while index < tokens.count {
                switch tokens[index] {
                case .name(let name): items.append(.name(name)); index += 1
                case .literal(let text): items.append(.terminal(text)); index += 1
                case .special(let text): items.append(.special(text)); index += 1
                case .symbol("["):
                    index += 1
                    items.append(.optional(try expression()))
                    try expect("]")
                case .symbol("{"):
                    index += 1
                    items.append(.repetition(try expression()))
                    try expect("}")
                case .symbol("("):
                    index += 1
                    items.append(try expression())
                    try expect(")")
                default:
                    break loop
                }
            }
            return items.count == 1 ? items[0] : .sequence(items)
        }
    }

    /// The grammar as written back in a canonical one-line form, for comparisons.
    var text: String {
        switch self {
        case .terminal(let text): return "\"\(text)\""
        case .name(let name): return name
        case .special(let text): return "? \(text) ?"
        case .sequence(let items): return items.map { $0.text }.joined(separator: " ")
        case .choice(let items): return "( " + items.map { $0.text }.joined(separator: " | ") + " )"
        case .optional(let item): return "[ \(item.text) ]"
        case .repetition(let item): return "{ \(item.text) }"
        }
    }

    /// The items of a sequence (a single item is a sequence of one).
    var items: [EBNF] {
        if case .sequence(let items) = self { return items }
        return [self]
    }
}
