import XCTest
@testable import CXJ

/// Large files are lexed on a second thread (`TokenRing`); the result must be exactly what
/// the single-threaded parser produces, diagnostics and comments included.
final class ConcurrentLexingTests: XCTestCase {
    private func largeText() -> String {
        var text = "team care \"Care\" # the only team\njourney j \"J\" {\n"
        var stage = 0
        while text.utf8.count < 3_000_000 {
            text += """
              stage s\(stage) "Stage \(stage) 担心 ลูกค้า" { # comment \(stage)
                phase respond
                customer {
                  step a\(stage) "A" { emotion \(stage % 7 - 3); needs "x" }

            """
            if stage % 997 == 0 { text += "      step bad\(stage) \"B\" { emotion: 1 }\n" }
            if stage % 1499 == 0 { text += "      step worse\(stage) \"C\" { note \"\\q\" }\n" }
            text += "    }\n  }\n"
            stage += 1
        }
        return text + "}\n"
    }

    func testThreadedLexingGivesTheSameTree() {
        let source = SourceFile(path: "large.cxj", text: largeText())
        let direct = Parser.parseOnce(source, fileIndex: 0, indentationRecovery: false, concurrentLexing: false)
        let threaded = Parser.parseOnce(source, fileIndex: 0, indentationRecovery: false, concurrentLexing: true)
        XCTAssertGreaterThan(direct.nodes.count, 100_000)
        XCTAssertEqual(direct.nodes.count, threaded.nodes.count)
        XCTAssertEqual(direct.arguments.count, threaded.arguments.count)
        XCTAssertTrue(zip(direct.nodes, threaded.nodes).allSatisfy {
            $0.keyword == $1.keyword && $0.range == $1.range && $0.hasChildren == $1.hasChildren && $0.nextSibling == $1.nextSibling
        })
        XCTAssertTrue(zip(direct.arguments, threaded.arguments).allSatisfy { $0.range == $1.range && $0.symbol == $1.symbol })
        XCTAssertEqual(direct.comments, threaded.comments)
        XCTAssertEqual(direct.diagnostics, threaded.diagnostics)
        XCTAssertEqual(direct.diagnostics.count, Set(direct.diagnostics.map { $0.location.start }).count)
        XCTAssertTrue(direct.diagnostics.contains { $0.code == .invalidCharacter })
        XCTAssertTrue(direct.diagnostics.contains { $0.code == .invalidEscape })
    }
}
