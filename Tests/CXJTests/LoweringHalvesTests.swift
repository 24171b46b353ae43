import Synchronization
import XCTest
@testable import CXJ

/// A large journey's stages and touchpoints are lowered in two halves on two threads
/// (`FileChecker+Halves`), touchpoints as they are met when their names are declared already
/// (`lowerTouchpointNowOrLater`), and lowered statements may be handed back
/// (`StatementRelease`): diagnostics and every output must be those of one thread lowering
/// every touchpoint at the journey's end, whether each half is adopted or given up.
final class LoweringHalvesTests: XCTestCase {
    private let catalogue = StagedJourney.catalogue

    private func stage(_ index: Int, extra: String = "", step: String? = nil, touchpoint: String? = nil) -> String {
        StagedJourney.stage(index, extra: extra, step: step, touchpoint: touchpoint)
    }

    private func journey(_ count: Int, _ body: (Int) -> String) -> String {
        catalogue + "journey j \"J\" {\n  persona ana\n  owner care\n  kpi top \"Top\" { actual 3; target >= 2 }\n"
            + (0..<count).map(body).joined()
            + "  touchpoint a0 <-> y1\n  opportunity o \"O\" { addresses a1, x2; impact high; effort low }\n}\n"
    }

    private func check(_ bytes: [UInt8]) -> CheckResult {
        Compiler.check([.text(path: "halves.cxj", bytes: bytes)], provider: InMemoryProvider([:]))
    }

    /// Asserts both ways agree, and returns how many stage and touchpoint halves were adopted.
    @discardableResult
    private func assertSameModel(_ text: String, stagesAdopted: Bool, touchpointsAdopted: Bool,
                                 file: StaticString = #filePath, line: UInt = #line) -> CheckResult {
        let bytes = Array(text.utf8)
        let stagesBefore = FileChecker.adoptedStageHalves.load(ordering: .relaxed)
        let touchpointsBefore = FileChecker.adoptedTouchpointHalves.load(ordering: .relaxed)
        let halves = PipelineExercise.loweredInHalves(check, bytes)
        let stages = FileChecker.adoptedStageHalves.load(ordering: .relaxed) - stagesBefore
        let touchpoints = FileChecker.adoptedTouchpointHalves.load(ordering: .relaxed) - touchpointsBefore
        let single = PipelineExercise.loweredInHalves(check, bytes, halves: false, touchpointsAsMet: false)
        XCTAssertEqual(FileChecker.adoptedStageHalves.load(ordering: .relaxed) - stagesBefore, stages, "one thread adopts nothing",
                       file: file, line: line)
        XCTAssertGreaterThan(single.count, 10_000, file: file, line: line)
        let ways = [("in halves", halves),
                    ("by one thread, touchpoints as met", PipelineExercise.loweredInHalves(check, bytes, halves: false)),
                    ("in halves, statements handed back", PipelineExercise.loweredInHalves(check, bytes, releasingStatements: true))]
        for (way, shown) in ways where shown != single {
            let first = (0..<min(shown.count, single.count)).first { shown[$0] != single[$0] } ?? min(shown.count, single.count)
            XCTFail("lowered \(way), outputs differ at byte \(first): \(String(decoding: shown[max(0, first - 200)..<min(shown.count, first + 200)], as: UTF8.self))",
                    file: file, line: line)
        }
        // Touchpoints keep the order they are written in (findings name them by index).
        let saved = FileChecker.lowersInHalves
        FileChecker.lowersInHalves = true
        for journey in check(bytes).files[0].journeys {
            let starts = journey.touchpoints.map { $0.statement.start }
            XCTAssertEqual(starts, starts.sorted(), "touchpoints in source order", file: file, line: line)
        }
        FileChecker.lowersInHalves = saved
        XCTAssertEqual(stages > 0, stagesAdopted, "stage half adopted", file: file, line: line)
        XCTAssertEqual(touchpoints > 0, touchpointsAdopted, "touchpoint half adopted", file: file, line: line)
        return check(bytes)
    }

    func testBothHalvesAreAdopted() {
        let result = assertSameModel(journey(40) { stage($0) }, stagesAdopted: true, touchpointsAdopted: false)
        XCTAssertEqual(result.files[0].journeys[0].stages.count, 40)
        XCTAssertEqual(result.files[0].journeys[0].touchpoints.count, 81)
    }

    func testSeveralJourneysEachSplit() {
        let text = journey(30) { stage($0) } + "journey k \"K\" {\n" + (0..<30).map { stage($0) }.joined() + "}\n"
        assertSameModel(text, stagesAdopted: true, touchpointsAdopted: false)
    }

    func testANameDeclaredInBothHalvesGivesTheStageHalfUp() {
        // `a3` is declared again in stage 30: CXJ102 must point at the second one, as one thread says.
        let result = assertSameModel(journey(40) { stage($0, step: $0 == 30 ? "a3" : nil, touchpoint: $0 == 30 ? "b30" : nil) },
                                     stagesAdopted: false, touchpointsAdopted: false)
        XCTAssertTrue(TestSupport.codes(result).contains("CXJ102"))
    }

    func testADuplicateInsideTheSecondHalfGivesItUp() {
        let result = assertSameModel(journey(40) { stage($0, step: $0 == 31 ? "a30" : nil, touchpoint: $0 == 31 ? "b31" : nil) },
                                     stagesAdopted: false, touchpointsAdopted: false)
        XCTAssertTrue(TestSupport.codes(result).contains("CXJ102"))
    }

    func testAnErrorInTheSecondHalfGivesItUp() {
        let result = assertSameModel(journey(40) { stage($0, extra: $0 == 33 ? "    reach 5\n    phase sideways\n" : "") },
                                     stagesAdopted: false, touchpointsAdopted: false)
        XCTAssertTrue(TestSupport.codes(result).contains("CXJ106"))
    }

    func testAnErrorInTheFirstHalfKeepsTheSecond() {
        let result = assertSameModel(journey(40) { stage($0, extra: $0 == 2 ? "    step z \"Z\"\n" : "") },
                                     stagesAdopted: true, touchpointsAdopted: false)
        XCTAssertFalse(TestSupport.codes(result).isEmpty)
    }

    func testAnAllowInTheSecondHalfGivesItUp() {
        assertSameModel(journey(40) { stage($0, extra: $0 == 25 ? "    allow funnel-leak \"seasonal\"\n" : "") },
                        stagesAdopted: false, touchpointsAdopted: false)
    }

    func testAnUnknownNameInALateTouchpointGivesTheTouchpointHalfUp() {
        // From stage 21 (the stage helper's, pointing back into the first half) touchpoints wait
        // for the journey's end; the unknown name is in the second half of those.
        let result = assertSameModel(journey(40) { stage($0, touchpoint: $0 == 21 ? "a3" : $0 == 37 ? "nobody" : nil) },
                                     stagesAdopted: true, touchpointsAdopted: false)
        XCTAssertTrue(TestSupport.codes(result).contains("CXJ101"))
    }

    func testATouchpointIntoTheFirstHalfWaitsForTheEnd() {
        let result = assertSameModel(journey(40) { stage($0, touchpoint: $0 == 30 ? "a3" : nil) },
                                     stagesAdopted: true, touchpointsAdopted: true)
        XCTAssertEqual(result.files[0].journeys[0].touchpoints.count, 81)
        XCTAssertFalse(TestSupport.codes(result).contains("CXJ101"))
    }

    func testAForwardTouchpointInTheFirstHalfGivesTheStageHalfUp() {
        // Stage 2's touchpoint names a step of stage 5: it and every touchpoint after it wait,
        // so the helper's touchpoints, lowered as it met them, cannot follow them.
        let result = assertSameModel(journey(40) { stage($0, touchpoint: $0 == 2 ? "a5" : nil) },
                                     stagesAdopted: false, touchpointsAdopted: true)
        XCTAssertFalse(TestSupport.codes(result).contains("CXJ101"))
    }

    func testATouchpointWithAnAllowWaits() {
        assertSameModel(journey(40) { stage($0, extra: $0 == 3 ? "    touchpoint b3 <-> y3 { allow delivery-gap \"known\" }\n" : "") },
                        stagesAdopted: false, touchpointsAdopted: true)
    }

    func testAJourneyStatementInTheMiddleEndsTheRun() {
        // The run of stages after the middle stops at the kpi; what follows is lowered by this thread.
        assertSameModel(journey(40) { stage($0) + ($0 == 28 ? "  kpi mid \"Mid\" { actual 4 }\n" : "") },
                        stagesAdopted: true, touchpointsAdopted: false)
    }

    func testAForwardLoopAndAddressIntoTheSecondHalf() {
        assertSameModel(journey(40) { stage($0, extra: $0 == 1 ? "    note \"see s39\"\n" : "") }
                            .replacingOccurrences(of: "addresses a1, x2", with: "addresses a1, x39, s38"),
                        stagesAdopted: true, touchpointsAdopted: false)
    }
}
