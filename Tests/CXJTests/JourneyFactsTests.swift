import XCTest
@testable import CXJ

/// The facts that follow the journey's order, against plain reference computations: handoffs
/// between sets of owners (one owner, several, none, journey-level touchpoints) and the
/// emotion curve.
final class JourneyFactsTests: XCTestCase {
    private let text = """
    team care "Care"
    team kitchen "Kitchen"
    team floor "Floor"

    journey lunch "Lunch" {
      touchpoint order <-> cook
      stage arrive "Arrive" {
        customer {
          step walk_in "Walks in" { emotion 1 }
          step sit "Sits down"
        }
        organization {
          action greet "Greets" { owner floor }
          action seat "Seats" { owner floor }
          action note "Notes the table"
        }
        touchpoint walk_in <-> greet
        touchpoint sit <-> greet, seat
        touchpoint sit <-> note
      }
      stage eat "Eat" {
        customer {
          step order "Orders" { emotion -2 }
          step wait "Waits" { emotion -1 }
        }
        organization {
          action cook "Cooks" { owner kitchen }
          action serve "Serves" { owner floor }
          action check "Checks in" { owner care }
        }
        touchpoint wait <-> serve, cook
        touchpoint wait <-> cook, serve
        touchpoint wait <-> serve, check
        touchpoint order <-> cook
        touchpoint wait <-> check, serve
        touchpoint wait <-> check
        touchpoint wait <-> check, check
      }
    }
    """

    func testHandoffsCompareSetsOfOwnersInStageOrder() throws {
        let result = TestSupport.check(text)
        XCTAssertEqual(result.count(.error), 0, "\(result.diagnostics.map(\.message))")
        let journey = try XCTUnwrap(result.files.first?.journeys.first)
        let facts = JourneyFacts(journey)
        XCTAssertEqual(facts.handoffPairs.map { [$0.from, $0.to] }, referenceHandoffs(journey))
        // In stage order, owners: floor, floor, none (passed over), then in `eat` {floor,
        // kitchen} twice (in two orders), {care, floor}, kitchen, {care, floor}, care, care
        // (one owner written twice), and the journey-level touchpoint's kitchen, which goes
        // with `eat`: six handoffs.
        XCTAssertEqual(facts.handoffs, 6)
        XCTAssertEqual(facts.emotionCurve.map { [$0.step, Int32($0.emotion)] }, [[0, 1], [2, -2], [3, -1]])
    }

    /// Handoffs as the facts defined them before they were computed on two threads: each
    /// touchpoint's owners as a sorted set, compared with the previous owned touchpoint's.
    private func referenceHandoffs(_ journey: Journey) -> [[Int32]] {
        var pairs: [[Int32]] = []
        var previous: [Int32]? = nil
        var last: Int32 = -1
        for index in JourneyFacts.touchpointOrder(journey) {
            let owners = Set(journey.actions(of: journey.touchpoints[Int(index)]).map { journey.actions[Int($0)].owner }.filter { $0 >= 0 }).sorted()
            guard !owners.isEmpty else { continue }
            if let previous, previous != owners { pairs.append([last, index]) }
            previous = owners
            last = index
        }
        return pairs
    }
}
