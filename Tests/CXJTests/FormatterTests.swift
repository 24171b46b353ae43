import Foundation
import XCTest
@testable import CXJ

/// The canonical formatter: its rules, and the guarantees over every input we have —
/// idempotence, comments kept, meaning kept, and whitespace-insensitivity.
final class FormatterTests: XCTestCase {
    private func format(_ text: String) -> String? {
        Formatter.format(SourceFile(path: "f.cxj", text: text)).output.map { String(decoding: $0, as: UTF8.self) }
    }

    func testCanonicalForm() {
        let cases: [(String, String)] = [
            ("team   care    \"Care\"", "team care \"Care\"\n"),
            ("team care \"Care\" {   }", "team care \"Care\" {}\n"),
            ("channel web \"Web\" {\n kind digital\n note \"n\"\n}", "channel web \"Web\" { kind digital; note \"n\" }\n"),
            ("team a \"A\"\n\n\n\nteam b \"B\"\n\n", "team a \"A\"\n\nteam b \"B\"\n"),
            ("journey j \"J\" {\n\n  stage s \"S\" { phase respond }\n\n}",
             "journey j \"J\" {\n  stage s \"S\" {\n    phase respond\n  }\n}\n"),
            ("journey j \"J\" { stage s \"S\" { customer { step a \"A\" { emotion -1; critical; channel web; needs \"n\" } } } }",
             "journey j \"J\" {\n  stage s \"S\" {\n    customer {\n      step a \"A\" {\n        emotion -1\n        critical\n        channel web\n        needs \"n\"\n      }\n    }\n  }\n}\n"),
            ("journey j \"J\" { touchpoint a,\n   b <->   x,y { via web } }", "journey j \"J\" {\n  touchpoint a, b <-> x, y { via web }\n}\n"),
            ("journey j \"J\" { kpi k \"K\" { actual 2.10%; target >=   1_000 } }", "journey j \"J\" {\n  kpi k \"K\" { actual 2.10%; target >= 1_000 }\n}\n"),
            ("team t \"\\u{E01}\\u{1F600} \\\" \\\\ \\n\"", "team t \"ก😀 \\\" \\\\ \\n\"\n"),
            ("team t \"tab\there\"", "team t \"tab\\there\"\n"),
            ("# only a comment   ", "# only a comment\n"),
            ("team t \"T\" # trailing", "team t \"T\" # trailing\n"),
            ("team t \"T\" { # after brace\n  note \"n\" # after note\n} # after close",
             "team t \"T\" { # after brace\n  note \"n\" # after note\n} # after close\n"),
            ("team t \"T\" {\n  # inside\n}", "team t \"T\" {\n  # inside\n}\n"),
            ("team a \"A\"; team b \"B\" # both", "team a \"A\"\nteam b \"B\" # both\n"),
            ("\u{FEFF}team t \"T\"\r\nteam u \"U\"\r\n", "team t \"T\"\nteam u \"U\"\n"),
            ("", ""),
            ("team t \"T\" { note \"\"\"\n      one\n        two\n    \"\"\" }", "team t \"T\" {\n  note \"\"\"\n    one\n      two\n    \"\"\"\n}\n"),
            // Every line indented: the block form cannot keep the indentation, so one line.
            ("team t \"T\" { note \"\"\"\n  \\u{20}one\n  \\u{20}two\n  \"\"\" }", "team t \"T\" { note \" one\\n two\" }\n"),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(format(input), expected, input.debugDescription)
        }
    }

    func testLongPropertyBlocksAreExpandedAndShortOnesJoined() {
        let long = "team t \"T\" { note \"" + String(repeating: "x", count: 90) + "\" }"
        XCTAssertEqual(format(long), "team t \"T\" {\n  note \"" + String(repeating: "x", count: 90) + "\"\n}\n")
        // Display width, not bytes: 40 CJK characters take 80 columns.
        let wide = "team t \"T\" { note \"" + String(repeating: "担", count: 40) + "\" }"
        XCTAssertEqual(format(wide)?.contains("\n  note"), true)
        let narrow = "team t \"T\" {\n  note \"" + String(repeating: "ก", count: 60) + "\"\n}"
        XCTAssertEqual(format(narrow)?.components(separatedBy: "\n").count, 2, "Thai marks take no columns")
    }

    func testSyntaxErrorsAreNeverFormatted() {
        let result = Formatter.format(SourceFile(path: "f.cxj", text: "team care\nteam ok \"OK\"\n"))
        XCTAssertNil(result.output)
        XCTAssertEqual(result.diagnostics.map { $0.code }, [.unexpectedToken])
    }

    /// Test inputs are kept formatted, like Examples/ (checked by CI with `cxj fmt --check`).
    func testFixturesWithoutSyntaxErrorsAreFormatted() throws {
        for path in InputDiscovery.cxjFiles(under: TestSupport.fixtures + "/diagnostics") {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            let source = SourceFile(path: path, text: text)
            guard let formatted = Formatter.format(source).output else { continue }
            XCTAssertEqual(formatted, source.bytes.array, "\(path) is not formatted: run `cxj fmt` on it")
        }
    }

    // MARK: - Guarantees over every input

    /// Examples, formattable fixtures, the compile torture test and random grammar sentences.
    private func inputs() throws -> [(String, String)] {
        var inputs: [(String, String)] = []
        for path in InputDiscovery.cxjFiles(under: TestSupport.repository + "/Examples")
            + InputDiscovery.cxjFiles(under: TestSupport.fixtures + "/diagnostics") {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            if !Parser.parse(SourceFile(path: path, text: text), fileIndex: 0).hasErrors { inputs.append((path, text)) }
        }
        inputs.append(("torture", CompileTests.torture().sources[0].text(0..<CompileTests.torture().sources[0].bytes.count)))
        let grammar = try String(contentsOfFile: TestSupport.repository + "/Grammar/cxj.ebnf", encoding: .utf8)
        var rules: [String: EBNF] = [:]
        for (name, body) in try EBNF.parse(grammar) { rules[name] = body }
        var generator = SentenceGenerator(rules: rules, seed: 7)
        for round in 0..<300 { inputs.append(("generated \(round)", generator.generate("file"))) }
        return inputs
    }

    func testFormattingIsIdempotentAndKeepsComments() throws {
        for (name, text) in try inputs() {
            let source = SourceFile(path: name, text: text)
            guard let once = Formatter.format(source).output else {
                XCTFail("\(name) did not format")
                continue
            }
            let again = Formatter.format(SourceFile(path: name, bytes: once)).output
            XCTAssertEqual(again, once, "\(name): formatting twice changes the text")
            XCTAssertEqual(comments(source.bytes.array), comments(once), "\(name): comments changed")
        }
    }

    /// The syntax tree read back from the formatted text is the same, value for value; and for
    /// checkable inputs, so is the compiled JSON (positions aside) and every diagnostic.
    func testFormattingKeepsTheMeaning() throws {
        for (name, text) in try inputs() {
            let source = SourceFile(path: name, text: text)
            guard let formatted = Formatter.format(source).output else { continue }
            let before = Parser.parse(source, fileIndex: 0)
            let after = Parser.parse(SourceFile(path: name, bytes: formatted), fileIndex: 0)
            XCTAssertEqual(outline(before), outline(after), "\(name): the tree changed")
        }
        for path in InputDiscovery.cxjFiles(under: TestSupport.repository + "/Examples")
            + ["gaps.cxj", "references.cxj", "values.cxj", "unicode.cxj"].map({ TestSupport.fixtures + "/diagnostics/" + $0 }) {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let formatted = String(decoding: Formatter.format(SourceFile(path: path, text: text)).output!, as: UTF8.self)
            let files = ["catalogue/stride.cxj": try String(contentsOfFile: TestSupport.repository + "/Examples/catalogue/stride.cxj", encoding: .utf8)]
            let before = TestSupport.check(text, files: files)
            let after = TestSupport.check(formatted, files: files)
            XCTAssertEqual(before.diagnostics.map { "\($0.code.id) \($0.severity) \($0.message)" },
                           after.diagnostics.map { "\($0.code.id) \($0.severity) \($0.message)" }, path)
            let json = { (result: CheckResult) in
                self.withoutPositions(OutputFormat.json.emit([result.files[0]], diagnostics: result.diagnostics))
            }
            XCTAssertEqual(json(before), json(after), "\(path): the compiled JSON changed")
        }
    }

    /// Inputs that differ only in indentation and spacing format to the same text.
    func testIndentationAndSpacingDoNotMatter() throws {
        var random = SeededRandom(seed: 0x5EED)
        for (name, text) in try inputs() {
            guard let expected = format(text) else { continue }
            for _ in 0..<2 {
                let variant = respaced(text, using: &random)
                XCTAssertEqual(format(variant), expected, "\(name) respaced:\n\(variant)")
            }
        }
    }

    // MARK: - Helpers

    /// Comment texts, trailing spaces removed, in order.
    private func comments(_ bytes: [UInt8]) -> [String] {
        let tree = Parser.parse(SourceFile(path: "c.cxj", bytes: bytes), fileIndex: 0)
        return tree.comments.map { tree.text(Int($0.start)..<Int($0.end)).trimmingCharacters(in: .whitespaces) }
    }

    /// The tree as text: keywords, and arguments by value (strings decoded).
    private func outline(_ tree: SyntaxTree, _ parent: Int32? = nil) -> [String] {
        tree.children(of: parent).flatMap { index, node -> [String] in
            let arguments = tree.arguments(of: node).map { argument -> String in
                switch argument.kind {
                case .string, .multilineString: return "\"" + tree.string(argument) + "\""
                default: return tree.text(argument.range)
                }
            }
            return ["\(node.keyword.spelling)(\(arguments.joined(separator: " ")))\(node.hasBlock ? "{" : "")"]
                + outline(tree, index) + (node.hasBlock ? ["}"] : [])
        }
    }

    /// The JSON document without line, column and offset fields.
    private func withoutPositions(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n").filter { line in
            !["\"line\"", "\"column\"", "\"endLine\"", "\"endColumn\"", "\"offset\"", "\"endOffset\""].contains {
                line.trimmingCharacters(in: .whitespaces).hasPrefix($0)
            }
        }.joined(separator: "\n")
    }

    /// The text with random indentation and random spaces and tabs between tokens; strings,
    /// comments and line breaks untouched.
    private func respaced<R: RandomNumberGenerator>(_ text: String, using random: inout R) -> String {
        let bytes = Array(text.utf8)
        var kept: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { buffer in
            var lexer = Lexer(bytes: buffer, file: 0, start: 0)
            while true {
                let token = lexer.next()
                if token.kind == .endOfFile { break }
                kept.append(token.range)
            }
            kept += lexer.comments.map { Int($0.start)..<Int($0.end) }
        }
        kept.sort { $0.lowerBound < $1.lowerBound }
        var output: [UInt8] = []
        var position = 0
        func blanks(_ output: inout [UInt8], _ random: inout R, lineStart: Bool) {
            let count = Int.random(in: lineStart ? 0...6 : 1...3, using: &random)
            for _ in 0..<count { output.append(Bool.random(using: &random) ? 0x20 : 0x09) }
        }
        for range in kept {
            let gap = bytes[position..<range.lowerBound]
            let lineStart = output.isEmpty || output.last == 0x0A
            if gap.contains(where: { $0 == 0x20 || $0 == 0x09 }) || (lineStart && bytes[range.lowerBound] != 0x0A) {
                blanks(&output, &random, lineStart: lineStart)
            }
            output += bytes[range]
            position = range.upperBound
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// A deterministic random number generator (SplitMix64), so failures can be reproduced.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
