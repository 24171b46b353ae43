import XCTest
@testable import CXJ

/// Table-driven tests of the parser: the tree it builds and the syntax errors it reports.
final class ParserTests: XCTestCase {
    private func parse(_ text: String) -> SyntaxTree {
        Parser.parse(SourceFile(path: "test.cxj", text: text), fileIndex: 0)
    }

    /// The tree as nested keywords, with "!" marking malformed statements.
    private func outline(_ tree: SyntaxTree, _ parent: Int32? = nil) -> String {
        tree.children(of: parent).map { index, node in
            let children = outline(tree, index)
            let arguments = tree.arguments(of: node).map { tree.text($0.range) }.joined(separator: " ")
            var text = node.keyword.spelling + (node.isMalformed ? "!" : "")
            if !arguments.isEmpty { text += "(" + arguments + ")" }
            if node.hasBlock { text += "{" + children + "}" }
            return text
        }.joined(separator: " ")
    }

    private func positions(_ tree: SyntaxTree) -> [String] {
        tree.diagnostics.map { diagnostic in
            let position = tree.source.position(of: diagnostic.location.start)
            return "\(position.line):\(position.column) \(diagnostic.code.id)"
        }
    }

    /// Every keyword is found by its spelling, and only by it: the spellings are written out
    /// by hand (reflection cost start-up time), so a typo there must fail here.
    func testKeywordSpellingsLookUpTheirKeyword() {
        XCTAssertEqual(Keyword.allCases.count, Keyword.count)
        for keyword in Keyword.allCases {
            let camel = String(describing: keyword)
            let expected = camel.unicodeScalars.map { CharacterSet.uppercaseLetters.contains($0) ? "-" + String($0).lowercased() : String($0) }
                .joined().replacingOccurrences(of: "`", with: "")
            XCTAssertEqual(keyword.spelling, expected)
            XCTAssertEqual(keyword.length, keyword.spelling.utf8.count)
            let found = Array(keyword.spelling.utf8).withUnsafeBufferPointer { Keyword.lookup($0) }
            XCTAssertEqual(found, keyword, keyword.spelling)
        }
        // Same length and first letter as a keyword, differing in one byte (the last, a middle one).
        for word in ["stages", "Stage", "target-", "loopsto", "x", "self-services", "impacts", "stagf", "touchpoins",
                     "emotiom", "sxage", "", "é"] {
            XCTAssertNil(Array(word.utf8).withUnsafeBufferPointer { Keyword.lookup($0) }, word)
        }
    }

    /// The parser looks a word up in place, 8 bytes at a time when 16 bytes from its start are
    /// in the buffer: every keyword is found there, wherever it stands and whatever follows it,
    /// and a change of any one of its bytes, or one byte more or less, finds none.
    func testKeywordsAreFoundInPlaceAndOneByteOffIsNot() {
        let table = KeywordTable()
        func lookUp(_ word: [UInt8], after prefix: [UInt8], before suffix: [UInt8]) -> Keyword? {
            (prefix + word + suffix).withUnsafeBufferPointer { table.lookup(prefix.count..<prefix.count + word.count, in: $0) }
        }
        let surroundings: [([UInt8], [UInt8])] = [([], []), (Array("  ".utf8), Array(" x {".utf8)),
                                                  ([], Array("abcdefghijklmnopqrstuvwxyz".utf8)), (Array("x".utf8), Array(repeating: 0, count: 20))]
        for keyword in Keyword.allCases {
            let spelling = Array(keyword.spelling.utf8)
            for (prefix, suffix) in surroundings {
                XCTAssertEqual(lookUp(spelling, after: prefix, before: suffix), keyword, keyword.spelling)
                // A low bit, a middle one (the case of a letter) and the top one of each byte.
                for position in spelling.indices {
                    for flip: UInt8 in [0x01, 0x20, 0x80] {
                        var changed = spelling
                        changed[position] ^= flip
                        XCTAssertNil(lookUp(changed, after: prefix, before: suffix), "\(keyword.spelling) at \(position)")
                    }
                }
                XCTAssertNil(lookUp(Array(spelling.dropLast()), after: prefix, before: Array(spelling.suffix(1)) + suffix), keyword.spelling)
                XCTAssertNil(lookUp(spelling + [0x73], after: prefix, before: suffix), keyword.spelling)
            }
        }
    }

    func testValidStatements() {
        let cases: [(String, String)] = [
            ("team care \"Care\"", "team(care \"Care\")"),
            ("import \"catalogue/common.cxj\"", "import(\"catalogue/common.cxj\")"),
            ("channel tw \"Twitter\" { kind digital }", "channel(tw \"Twitter\"){kind(digital)}"),
            ("journey j \"J\" { stage s \"S\" { customer { step a \"A\" { emotion -2; critical } } } }",
             "journey(j \"J\"){stage(s \"S\"){customer{step(a \"A\"){emotion(-2) critical}}}}"),
            ("journey j \"J\" {\n  touchpoint a, b <-> c { via tw }\n}",
             "journey(j \"J\"){touchpoint(a b <-> c){via(tw)}}"),
            ("journey j \"J\" {\n  touchpoint a,\n    b <->\n    c\n}", "journey(j \"J\"){touchpoint(a b <-> c)}"),
            ("journey j \"J\" { kpi k \"K\" { actual 5%; target >= 3% } }",
             "journey(j \"J\"){kpi(k \"K\"){actual(5%) target(>= 3%)}}"),
            ("journey j \"J\" { allow unanswered-step, CXJ204 \"known\" }",
             "journey(j \"J\"){allow(unanswered-step CXJ204 \"known\")}"),
            // Keywords are contextual: a step may be called `stage`, a stage `phase`.
            ("journey j \"J\" { stage phase \"P\" { customer { step stage \"S\" } } }",
             "journey(j \"J\"){stage(phase \"P\"){customer{step(stage \"S\")}}}"),
            ("team a \"A\"; team b \"B\"", "team(a \"A\") team(b \"B\")"),
            ("\n\n# only comments\n\n", ""),
        ]
        for (input, expected) in cases {
            let tree = parse(input)
            XCTAssertEqual(tree.diagnostics.map { $0.code.id }, [], input)
            XCTAssertEqual(outline(tree), expected, input)
        }
    }

    func testSyntaxErrors() {
        let cases: [(String, [String])] = [
            ("team \"Care\"", ["1:6 CXJ001"]),
            ("team care", ["1:10 CXJ001"]),
            ("team care \"Care\" extra", ["1:18 CXJ001"]),
            ("journey j \"J\" { stage s \"S\" { phase \"respond\" } }", ["1:37 CXJ001"]),
            ("journey j \"J\" { kpi k \"K\" { target 3 } }", ["1:36 CXJ001"]),
            ("journey j \"J\" { stage s \"S\" { reach many } }", ["1:37 CXJ001"]),
            ("journey j \"J\" { touchpoint a -> b }", ["1:30 CXJ001"]),
            ("journey j \"J\" { stage s \"S\" { customer { step a \"A\" { critical { } } } } }", ["1:64 CXJ001"]),
            ("journey j \"J\"", ["1:14 CXJ001"]),
            ("}", ["1:1 CXJ001"]),
            ("\"loose string\"", ["1:1 CXJ001"]),
            ("journey j \"J\" {", ["1:15 CXJ004"]),
            ("journey j \"J\" { emtion 3 }", ["1:17 CXJ110"]),
            ("jorney j \"J\" { }", ["1:1 CXJ110"]),
            ("journey j \"J\" { step a \"A\" }", ["1:17 CXJ107"]),
            ("journey j \"J\" { channel tw \"T\" { kind digital } }", ["1:17 CXJ107"]),
            ("team t \"T\" { owner t }", ["1:14 CXJ107"]),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(positions(parse(input)), expected, input)
        }
    }

    func testMessagesAreLowerCaseAndQuoteCode() {
        let tree = parse("journey j \"J\" { emtion 3 }")
        let diagnostic = tree.diagnostics[0]
        XCTAssertEqual(diagnostic.message, "unknown keyword `emtion` in a `journey` block")
        XCTAssertEqual(diagnostic.help, "did you mean `emotion`? it is allowed in a `step` block")
        let step = parse("journey j \"J\" { stage s \"S\" { customer { step a \"A\" { emtion 3 } } } }").diagnostics[0]
        XCTAssertEqual(step.message, "unknown keyword `emtion` in a `step` block")
        XCTAssertEqual(step.help, "did you mean `emotion`?")
    }

    /// Several independent syntax errors are each reported exactly once, and nothing else.
    func testRecoveryReportsEachErrorOnce() {
        let text = """
        team care "Customer care"
        team "Logistics"
        channel twitter "Twitter DM" { kind digital }

        journey j "Journey" {
          strategy coach-behavior
          emtion 3
          stage worry "Order is late" {
            phase recognize
            reach 12OO
            customer {
              step tweet "Tweets that the shoes have not arrived {
                channel twitter
                emotion: -2
              }
              step other "Other" { needs "bad \\q escape" }
            }
            organization {
              action listen "Care agent picks up the tweet" {
                owner care
            }
            touchpoint tweet -> listen
          }
          stage deliver "Delivered" { phase respond }
        }
        team after "Still parsed after the journey"
        """
        let tree = parse(text)
        XCTAssertEqual(positions(tree), [
            "2:6 CXJ001", "7:3 CXJ110", "10:13 CXJ006", "12:18 CXJ002", "14:16 CXJ005", "16:39 CXJ003",
            "19:53 CXJ004", "22:22 CXJ001",
        ])
        XCTAssertTrue(outline(tree).hasSuffix("team(after \"Still parsed after the journey\")"))
    }

    /// A missing `}` is located by indentation, not reported at the end of the file.
    func testUnclosedBlockIsFoundByIndentation() {
        let cases: [(String, [String])] = [
            ("journey j \"J\" {\n  stage a \"A\" {\n    phase respond\n  stage b \"B\" {\n    phase repeat\n  }\n}\n",
             ["2:15 CXJ004"]),
            ("journey j \"J\" {\n  stage a \"A\" {\n    customer {\n      step x \"X\" {\n        emotion 1\n    }\n  }\n}\n",
             ["4:18 CXJ004"]),
            ("team t \"T\" {\n  note \"n\"\njourney j \"J\" {\n  stage s \"S\" { phase respond }\n}\n", ["1:12 CXJ004"]),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(positions(parse(input)), expected, input)
        }
    }

    /// Badly indented but balanced braces are not second-guessed.
    func testBalancedBracesWithOddIndentationAreValid() {
        let text = "journey j \"J\" {\n  stage a \"A\" {\n    phase respond\n}\n    }\n"
        XCTAssertEqual(positions(parse(text)), [])
    }

    func testRangesAreKept() {
        let text = "team care \"Care\" # owns the tweets\n"
        let tree = parse(text)
        let node = tree.nodes[Int(tree.firstStatement)]
        XCTAssertEqual(tree.text(node.keywordRange), "team")
        XCTAssertEqual(tree.text(node.range), "team care \"Care\"")
        XCTAssertEqual(tree.comments.count, 1)
        XCTAssertEqual(tree.text(Int(tree.comments[0].start)..<Int(tree.comments[0].end)), "# owns the tweets")
    }

    /// Numbers are decoded while parsing (`SyntaxTree.numbers`), malformed ones as nil; a
    /// layout-only parse decodes none.
    func testNumbersAreDecodedWhileParsing() {
        let text = """
        journey j "J" {
          stage s "S" {
            reach 1_200
            target-conversion 12.5%
            kpi k "K" { actual 4min; target <= 5min }
            customer { step a "A" { emotion -2 } }
            organization { action b "B" { owner x } }
            touchpoint a <-> b { claimed 4; perceived 1__0 }
          }
        }

        """
        let source = SourceFile(path: "numbers.cxj", text: text)
        let tree = Parser.parse(source, fileIndex: 0)
        let numbers = tree.arguments.filter { $0.kind == .number }
        XCTAssertEqual(numbers.map { tree.text($0.range) }, ["1_200", "12.5%", "4min", "5min", "-2", "4", "1__0"])
        XCTAssertEqual(tree.numbers.count, numbers.count)
        for (position, argument) in numbers.enumerated() {
            XCTAssertEqual(argument.numberIndex, Int32(position))
            let parsed = source.bytes.withUnsafeBufferPointer { NumberLiteral.parse(UnsafeBufferPointer(rebasing: $0[argument.range])) }
            XCTAssertEqual(tree.numbers[position], parsed, tree.text(argument.range))
        }
        XCTAssertEqual(tree.numbers[1], NumberLiteral(value: 12.5, unit: .percent, isInteger: false))
        XCTAssertNil(tree.numbers[6], "a malformed number")
        let layout = Parser.parse(source, fileIndex: 0, names: false)
        XCTAssertTrue(layout.numbers.isEmpty)
        XCTAssertTrue(layout.arguments.allSatisfy { $0.numberIndex == nil })
        XCTAssertEqual(layout.arguments.filter { $0.kind == .number }.count, numbers.count)
    }
}

/// Every entry of the known-confusions table gives its advice where it applies.
final class KnownConfusionsTests: XCTestCase {
    func testEachEntryAdvisesByMeaning() {
        let cases: [(String, BlockContext, String, String?)] = [
            ("feels", .step, "emotion -3..3", nil), ("mood", .step, "emotion -3..3", nil),
            ("section", .journey, "is a `stage`", "stage"), ("phase", .journey, "is a `stage`", "stage"),
            ("task", .customer, "is a `step`", "step"), ("task", .organization, "is an `action`", "action"),
            ("actor", .file, "`persona ID", nil), ("score", .step, "`emotion` from −3", nil),
            ("painpoint", .step, "`pain \"…\"`", "pain"), ("swimlane", .stage, "two strands", nil),
            ("description", .team, "`note \"…\"`", "note"),
        ]
        for (word, context, advice, replacement) in cases {
            guard let entry = KnownConfusions.entry(for: word, in: context) else { return XCTFail("\(word) has no entry") }
            XCTAssertTrue(entry.help.contains(advice), "\(word): \(entry.help)")
            XCTAssertEqual(entry.replacement, replacement, word)
        }
        XCTAssertNil(KnownConfusions.entry(for: "section", in: .step), "`section` means a stage only in a journey")
        let result = TestSupport.check("journey j \"J\" {\n  section s \"S\" { phase recognize }\n}\n")
        XCTAssertEqual(result.diagnostics.first { $0.code == .unknownKeyword }?.fixes.first?.edits.first?.replacement, "stage")
    }
}
