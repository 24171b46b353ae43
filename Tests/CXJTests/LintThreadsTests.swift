import XCTest
@testable import CXJ

/// A large journey's facts are computed on two threads and its gap rules run as tasks on both;
/// the facts and the findings must be those, in the same order, of one thread doing it all.
final class LintThreadsTests: XCTestCase {
    func testTwoThreadsFindWhatOneLoopFinds() throws {
        var text = "team care \"Care\"\nteam floor \"Floor\"\nchannel app \"App\" { kind digital }\nchannel shop \"Shop\" { kind physical }\n"
        text += "journey big \"Big\" {\n  owner care\n"
        for stage in 0..<2_600 {
            text += """
              stage s\(stage) "Stage \(stage)" {
                phase \(["discover", "request", "respond", "repeat"][stage % 4])
                reach \(100_000 - stage * 10)
                customer {
                  step a\(stage) "A" { channel app; emotion \(stage % 7 - 3) }
                  step b\(stage) "B" { channel shop; emotion -3; critical }
                  step c\(stage) "C" { emotion 1 }
                  step d\(stage) "D" { channel app }
                }
                organization {
                  action x\(stage) "X" { owner care; channel app }
                  action y\(stage) "Y" { channel shop; automation full }
                  action z\(stage) "Z" { owner floor; channel shop }
                }
                touchpoint a\(stage) <-> x\(stage) { via app; claimed 5; perceived \(stage % 2 == 0 ? "2" : "4.5") }
                touchpoint b\(stage) <-> y\(stage) { via app; claimed 4; perceived 3 }
                touchpoint d\(stage) <-> x\(stage)
                touchpoint c\(stage) <-> z\(stage) { via shop }
              }

            """
        }
        text += "}\n"
        let result = Compiler.check([.text(path: "big.cxj", bytes: Array(text.utf8))], provider: InMemoryProvider([:]))
        var file = result.files[0]
        XCTAssertEqual(file.journeys.count, 1)
        let journey = file.journeys[0]
        XCTAssertGreaterThanOrEqual(journey.steps.count + journey.actions.count + journey.touchpoints.count,
                                    GapRules.elementsWorthASecondThread)
        let before = GapRules.filesLintedOnTwoThreads.load(ordering: .relaxed)
        let twoThreads = GapRules.run(on: &file)
        XCTAssertEqual(GapRules.filesLintedOnTwoThreads.load(ordering: .relaxed), before + 1, "the rules ran on one thread")
        let oneThreadFacts = JourneyFacts(journey)
        XCTAssertGreaterThan(oneThreadFacts.handoffs, 2_000)
        XCTAssertGreaterThan(oneThreadFacts.emotionCurve.count, 5_000)
        assertSameFacts(file.facts(ofJourney: 0), oneThreadFacts)
        assertSameFacts(JourneyFacts(journey, onTwoThreads: true), oneThreadFacts)
        let context = LintContext(file: file, journeyIndex: 0, journey: journey, facts: oneThreadFacts)
        var oneLoop: [Finding] = []
        for rule in GapRules.all { rule.check(context, into: &oneLoop) }
        for rule in GapRules.all { rule.checkFile(file, into: &oneLoop) }
        XCTAssertGreaterThan(oneLoop.count, 5_000)
        XCTAssertGreaterThan(Set(oneLoop.map { $0.diagnostic.code }).count, 3)
        XCTAssertEqual(oneLoop.map { $0.diagnostic }, twoThreads.map { $0.diagnostic })
        XCTAssertEqual(oneLoop.map { $0.allowScope }, twoThreads.map { $0.allowScope })
    }

    private func assertSameFacts(_ facts: JourneyFacts, _ expected: JourneyFacts, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(facts.isPaired, expected.isPaired, file: file, line: line)
        XCTAssertEqual(facts.isActionPaired, expected.isActionPaired, file: file, line: line)
        XCTAssertEqual(facts.answeringStart, expected.answeringStart, file: file, line: line)
        XCTAssertEqual(facts.answeringPool, expected.answeringPool, file: file, line: line)
        XCTAssertEqual(facts.stageCoverage, expected.stageCoverage, file: file, line: line)
        XCTAssertEqual(facts.coverage, expected.coverage, file: file, line: line)
        XCTAssertEqual(facts.conversion, expected.conversion, file: file, line: line)
        XCTAssertEqual(facts.previousReachStage, expected.previousReachStage, file: file, line: line)
        XCTAssertEqual(facts.largestDrop?.stage, expected.largestDrop?.stage, file: file, line: line)
        XCTAssertEqual(facts.largestDrop?.conversion, expected.largestDrop?.conversion, file: file, line: line)
        XCTAssertEqual(facts.emotionCurve.map { [$0.step, Int32($0.emotion)] }, expected.emotionCurve.map { [$0.step, Int32($0.emotion)] }, file: file, line: line)
        XCTAssertEqual(facts.handoffPairs.map { [$0.from, $0.to] }, expected.handoffPairs.map { [$0.from, $0.to] }, file: file, line: line)
        XCTAssertEqual(facts.averageDeliveryGap, expected.averageDeliveryGap, file: file, line: line)
    }
}
