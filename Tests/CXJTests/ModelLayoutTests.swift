import XCTest
@testable import CXJ

/// The model's most numerous elements keep their compact layouts (`CompactFields.swift`), and
/// their optional fields read back exactly what was stored, none included.
final class ModelLayoutTests: XCTestCase {
    /// A dense 20 MB journey holds about 200,000 steps and as many touchpoints: a field added
    /// without care costs megabytes. Raise a figure here only on purpose.
    func testElementsKeepTheirSizes() {
        XCTAssertEqual(MemoryLayout<Touchpoint>.stride, 56)
        XCTAssertEqual(MemoryLayout<Step>.stride, 56)
        XCTAssertEqual(MemoryLayout<Action>.stride, 68)
        XCTAssertEqual(MemoryLayout<Stage>.stride, 120)
        XCTAssertEqual(MemoryLayout<KPI>.stride, 88)
        XCTAssertEqual(MemoryLayout<FileSpan>.stride, 8)
        XCTAssertEqual(MemoryLayout<NamedPlace>.size, 29, "the elements' one-byte fields follow it in its padding")
        XCTAssertEqual(MemoryLayout<LocalSpan>.stride, 8)
        XCTAssertEqual(MemoryLayout<OptionalDouble>.stride, 8)
        XCTAssertEqual(MemoryLayout<Diagnostic.Label>.stride, 32, "a waiting label's property fits in the location's padding")
        XCTAssertEqual(MemoryLayout<Namespace>.stride, 16, "two arrays: packed slots and declared symbols")
        XCTAssertEqual(MemoryLayout<SyntaxNode>.stride, 24, "a dense 20 MB journey has a million statements")
    }

    private let statement = SourceLocation(file: 3, start: 100, end: 160)
    private let label = TextRef(file: 3, start: 110, end: 120, isMultiline: false)

    private func at(_ start: Int, _ end: Int) -> SourceLocation { SourceLocation(file: 3, start: start, end: end) }

    func testTouchpointFieldsReadBackWhatWasStored() {
        var touchpoint = Touchpoint(statement: statement, stage: 2)
        XCTAssertNil(touchpoint.claimed)
        XCTAssertNil(touchpoint.perceived)
        XCTAssertNil(touchpoint.deliveryGap)
        XCTAssertEqual(touchpoint.location, at(100, 110), "the `touchpoint` keyword starts the statement")
        for (claimed, perceived) in [(0.0, 5.0), (4.5, 3.25), (1e-9, -0.0), (5, 0)] {
            touchpoint.claimed = claimed
            touchpoint.perceived = perceived
            XCTAssertEqual(touchpoint.claimed, claimed)
            XCTAssertEqual(touchpoint.perceived, perceived)
            XCTAssertEqual(touchpoint.deliveryGap, claimed - perceived)
        }
        touchpoint.claimed = nil
        XCTAssertNil(touchpoint.claimed)
        XCTAssertEqual(touchpoint.perceived, 0)
        XCTAssertEqual(touchpoint.stage, 2)
        XCTAssertEqual(touchpoint.statement, statement)
    }

    func testTouchpointNotesAreFoundByTheirTouchpoint() {
        var journey = Journey.placeholder
        journey.touchpoints = (0..<6).map { Touchpoint(statement: at(10 * $0, 10 * $0 + 9), stage: -1) }
        let notes = (0..<5).map { TextRef(file: 3, start: Int32(100 + $0), end: Int32(101 + $0), isMultiline: false) }
        journey.touchpointNotes = notes
        journey.touchpointNoteOwners = [1, 1, 3, 5, 5]
        let expected: [[Int]] = [[], [0, 1], [], [2], [], [3, 4]]
        for (touchpoint, indices) in expected.enumerated() {
            XCTAssertEqual(journey.notes(ofTouchpoint: touchpoint).map(\.start), indices.map { notes[$0].start }, "touchpoint \(touchpoint)")
        }
        XCTAssertTrue(journey.notes(ofTouchpoint: 6).isEmpty)
        XCTAssertTrue(Journey.placeholder.notes(ofTouchpoint: 0).isEmpty)
    }

    func testKeywordOfATruncatedStatementStaysInside() {
        let short = Touchpoint(statement: at(40, 45), stage: -1)
        XCTAssertEqual(short.location, at(40, 45))
    }

    func testStepFieldsReadBackWhatWasStored() {
        var step = Step(id: 7, label: label, stage: 1, location: at(105, 109), statement: statement)
        XCTAssertNil(step.emotion)
        for emotion in Int8(-3)...Int8(3) {
            step.emotion = emotion
            XCTAssertEqual(step.emotion, emotion)
        }
        step.emotion = nil
        XCTAssertNil(step.emotion)
        step.isCritical = true
        XCTAssertTrue(step.isCritical)
        XCTAssertFalse(step.isSelfService)
        XCTAssertEqual(step.label, label)
        XCTAssertEqual(step.id, 7)
        XCTAssertEqual(step.stage, 1)
        XCTAssertEqual(step.location, at(105, 109))
        XCTAssertEqual(step.statement, statement)
        let multiline = TextRef(file: 3, start: 111, end: 150, isMultiline: true)
        XCTAssertEqual(Step(id: 7, label: multiline, stage: 1, location: at(105, 109), statement: statement).label, multiline)
    }

    func testActionFieldsReadBackWhatWasStored() {
        let multiline = TextRef(file: 3, start: 111, end: 150, isMultiline: true)
        for label in [label, multiline] {
            var action = Action(id: 9, label: label, stage: 4, location: at(107, 110), statement: statement)
            action.automation = .ai
            action.layer = .backstage
            XCTAssertEqual(action.label, label)
            XCTAssertEqual(action.location, at(107, 110))
            XCTAssertEqual(action.statement, statement)
            XCTAssertEqual(action.id, 9)
            XCTAssertEqual(action.stage, 4)
            XCTAssertEqual(action.automation, .ai)
            XCTAssertEqual(action.layer, .backstage)
        }
    }

    func testKPIFieldsReadBackWhatWasStored() {
        var kpi = KPI(id: 5, label: label, location: at(104, 108), statement: statement, stage: -1)
        XCTAssertNil(kpi.actual)
        XCTAssertNil(kpi.target)
        XCTAssertNil(kpi.actualLocation)
        XCTAssertNil(kpi.targetLocation)
        XCTAssertNil(kpi.missesTarget)
        XCTAssertEqual(kpi.label, label)
        XCTAssertEqual(kpi.location, at(104, 108))
        XCTAssertEqual(kpi.statement, statement)
        XCTAssertEqual(kpi.stage, -1)
        kpi.actual = Measure(value: 42.5, unit: .percent)
        kpi.actualLocation = at(121, 126)
        kpi.target = Measure(value: 3, unit: .minutes)
        kpi.targetLocation = at(140, 142)
        kpi.comparison = .atMost
        XCTAssertEqual(kpi.actual, Measure(value: 42.5, unit: .percent))
        XCTAssertEqual(kpi.target, Measure(value: 3, unit: .minutes))
        XCTAssertEqual(kpi.actualLocation, at(121, 126))
        XCTAssertEqual(kpi.targetLocation, at(140, 142))
        kpi.actual = Measure(value: 0, unit: .none)
        XCTAssertEqual(kpi.actual, Measure(value: 0, unit: .none), "zero is a value, not none")
        kpi.target = nil
        XCTAssertNil(kpi.target)
        XCTAssertEqual(kpi.targetLocation, at(140, 142), "a value's location stays when the value is dropped")
    }

    func testStageFieldsReadBackWhatWasStored() {
        var stage = Stage(id: 1, title: label, location: at(106, 110), statement: statement)
        XCTAssertNil(stage.reach)
        XCTAssertNil(stage.targetConversion)
        XCTAssertNil(stage.phase)
        XCTAssertNil(stage.phaseLocation)
        XCTAssertNil(stage.reachLocation)
        XCTAssertNil(stage.targetConversionLocation)
        for reach in [0, 1, 10_000_000, 1_000_000_000_000] {
            stage.reach = reach
            XCTAssertEqual(stage.reach, reach)
        }
        stage.targetConversion = 0
        XCTAssertEqual(stage.targetConversion, 0)
        stage.targetConversion = 0.35
        XCTAssertEqual(stage.targetConversion, 0.35)
        stage.phase = .repeat
        stage.phaseLocation = at(120, 126)
        stage.reachLocation = at(130, 138)
        stage.targetConversionLocation = at(140, 143)
        XCTAssertEqual(stage.phase, .repeat)
        XCTAssertEqual(stage.phaseLocation, at(120, 126))
        XCTAssertEqual(stage.reachLocation, at(130, 138))
        XCTAssertEqual(stage.targetConversionLocation, at(140, 143))
        stage.reach = nil
        stage.targetConversion = nil
        XCTAssertNil(stage.reach)
        XCTAssertNil(stage.targetConversion)
    }
}
