import XCTest
@testable import CXJ

/// The model's most numerous elements keep their compact layouts (`CompactFields.swift`), and
/// their optional fields read back exactly what was stored, none included.
final class ModelLayoutTests: XCTestCase {
    /// A dense 20 MB journey holds about 200,000 steps and as many touchpoints: a field added
    /// without care costs megabytes. Raise a figure here only on purpose.
    func testElementsKeepTheirSizes() {
        XCTAssertEqual(MemoryLayout<Touchpoint>.stride, 64)
        XCTAssertEqual(MemoryLayout<Step>.stride, 64)
        XCTAssertEqual(MemoryLayout<Action>.stride, 76)
        XCTAssertEqual(MemoryLayout<Stage>.stride, 120)
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
