import Foundation
import XCTest
@testable import CXJ

/// Ties Grammar/cxj.ebnf to the parser and the checker, so that the two cannot drift apart:
/// the keywords of every block, the argument shape and block of every statement, and the
/// values of every enumeration must agree, and sentences generated at random from the grammar
/// must parse without a single syntax error.
final class GrammarTests: XCTestCase {
    private var rules: [String: EBNF] = [:]

    override func setUpWithError() throws {
        let text = try String(contentsOfFile: TestSupport.repository + "/Grammar/cxj.ebnf", encoding: .utf8)
        for (name, body) in try EBNF.parse(text) {
            XCTAssertNil(rules[name], "rule \(name) is defined twice")
            rules[name] = body
        }
    }

    private func rule(_ name: String) throws -> EBNF {
        try XCTUnwrap(rules[name], "Grammar/cxj.ebnf has no rule `\(name)`")
    }

    private func statementRule(for context: BlockContext) -> String {
        context == .file ? "top_statement" : "\(context.grammarName)_statement"
    }

    /// The statement rules a context's statement rule chooses between.
    private func alternatives(of context: BlockContext) throws -> [String] {
        let body = try rule(statementRule(for: context))
        let choices: [EBNF]
        if case .choice(let items) = body { choices = items } else { choices = [body] }
        return try choices.map { choice in
            guard case .name(let name) = choice else { throw EBNF.Failure(description: "\(statementRule(for: context)) must list rule names") }
            return name
        }
    }

    func testEveryRuleIsDefinedAndUsed() throws {
        var referenced = Set<String>()
        func collect(_ expression: EBNF) {
            switch expression {
            case .name(let name): referenced.insert(name)
            case .sequence(let items), .choice(let items): items.forEach(collect)
            case .optional(let item), .repetition(let item): collect(item)
            default: break
            }
        }
        rules.values.forEach(collect)
        let lexical: Set<String> = ["IDENT", "STRING", "NUMBER", "NEWLINE", "COMMENT"]
        for name in referenced where !lexical.contains(name) {
            XCTAssertNotNil(rules[name], "`\(name)` is used but not defined")
        }
        for name in rules.keys where name != "file" && name != "COMMENT" {
            XCTAssertTrue(referenced.contains(name), "`\(name)` is defined but never used")
        }
    }

    func testEachBlockAdmitsTheParsersKeywords() throws {
        for context in BlockContext.allCases {
            var grammarKeywords: [String] = []
            for name in try alternatives(of: context) {
                guard case .terminal(let keyword) = try rule(name).items.first else {
                    XCTFail("`\(name)` does not start with a keyword")
                    continue
                }
                grammarKeywords.append(keyword)
            }
            let parserKeywords = StatementShape.statements(in: context).map { $0.0.spelling }
            XCTAssertEqual(grammarKeywords, parserKeywords, "keywords of \(statementRule(for: context))")
            if context != .file {
                XCTAssertNotNil(rules["\(context.grammarName)_block"], "no rule for the \(context) block")
            }
        }
    }

    func testEachStatementHasTheParsersShape() throws {
        let shapes: [String: ArgumentShape] = [
            "IDENT \"STRING\"": .declaration, "IDENT STRING": .declaration, "STRING": .text, "IDENT": .reference,
            "name_list": .referenceList, "NUMBER": .number, "( \">=\" | \"<=\" ) NUMBER": .comparison, "": .flag,
            "rule_list [ STRING ]": .allow, "name_list \"<->\" { NEWLINE } name_list": .pairing,
        ]
        for context in BlockContext.allCases {
            for name in try alternatives(of: context) {
                var items = try rule(name).items
                guard case .terminal(let spelling) = items.removeFirst(),
                      let keyword = Keyword.allCases.first(where: { $0.spelling == spelling }) else {
                    XCTFail("`\(name)` does not start with a keyword")
                    continue
                }
                var block: BlockContext? = nil
                var required = false
                if let last = items.last {
                    if case .name(let blockName) = last, blockName.hasSuffix("_block") {
                        block = BlockContext.allCases.first { "\($0.grammarName)_block" == blockName }
                        required = true
                        items.removeLast()
                    } else if case .optional(.name(let blockName)) = last, blockName.hasSuffix("_block") {
                        block = BlockContext.allCases.first { "\($0.grammarName)_block" == blockName }
                        items.removeLast()
                    }
                }
                let arguments = items.map { $0.text }.joined(separator: " ")
                var shape: ArgumentShape?
                if arguments.hasSuffix("_value"), rules[arguments] != nil {
                    shape = .enumeration
                } else {
                    shape = shapes[arguments]
                }
                if shape == .flag && block != nil { shape = .blockOnly }
                let parser = StatementShape.shape(of: keyword, in: context)
                XCTAssertEqual(shape, parser?.arguments, "arguments of `\(name)`: \(arguments)")
                XCTAssertEqual(block, parser?.block, "block of `\(name)`")
                XCTAssertEqual(required, parser?.requiresBlock, "whether `\(name)` requires its block")
            }
        }
    }

    func testEnumerationsMatchTheChecker() throws {
        let checker: [String: [String]] = [
            "phase_value": Phase.spellings, "strategy_value": Strategy.spellings, "layer_value": Layer.spellings,
            "automation_value": Automation.spellings, "channel_kind_value": ChannelKind.spellings,
            "opportunity_kind_value": OpportunityKind.spellings, "level_value": Level.spellings,
        ]
        let grammarValues = rules.keys.filter { $0.hasSuffix("_value") }.sorted()
        XCTAssertEqual(grammarValues, checker.keys.sorted())
        for (name, values) in checker {
            guard case .choice(let items) = try rule(name) else {
                XCTFail("`\(name)` must list its values")
                continue
            }
            XCTAssertEqual(items.map { $0.text }, values.map { "\"\($0)\"" }, name)
        }
        let units = try rule("unit")
        XCTAssertEqual(units.text, "( " + NumberUnit.spellings.map { "\"\($0)\"" }.joined(separator: " | ") + " )")
    }

    func testGeneratedSentencesParseWithoutErrors() throws {
        var generator = SentenceGenerator(rules: rules, seed: 0xC0FFEE)
        for round in 0..<400 {
            let text = generator.generate("file")
            let tree = Parser.parse(SourceFile(path: "generated.cxj", text: text), fileIndex: 0)
            if !tree.diagnostics.isEmpty {
                let first = tree.diagnostics[0]
                let position = tree.source.position(of: first.location.start)
                XCTFail("sentence \(round) has \(first.code.id) at \(position.line):\(position.column): \(first.message)\n\(text)")
                return
            }
        }
    }
}

/// Generates random sentences from the grammar, preferring short expansions as it goes deeper.
struct SentenceGenerator {
    let rules: [String: EBNF]
    var state: UInt64
    private var cost: [String: Int] = [:]

    init(rules: [String: EBNF], seed: UInt64) {
        self.rules = rules
        self.state = seed
        var cost: [String: Int] = [:]
        for name in rules.keys { cost[name] = Int.max / 4 }
        var changed = true
        while changed {
            changed = false
            for (name, body) in rules {
                let value = SentenceGenerator.cost(body, cost)
                if value < cost[name]! {
                    cost[name] = value
                    changed = true
                }
            }
        }
        self.cost = cost
    }

    private static func cost(_ expression: EBNF, _ table: [String: Int]) -> Int {
        switch expression {
        case .terminal, .special: return 1
        case .name(let name): return table[name] ?? 1
        case .sequence(let items): return min(Int.max / 4, items.reduce(0) { $0 + cost($1, table) })
        case .choice(let items): return items.map { cost($0, table) }.min() ?? 0
        case .optional, .repetition: return 0
        }
    }

    private mutating func random(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    private static let identifiers = ["tweet", "ship_hotel", "order-late", "ลูกค้ากังวล", "担心", "pelanggan-baru", "stage",
                                      "phase", "_x1", "CXJ204", "delivery-gap", "émotion"]
    private static let strings = ["\"Tweets that the shoes have not arrived\"", "\"29°F, ลูกค้า, 担心, 😀\"",
                                  "\"quote \\\" and \\\\ and \\u{1F600}\"", "\"\"",
                                  "\"\"\"\n    Two lines\n    of text\n    \"\"\""]
    private static let numbers = ["-2", "0", "3", "100_000", "4.5", "90%", "3d", "15min", "2h", "10s", "1w"]

    mutating func generate(_ start: String) -> String {
        var tokens: [String] = []
        expand(.name(start), depth: 0, into: &tokens)
        var text = ""
        for token in tokens {
            if token == "\n" {
                if random(4) == 0 { text += " # a comment" }
                text += "\n"
            } else {
                if !text.isEmpty && !text.hasSuffix("\n") { text += " " }
                text += token
            }
        }
        return text
    }

    private mutating func expand(_ expression: EBNF, depth: Int, into tokens: inout [String]) {
        let deep = depth > 14
        switch expression {
        case .terminal(let text):
            tokens.append(text)
        case .special:
            break
        case .name(let name):
            switch name {
            case "IDENT": tokens.append(Self.identifiers[random(Self.identifiers.count)])
            case "STRING": tokens.append(Self.strings[random(Self.strings.count)])
            case "NUMBER": tokens.append(Self.numbers[random(Self.numbers.count)])
            case "NEWLINE": tokens.append("\n")
            default: expand(rules[name]!, depth: depth + 1, into: &tokens)
            }
        case .sequence(let items):
            for item in items { expand(item, depth: depth, into: &tokens) }
        case .choice(let items):
            if deep {
                let cheapest = items.min { Self.cost($0, cost) < Self.cost($1, cost) }!
                expand(cheapest, depth: depth, into: &tokens)
            } else {
                expand(items[random(items.count)], depth: depth, into: &tokens)
            }
        case .optional(let item):
            if !deep && random(2) == 0 { expand(item, depth: depth, into: &tokens) }
        case .repetition(let item):
            let count = deep ? 0 : random(3)
            for _ in 0..<count { expand(item, depth: depth, into: &tokens) }
        }
    }
}
