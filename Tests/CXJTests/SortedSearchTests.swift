import XCTest
@testable import CXJ

/// `partitionPoint(where:)`, the binary search behind touchpoint notes, comments to print and
/// errors near a finding, against a linear scan.
final class SortedSearchTests: XCTestCase {
    func testFirstIndexPastABound() {
        let cases: [(values: [Int], bound: Int, expected: Int)] = [
            ([], 3, 0),
            ([5], 3, 0),
            ([1], 3, 1),
            ([1, 3, 3, 3, 7], 3, 1),
            ([1, 3, 3, 3, 7], 4, 4),
            ([1, 3, 3, 3, 7], 8, 5),
            ([1, 3, 3, 3, 7], 0, 0),
            ([2, 2, 2, 2], 2, 0),
        ]
        for (values, bound, expected) in cases {
            XCTAssertEqual(values.partitionPoint { $0 >= bound }, expected, "\(values) ≥ \(bound)")
            XCTAssertEqual(values.partitionPoint { $0 >= bound }, values.firstIndex { $0 >= bound } ?? values.count)
        }
    }

    func testEveryBoundOfLongRunsMatchesALinearScan() {
        let values = (0..<300).map { $0 / 7 * 2 }
        for bound in -1...90 {
            XCTAssertEqual(values.partitionPoint { $0 > bound }, values.firstIndex { $0 > bound } ?? values.count, "bound \(bound)")
        }
        let slice = values[100..<200]
        XCTAssertEqual(slice.partitionPoint { $0 >= 40 }, slice.firstIndex { $0 >= 40 } ?? slice.endIndex, "a slice keeps its indices")
    }
}
