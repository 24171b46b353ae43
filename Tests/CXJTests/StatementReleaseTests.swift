import XCTest
@testable import CXJ

/// Lowering hands back a journey's statements once it has read them (`StatementRelease`):
/// released pages read as zeros, so what is released shows in the tree left behind. Only
/// statements nothing waits for are released, and never what lies outside the journey.
final class StatementReleaseTests: XCTestCase {
    private func stage(_ index: Int, touchpoint: String? = nil) -> String {
        """
          stage s\(index) "ขั้น \(index) 支付" {
            reach \(90_000 - index)
            customer {
              step a\(index) "Pays 💳" { emotion \(index % 7 - 3); needs "a receipt" }
            }
            organization {
              action x\(index) "Charges" { owner care }
            }
            touchpoint \(touchpoint ?? "a\(index)") <-> x\(index) { claimed 4; perceived 3.5 }
          }

        """
    }

    /// A journey of 300 stages between two catalogue declarations.
    private func text(touchpoint: (Int) -> String? = { _ in nil }) -> [UInt8] {
        Array(("team care \"Care\"\njourney j \"J\" {\n" + (0..<300).map { stage($0, touchpoint: touchpoint($0)) }.joined()
            + "}\nchannel app \"App\" { kind digital }\n").utf8)
    }

    private func check(_ bytes: [UInt8], releasing: Bool) -> CheckResult {
        let saved = StatementRelease.isForced
        StatementRelease.isForced = releasing
        defer { StatementRelease.isForced = saved }
        return Compiler.check([.text(path: "release.cxj", bytes: bytes)], provider: InMemoryProvider([:]))
    }

    /// How many of the tree's statements inside the journey read as zeros (released).
    private func zeroedStatements(_ result: CheckResult) -> Int {
        let tree = result.workspace.trees[0]
        return tree.nodes.filter { $0.keywordStart == 0 && $0.end == 0 }.count
    }

    func testLoweredStatementsAreHandedBack() {
        let bytes = text()
        let kept = check(bytes, releasing: false)
        let released = check(bytes, releasing: true)
        XCTAssertEqual(zeroedStatements(kept), 0)
        let nodes = released.workspace.trees[0].nodes
        XCTAssertGreaterThan(nodes.count, 3_000)
        // All but the pages at the journey's two ends.
        XCTAssertGreaterThan(zeroedStatements(released), nodes.count - 2 * (ReleasedMemory.pageSize / MemoryLayout<SyntaxNode>.stride) - 4)
        let arguments = released.workspace.trees[0].arguments
        XCTAssertGreaterThan(arguments.filter { $0.start == 0 && $0.end == 0 }.count, arguments.count / 2)
        // The statements outside the journey are whole, and the model is the same.
        XCTAssertEqual(nodes.first?.keyword, .team)
        XCTAssertEqual(nodes.last?.keyword, .kind)
        XCTAssertEqual(nodes[nodes.count - 2].keyword, .channel)
        XCTAssertEqual(released.files[0].journeys[0].touchpoints.count, 300)
        XCTAssertEqual(TestSupport.codes(released), TestSupport.codes(kept))
        XCTAssertEqual(OutputFormat.json.emit([released.files[0]], diagnostics: released.diagnostics),
                       OutputFormat.json.emit([kept.files[0]], diagnostics: kept.diagnostics))
    }

    func testOnlyTheJourneysOwnStatementsAreReleased() {
        // Another file that imports this one reads its catalogue while this one is lowered:
        // what lies before the journey (here more than a page of it) must stay whole.
        let teams = (0..<400).map { "team t\($0) \"Team \($0)\"\n" }.joined()
        let bytes = Array(teams.utf8) + text()
        let released = check(bytes, releasing: true)
        let nodes = released.workspace.trees[0].nodes
        let journey = nodes.firstIndex { $0.keyword == .journey }!
        XCTAssertEqual(journey, 401)
        XCTAssertEqual(nodes[..<journey].filter { $0.keyword != .team || $0.end == 0 }.count, 0, "a declaration before the journey was released")
        XCTAssertNotEqual(nodes[journey].end, 0, "the journey's own statement was released")
        XCTAssertGreaterThan(zeroedStatements(released), 2_000)
        let arguments = released.workspace.trees[0].arguments
        let journeyArguments = Int(nodes[journey].firstArgument)
        XCTAssertEqual(arguments[..<journeyArguments].filter { $0.end == 0 }.count, 0, "an argument before the journey was released")
    }

    func testStatementsAreKeptWhileATouchpointWaitsForThem() {
        // Stage 0's touchpoint names stage 1's step: from there on, every touchpoint waits for
        // the journey's end, and with it the statements it will read.
        let bytes = text { $0 == 0 ? "a1" : nil }
        let result = check(bytes, releasing: true)
        XCTAssertEqual(zeroedStatements(result), 0)
        XCTAssertEqual(result.files[0].journeys[0].touchpoints.count, 300)
        XCTAssertEqual(TestSupport.codes(result), TestSupport.codes(check(bytes, releasing: false)))
        XCTAssertFalse(TestSupport.codes(result).contains("CXJ101"))
    }

    func testStatementsAreKeptWhenTheRunReadsTreesLater() {
        // The language server and `fmt` never turn it on; nor does a small journey.
        XCTAssertFalse(StatementRelease.isEnabled)
        XCTAssertEqual(zeroedStatements(check(text(), releasing: false)), 0)
        StatementRelease.isEnabled = true
        defer { StatementRelease.isEnabled = false }
        XCTAssertFalse(StatementRelease.covers(journeyBytes: StatementRelease.minimumJourneyBytes - 1))
        XCTAssertTrue(StatementRelease.covers(journeyBytes: StatementRelease.minimumJourneyBytes))
        XCTAssertEqual(zeroedStatements(check(text(), releasing: false)), 0, "a journey under a megabyte")
    }
}
