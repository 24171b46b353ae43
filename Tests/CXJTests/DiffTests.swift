import Foundation
import XCTest
@testable import CXJ

/// `cxj diff`: golden outputs over pairs of fixtures, renames, moves, catalogue changes through
/// an import, a side with errors, the JSON schema, and speed against checking both sides.
final class DiffTests: XCTestCase {
    private var fixtures: String { TestSupport.fixtures + "/diff" }

    private func diff(_ name: String) throws -> DiffResult {
        let old = try DiffInputs.side(root: "\(fixtures)/\(name)/old", files: DiffInputs.files(under: "\(fixtures)/\(name)/old"))
        let new = try DiffInputs.side(root: "\(fixtures)/\(name)/new", files: DiffInputs.files(under: "\(fixtures)/\(name)/new"))
        return JourneyComparer.compare(old: old, new: new)
    }

    func testGoldens() throws {
        for name in ["lunch", "errors"] {
            let result = try diff(name)
            for format in DiffWriter.Format.allCases {
                let ext = format == .markdown ? "md" : format.rawValue == "text" ? "txt" : "json"
                TestSupport.assertGolden(DiffWriter.render(result, as: format), path: "\(fixtures)/\(name).\(ext)")
            }
        }
    }

    func testEveryKindOfChangeIsFound() throws {
        let result = try diff("lunch")
        let lunch = try XCTUnwrap(result.files.first { $0.path == "lunch.cxj" })
        let journey = try XCTUnwrap(lunch.journeys.first)
        func has(_ kind: String, _ id: String, _ test: (ElementChange.What) -> Bool) -> Bool {
            journey.changes.contains { $0.kind == kind && $0.id == id && test($0.what) }
        }
        XCTAssertTrue(has("step", "order_special") { if case .renamed(let from) = $0 { return from == "order_food" }; return false })
        XCTAssertTrue(has("action", "cook") { if case .moved(let from, let to) = $0 { return from == "order" && to == "eat" }; return false })
        XCTAssertTrue(has("step", "pay") { if case .added = $0 { return true }; return false })
        XCTAssertTrue(has("action", "upsell") { if case .removed = $0 { return true }; return false })
        XCTAssertTrue(has("step", "wait") { if case .value("emotion", "-1", "-3", "worse") = $0 { return true }; return false })
        XCTAssertTrue(has("touchpoint", "wait <-> serve") { if case .value("delivery gap", "0.5", "2", "wider") = $0 { return true }; return false })
        XCTAssertTrue(has("action", "confirm") { if case .value("owner", "floor", "kitchen", _) = $0 { return true }; return false })
        XCTAssertTrue(has("stage", "eat") { if case .value("conversion", "90%", "60%", _) = $0 { return true }; return false })
        XCTAssertFalse(journey.changes.contains { $0.kind == "touchpoint" && $0.id.contains("order_special") },
                       "a touchpoint is matched through the rename of its step")
        XCTAssertEqual(lunch.newFindings.map { $0.code.id }, ["CXJ205", "CXJ201", "CXJ204", "CXJ206"])
        XCTAssertEqual(result.catalogue.map { $0.id }, ["cashiers", "kitchen"])
        XCTAssertEqual(result.catalogue[1].journeys, ["lunch.cxj: lunch"], "the catalogue change names the journey it affects")
        XCTAssertEqual(journey.before?.coverage, 1)
        XCTAssertEqual(journey.after?.coverage, 0.75)
    }

    func testASideWithErrorsIsReportedAndTheRestCompared() throws {
        let result = try diff("errors")
        XCTAssertEqual(result.sidesWithErrors.map { "\($0.side) \($0.path) \($0.errors)" }, ["new lunch.cxj 1"])
        let lunch = try XCTUnwrap(result.files.first { $0.path == "lunch.cxj" }?.journeys.first)
        XCTAssertTrue(lunch.changes.contains { $0.id == "wait <-> serve" })
    }

    func testJSONFollowsItsSchema() throws {
        let json = DiffWriter.render(try diff("lunch"), as: .json)
        if let errors = try ExternalTools.validate(json: Array(json.utf8), schema: TestSupport.repository + "/Grammar/cxj-diff.schema.json") {
            XCTFail(errors)
        }
    }

    func testDiffingTakesAtMostTwiceAsLongAsCheckingBothSides() throws {
        var generated = "team care \"Care\"\nchannel app \"App\"\n"
        for journey in 0..<20 {
            generated += "journey j\(journey) \"Journey \(journey)\" {\n  allow no-repeat-loop\n"
            for stage in 0..<40 {
                generated += "  stage s\(stage) \"Stage \(stage)\" {\n    customer {\n"
                for step in 0..<5 { generated += "      step a\(stage)_\(step) \"Step \(step)\" { emotion \(step % 7 - 3); channel app }\n" }
                generated += "    }\n    organization {\n"
                for action in 0..<3 { generated += "      action x\(stage)_\(action) \"Action \(action)\" { owner care }\n" }
                generated += "    }\n    touchpoint a\(stage)_0, a\(stage)_1 <-> x\(stage)_0 { via app; claimed 4; perceived 3 }\n  }\n"
            }
            generated += "}\n"
        }
        let changed = generated.replacingOccurrences(of: "perceived 3 }", with: "perceived 2 }")
        func side(_ text: String) -> JourneyComparer.Side {
            let result = Compiler.check([.path("big.cxj")], provider: InMemoryProvider(["big.cxj": text]))
            return JourneyComparer.Side(result: result, files: ["big.cxj": 0])
        }
        func time(_ body: () -> Void) -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            return Double(DispatchTime.now().uptimeNanoseconds - start)
        }
        var checking = Double.infinity
        var diffing = Double.infinity
        for _ in 0..<3 {
            checking = min(checking, time { _ = side(generated); _ = side(changed) })
            diffing = min(diffing, time { _ = JourneyComparer.compare(old: side(generated), new: side(changed)) })
        }
        XCTAssertLessThan(diffing, checking * 2, "diff \(diffing / 1e6) ms, check both \(checking / 1e6) ms")
    }
}
