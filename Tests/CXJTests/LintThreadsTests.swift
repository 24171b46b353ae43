import XCTest
@testable import CXJ

/// A large journey's gap rules run in two groups on two threads; the findings must be those,
/// in the same order, of running every rule one after another.
final class LintThreadsTests: XCTestCase {
    func testTwoGroupsFindWhatOneLoopFinds() throws {
        var text = "team care \"Care\"\nchannel app \"App\" { kind digital }\nchannel shop \"Shop\" { kind physical }\n"
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
                }
                touchpoint a\(stage) <-> x\(stage) { via app; claimed 5; perceived \(stage % 2 == 0 ? "2" : "4.5") }
                touchpoint b\(stage) <-> y\(stage) { via app; claimed 4; perceived 3 }
                touchpoint d\(stage) <-> x\(stage)
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
        _ = GapRules.run(on: &file)
        let context = LintContext(file: file, journeyIndex: 0, journey: journey, facts: file.facts(ofJourney: 0))
        var oneLoop: [Finding] = []
        for rule in GapRules.all { rule.check(context, into: &oneLoop) }
        let twoGroups = GapRules.run(GapRules.all, in: context)
        XCTAssertGreaterThan(oneLoop.count, 5_000)
        XCTAssertEqual(Set(oneLoop.map { $0.diagnostic.code }).count, Set(twoGroups.map { $0.diagnostic.code }).count)
        XCTAssertGreaterThan(Set(oneLoop.map { $0.diagnostic.code }).count, 3)
        XCTAssertEqual(oneLoop.map { $0.diagnostic }, twoGroups.map { $0.diagnostic })
        XCTAssertEqual(oneLoop.map { $0.allowScope }, twoGroups.map { $0.allowScope })
    }
}
