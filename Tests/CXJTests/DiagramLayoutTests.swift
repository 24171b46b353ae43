import Foundation
import XCTest
@testable import CXJ

/// The DOT diagram as Graphviz lays it out: rows in drawing order, rungs that do not cross,
/// and pictures that fit a page.
final class DiagramLayoutTests: XCTestCase {
    /// A stage whose actions are declared in the opposite order to the steps they answer: in
    /// declaration order, every rung would cross the other.
    static let crossing = """
    team care "Care"
    team ops "Operations"
    channel phone "Phone"
    journey swap "Swapped answers" {
      allow no-repeat-loop
      stage one "One" {
        customer {
          step first "Calls about the order" { channel phone }
          step second "Asks for a refund" { channel phone }
          step third "Leaves a review" { channel phone }
        }
        organization {
          action late "Collects the review" { owner care }
          action middle "Refunds the order" { owner ops }
          action early "Answers the call" { owner care }
          action quiet "Files the paperwork" { owner ops }
        }
        touchpoint first <-> early { via phone }
        touchpoint second <-> middle { via phone }
        touchpoint third <-> late { via phone }
      }
    }
    """

    func testActionsFollowTheStepsTheyAnswer() {
        let result = TestSupport.check(Self.crossing)
        XCTAssertEqual(result.count(.error), 0, "\(TestSupport.codes(result))")
        let journey = result.files[0].journeys[0]
        let order = DiagramOrder(journey).actions(of: journey.stages[0]).map { result.files[0].name(journey.actions[Int($0)].id) }
        // `quiet` answers nothing and stays beside `early`, the action declared before it.
        XCTAssertEqual(order, ["early", "quiet", "middle", "late"])
    }

    /// Node positions from `dot -Tplain`, as the reading position along a row: x in `wide`,
    /// and top to bottom (Graphviz's y points up) in `tall`.
    private func positions(_ diagram: String, layout: DiagramLayout) throws -> [String: Double] {
        let plain = try ExternalTools.run(try ExternalTools.dot(), ["-Tplain"], input: Data(diagram.utf8)).stdout
        var position: [String: Double] = [:]
        for line in plain.split(separator: "\n") where line.hasPrefix("node ") {
            let fields = line.split(separator: " ")
            position[String(fields[1])] = layout == .wide ? Double(fields[2])! : -Double(fields[3])!
        }
        return position
    }

    private func diagrams() -> [(String, DiagramLayout, String)] {
        let (result, journeys) = CompileTests.examples()
        var inputs = journeys.map { (CompileTests.name(result, $0), result.files[$0]) }
        inputs.append(("crossing", TestSupport.check(Self.crossing).files[0]))
        return DiagramLayout.allCases.flatMap { layout in
            inputs.map { name, file in
                (name, layout, String(decoding: OutputFormat.dot.emit([file], diagnostics: [], options: EmitOptions(layout: layout)),
                                      as: UTF8.self))
            }
        }
    }

    /// Every row is drawn in the order the DOT lists it (stages in source order, steps in
    /// source order), left to right in `wide` and top to bottom in `tall`, the lane title first.
    func testRowsAreDrawnInOrder() throws {
        for (name, layout, diagram) in diagrams() {
            let position = try positions(diagram, layout: layout)
            for row in diagram.components(separatedBy: "{ rank=same; ").dropFirst() {
                let ids = row.prefix { $0 != "}" }.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }
                for (before, after) in zip(ids, ids.dropFirst()) {
                    XCTAssertLessThan(position[before] ?? 0, position[after] ?? 0, "\(name) \(layout): \(before) before \(after)")
                }
            }
        }
    }

    /// No two rungs between the same two rows cross, in any example or layout.
    func testRungsDoNotCross() throws {
        for (name, layout, diagram) in diagrams() {
            let position = try positions(diagram, layout: layout)
            let rungs: [(String, String)] = diagram.split(separator: "\n").compactMap { line in
                let parts = line.trimmingCharacters(in: .whitespaces).split(separator: " ")
                guard parts.count >= 3, parts[1] == "->", !line.contains("invis") else { return nil }
                return (String(parts[0]), String(parts[2]).trimmingCharacters(in: CharacterSet(charactersIn: ";")))
            }
            XCTAssertFalse(rungs.isEmpty, name)
            for (index, a) in rungs.enumerated() {
                for b in rungs[(index + 1)...] where a.0 != b.0 && a.1 != b.1 {
                    // Only rungs between the same pair of rows can cross.
                    guard a.0.hasPrefix(String(b.0.prefix(4))), a.1.hasPrefix(String(b.1.prefix(4))) else { continue }
                    let from = (position[a.0] ?? 0) - (position[b.0] ?? 0)
                    let to = (position[a.1] ?? 0) - (position[b.1] ?? 0)
                    XCTAssertGreaterThanOrEqual(from * to, 0, "\(name) \(layout): \(a) crosses \(b)")
                }
            }
        }
    }

    /// At Graphviz's default 96 dpi, a journey of up to four stages is at most 1,600 px wide in
    /// `wide` and 900 px wide in `tall`. The figures are printed for the record.
    func testDiagramsFitAPage() throws {
        for (name, layout, diagram) in diagrams() where name != "crossing" {
            let plain = try ExternalTools.run(try ExternalTools.dot(), ["-Tplain"], input: Data(diagram.utf8)).stdout
            let header = plain.split(separator: "\n")[0].split(separator: " ")
            // `-Tplain` leaves out the graph's `pad` of 0.2 inches on each side; a PNG has it.
            let width = (Double(header[2])! + 0.4) * 96
            let height = (Double(header[3])! + 0.4) * 96
            print("diagram size: \(name) \(layout) \(Int(width.rounded())) × \(Int(height.rounded())) px")
            XCTAssertLessThanOrEqual(width, layout == .wide ? 1600 : 900, "\(name) \(layout)")
        }
    }

    /// A lane's node ID is `lane_` and its case's name, spelled out rather than named through
    /// the runtime's reflection (which kept its metadata and code resident in every DOT run).
    func testALanesIDIsItsCasesName() {
        for lane in JourneyDiagram.Lane.allCases {
            XCTAssertEqual(lane.id, "lane_" + String(describing: lane))
        }
    }
}
