import Synchronization
import XCTest
@testable import CXJ

/// A large file is parsed in two halves on two threads (`SplitPoint`); the tree must be
/// exactly the one a single thread builds, whether the second half is adopted or given up.
final class SplitParseTests: XCTestCase {
    private func assertSameTree(_ text: String, expectAdopted: Bool?, file: StaticString = #filePath, line: UInt = #line) {
        let source = SourceFile(path: "split.cxj", text: text)
        let single = Parser.parseOnce(source, fileIndex: 0, indentationRecovery: false, concurrentLexing: false, split: false)
        // Waiting as long as needed, so that the half is adopted whenever it can be.
        let adoptedBefore = SplitPoint.adoptions.load(ordering: .relaxed)
        let split = Parser.parseOnce(source, fileIndex: 0, indentationRecovery: false, split: true, patience: 10)
        let adopted = SplitPoint.adoptions.load(ordering: .relaxed) > adoptedBefore
        // Not waiting at all: the first thread parses on by itself and tells the half to stop.
        let impatient = Parser.parseOnce(source, fileIndex: 0, indentationRecovery: false, split: true, patience: 0)
        XCTAssertTrue(single.isSameParse(as: impatient), "without waiting", file: file, line: line)
        XCTAssertTrue(split.hasNodesInOrder() && impatient.hasNodesInOrder(), "blocks' statements in order", file: file, line: line)
        XCTAssertEqual(single.nodes.count, split.nodes.count, file: file, line: line)
        XCTAssertEqual(single.firstStatement, split.firstStatement, file: file, line: line)
        for (a, b) in zip(single.nodes, split.nodes) {
            XCTAssertTrue(a.isSameStatement(as: b), "node at \(a.keywordStart)", file: file, line: line)
        }
        XCTAssertEqual(single.arguments.count, split.arguments.count, file: file, line: line)
        XCTAssertTrue(zip(single.arguments, split.arguments).allSatisfy { $0.range == $1.range && $0.symbol == $1.symbol && $0.kind == $1.kind },
                      file: file, line: line)
        XCTAssertEqual(single.interner.count, split.interner.count, file: file, line: line)
        XCTAssertEqual((0..<Int32(single.interner.count)).map { single.interner.name($0) },
                       (0..<Int32(split.interner.count)).map { split.interner.name($0) }, file: file, line: line)
        XCTAssertEqual(single.comments, split.comments, file: file, line: line)
        XCTAssertEqual(single.diagnostics, split.diagnostics, file: file, line: line)
        XCTAssertEqual(single.keywordCounts, split.keywordCounts, file: file, line: line)
        XCTAssertEqual(single.extraGhosts, split.extraGhosts, file: file, line: line)
        XCTAssertTrue(single.isSameParse(as: split), file: file, line: line)
        // The formatter's layout-only parse, split the same way, builds the same tree without names.
        let layout = Parser.parseOnce(source, fileIndex: 0, indentationRecovery: false, names: false, split: true, patience: 10)
        SplitParseTests.assertSameLayout(layout, as: single, file: file, line: line)
        if let expectAdopted {
            let point = source.bytes.withUnsafeBufferPointer { SplitPoint.candidate(in: $0, start: 0) }
            XCTAssertEqual(point != nil, true, "a split point is found", file: file, line: line)
            // Adopted or not, the trees agree; the half was adopted exactly when expected.
            XCTAssertEqual(SplitParseProbe.adopted(text), expectAdopted, file: file, line: line)
            XCTAssertEqual(adopted, expectAdopted, "adopted", file: file, line: line)
        }
    }

    /// Everything but names: identifiers keep their kind with symbol 0, and nothing is interned.
    static func assertSameLayout(_ layout: SyntaxTree, as full: SyntaxTree, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(layout.hasNames, file: file, line: line)
        XCTAssertEqual(layout.interner.count, 0, file: file, line: line)
        XCTAssertEqual(layout.diagnostics, full.diagnostics, file: file, line: line)
        XCTAssertTrue(layout.isSameLayout(as: full), file: file, line: line)
        // A full parse is never taken for a layout.
        XCTAssertFalse(full.isSameLayout(as: full), file: file, line: line)
    }

    func testLayoutOnlyParseOfSmallAndBrokenFiles() {
        let texts = [
            catalogue + "journey j \"J\" {\n" + stages(3) + "}\n",
            // A name written as words (names the parser would intern as ghosts), a missing
            // brace (indentation recovery parses again) and a stray one.
            catalogue + "journey j \"J\" {\n  stage s \"S\" {\n    customer {\n      step Go upstairs \"G\"\n  }\n}\n}\n}\n",
        ]
        for text in texts {
            let source = SourceFile(path: "layout.cxj", text: text)
            SplitParseTests.assertSameLayout(Parser.parse(source, fileIndex: 0, names: false), as: Parser.parse(source, fileIndex: 0))
        }
    }

    private func stages(_ count: Int, from first: Int = 0, extra: (Int) -> String = { _ in "" }) -> String {
        (first..<first + count).map { index in
            """
              stage s\(index) "Stage \(index) 担心 ลูกค้า" { # stage \(index)
                phase respond
                customer {
                  step a\(index) "A" { emotion \(index % 7 - 3); channel app }
                  step shared "again" { emotion 1 }
                }
                organization {
                  action x\(index) "X" { owner care }
                }
                touchpoint a\(index) <-> x\(index) { via app; claimed 4; perceived 3.5 }
            \(extra(index))  }

            """
        }.joined()
    }

    private let catalogue = "team care \"Care\"\nchannel app \"App\" { kind digital }\n"

    /// The order check behind `SyntaxNode.hasChildren` holds for real trees, broken ones among
    /// them, and fails for trees whose order was broken on purpose.
    func testNodesInOrderCheckCanFail() {
        let texts = ["journey j \"J\" {\n  stage s \"S\" {\n    customer {\n      step a \"A\" { emotion 1 }\n    }\n  }\n}\n",
                     "journey j \"J\" {\n  stage s \"S\" {\n    customer {\n  stage t \"T\" { }\n}\n",
                     "team care \"Care\" {\n", "journey j { stage { customer { step \"x\" } }", ""]
        for text in texts {
            let tree = Parser.parse(SourceFile(path: "o.cxj", text: text), fileIndex: 0)
            XCTAssertTrue(tree.hasNodesInOrder(), text)
        }
        let tree = Parser.parse(SourceFile(path: "o.cxj", text: texts[0]), fileIndex: 0)
        XCTAssertEqual(tree.nodes.count, 5)
        var leafClaimsChildren = tree
        leafClaimsChildren.nodes[4].hasChildren = true
        XCTAssertFalse(leafClaimsChildren.hasNodesInOrder(), "a statement without a block")
        var lastClaimsChildren = tree
        lastClaimsChildren.nodes[3].nextSibling = 2
        XCTAssertFalse(lastClaimsChildren.hasNodesInOrder(), "a sibling that points back")
        var outside = tree
        outside.nodes[1].end = 40
        outside.nodes[1].isBlockClosed = true
        XCTAssertFalse(outside.hasNodesInOrder(), "a statement past its block's end")
    }

    func testSplitAtAStageIsAdopted() {
        assertSameTree(catalogue + "journey j \"J\" {\n  allow no-repeat-loop\n" + stages(40) + "}\n# after\nteam late \"Late\"\n",
                       expectAdopted: true)
    }

    /// The formatter's layout parse is printed, never lowered: its merge hands the second
    /// half's memory back as it copies it. A parse with names keeps it, for lowering to reuse.
    func testLayoutMergeHandsTheHalfBack() {
        // A half of more than a megabyte of nodes: `appendReleasing` copies smaller arrays whole.
        let source = SourceFile(path: "large.cxj", text: catalogue + "journey j \"J\" {\n" + stages(9_000) + "}\n")
        let single = Parser.parseOnce(source, fileIndex: 0, indentationRecovery: false, concurrentLexing: false, split: false)
        for names in [false, true] {
            let adoptedBefore = SplitPoint.adoptions.load(ordering: .relaxed)
            let releasedBefore = ReleasedMemory.releasedBytes.load(ordering: .relaxed)
            let split = Parser.parseOnce(source, fileIndex: 0, indentationRecovery: false, names: names, split: true, patience: 10)
            let released = ReleasedMemory.releasedBytes.load(ordering: .relaxed) - releasedBefore
            XCTAssertEqual(SplitPoint.adoptions.load(ordering: .relaxed), adoptedBefore + 1, "adopted, names: \(names)")
            if names {
                XCTAssertTrue(single.isSameParse(as: split))
                XCTAssertEqual(released, 0)
            } else {
                SplitParseTests.assertSameLayout(split, as: single)
                // Most of the second half's nodes and arguments: more than a third of the tree's.
                let treeBytes = split.nodes.count * MemoryLayout<SyntaxNode>.stride
                    + split.arguments.count * MemoryLayout<SyntaxArgument>.stride
                XCTAssertGreaterThan(released, treeBytes / 3)
            }
        }
    }

    func testSplitAtATopLevelStatementIsAdopted() {
        var text = catalogue
        for index in 0..<30 { text += "journey j\(index) \"J\" {\n" + stages(2, from: index * 2) + "}\n" }
        assertSameTree(text, expectAdopted: true)
    }

    func testAllowInTheSecondHalfMarksItsBlock() {
        assertSameTree(catalogue + "journey j \"J\" {\n" + stages(20) + "  allow no-repeat-loop\n" + stages(20, from: 20) + "}\n",
                       expectAdopted: true)
    }

    func testGuessInsideAStringIsGivenUp() {
        // Every line of the middle is inside a `"""` string: the first thread never starts a
        // statement there.
        var body = ""
        for index in 0..<400 { body += "  stage fake\(index) \"not a stage\" {\n" }
        assertSameTree(catalogue + "journey j \"J\" {\n" + stages(3) + "  note \"\"\"\n" + body + "  \"\"\"\n" + stages(3, from: 3) + "}\n",
                       expectAdopted: false)
    }

    func testGuessInAnotherBlockIsGivenUp() {
        // The middle `stage` lines stand in a customer block (a mistake), not in the journey.
        var body = ""
        for index in 0..<200 { body += "      stage odd\(index) \"Odd\" {\n      }\n" }
        assertSameTree(catalogue + "journey j \"J\" {\n  stage s \"S\" {\n    customer {\n" + body + "    }\n  }\n}\n",
                       expectAdopted: false)
    }

    func testErrorsInTheSecondHalfGiveItUp() {
        assertSameTree(catalogue + "journey j \"J\" {\n" + stages(20) + stages(20, from: 20) { $0 == 30 ? "    emotion: 1\n    step \"x\n" : "" } + "}\n",
                       expectAdopted: false)
    }

    func testErrorsInTheFirstHalfKeepTheSecond() {
        assertSameTree(catalogue + "journey j \"J\" {\n" + stages(20) { $0 == 3 ? "    reach: 5\n" : "" } + stages(20, from: 20) + "}\n",
                       expectAdopted: true)
    }

    func testAnUnclosedJourneyGivesItUp() {
        assertSameTree(catalogue + "journey j \"J\" {\n" + stages(40), expectAdopted: false)
    }

    func testSecondHalfEndingWithAStrayBraceGivesItUp() {
        assertSameTree(catalogue + "journey j0 \"J\" {\n" + stages(4) + "}\n" + (1..<200).map { "journey j\($0) \"J\" {\n}\n" }.joined() + "}\n",
                       expectAdopted: false)
    }

    func testGeneratedJourneysAgree() {
        var text = catalogue + "journey big \"Big\" {\n"
        var index = 0
        while text.utf8.count < 300_000 {
            text += stages(1, from: index)
            index += 1
        }
        assertSameTree(text + "}\n", expectAdopted: true)
    }
}

/// Tells whether a split parse of a text adopted its second half.
enum SplitParseProbe {
    static func adopted(_ text: String) -> Bool {
        let source = SourceFile(path: "probe.cxj", text: text)
        return source.bytes.withUnsafeBufferPointer { buffer -> Bool in
            guard let point = SplitPoint.candidate(in: buffer, start: source.contentStart) else { return false }
            let half = ParsedHalf.parse(source, bytes: buffer, fileIndex: 0, from: point)
            guard half.isUsable else { return false }
            // Adopted when the single-threaded parse starts a statement of that block there.
            let tree = Parser.parseOnce(source, fileIndex: 0, indentationRecovery: false, concurrentLexing: false, split: false)
            return tree.nodes.contains { Int($0.keywordStart) == point.offset && StatementShape.shape(of: $0.keyword, in: point.context) != nil }
        }
    }
}
