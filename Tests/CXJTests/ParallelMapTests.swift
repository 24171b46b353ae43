import Synchronization
import XCTest
@testable import CXJ

/// `Parallel.map` gives results in input order and hands each over once: moved out of its
/// buffer, neither leaked nor released twice.
final class ParallelMapTests: XCTestCase {
    private final class Payload: Sendable {
        static let alive = Atomic<Int>(0)
        let value: Int
        let names: [String]

        init(_ value: Int) {
            self.value = value
            names = ["n\(value)"]
            Payload.alive.add(1, ordering: .relaxed)
        }

        deinit { Payload.alive.subtract(1, ordering: .relaxed) }
    }

    func testResultsComeInOrderAndEachIsReleasedOnce() {
        let before = Payload.alive.load(ordering: .relaxed)
        do {
            let results = Parallel.map(Array(0..<1_000)) { Payload($0) }
            XCTAssertEqual(results.map { $0.value }, Array(0..<1_000))
            XCTAssertEqual(results.map { $0.names[0] }, (0..<1_000).map { "n\($0)" })
            XCTAssertEqual(Payload.alive.load(ordering: .relaxed) - before, 1_000)
        }
        XCTAssertEqual(Payload.alive.load(ordering: .relaxed), before, "every result released once")
        XCTAssertEqual(Parallel.map([Int]()) { $0 }, [])
        XCTAssertEqual(Parallel.map([7]) { $0 * 2 }, [14])
    }

    /// `mapPairs` does the same for work with two results, each kind in its own array.
    func testPairsComeApartInOrderAndEachIsReleasedOnce() {
        let before = Payload.alive.load(ordering: .relaxed)
        do {
            let (firsts, seconds) = Parallel.mapPairs(Array(0..<1_000)) { (Payload($0), Payload(-$0)) }
            XCTAssertEqual(firsts.map { $0.value }, Array(0..<1_000))
            XCTAssertEqual(seconds.map { $0.value }, (0..<1_000).map { -$0 })
            XCTAssertEqual(Payload.alive.load(ordering: .relaxed) - before, 2_000)
        }
        XCTAssertEqual(Payload.alive.load(ordering: .relaxed), before, "every result released once")
        let (none, alsoNone) = Parallel.mapPairs([Int]()) { ($0, "\($0)") }
        XCTAssertEqual(none, [])
        XCTAssertEqual(alsoNone, [])
        let (one, word) = Parallel.mapPairs([7]) { ($0 * 2, "\($0)") }
        XCTAssertEqual(one, [14])
        XCTAssertEqual(word, ["7"])
    }
}
