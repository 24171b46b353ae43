#if canImport(Glibc)
import Glibc
#endif
import XCTest
@testable import CXJ

/// `appendReleasing` appends exactly what `append(contentsOf:)` does, empties its source, never
/// touches an array that something else shares, and hands back the pages it copied.
final class ReleasingAppendTests: XCTestCase {
    private struct Record: Equatable {
        var a: Int32
        var b: Double
        var c: Range<Int32>
    }

    private func records(_ count: Int, seed: Int32) -> [Record] {
        (0..<count).map { Record(a: seed &+ Int32($0), b: Double($0) * 0.5, c: Int32($0)..<Int32($0) + 3) }
    }

    func testAppendsLikeAppendContentsOf() {
        let chunk = ReleasedMemory.chunkBytes / MemoryLayout<Record>.stride
        for (existing, added) in [(0, 0), (3, 0), (0, 5), (10, chunk - 1), (10, chunk), (7, chunk + 1), (1, 3 * chunk + 17), (0, 5 * chunk)] {
            var destination = records(existing, seed: 1_000_000)
            var source = records(added, seed: 0)
            var expected = destination
            expected.append(contentsOf: source)
            destination.appendReleasing(&source)
            XCTAssertEqual(destination, expected, "\(existing) + \(added)")
            XCTAssertTrue(source.isEmpty)
        }
    }

    /// Elements that hold references are appended as usual, not released.
    func testElementsWithReferencesAreAppendedAsUsual() {
        var destination = ["a"]
        var source = (0..<300_000).map { "name-\($0)" }
        let expected = destination + source
        destination.appendReleasing(&source)
        XCTAssertEqual(destination, expected)
        XCTAssertTrue(source.isEmpty)
    }

    /// A source that another variable shares is copied first: the other variable keeps every
    /// element.
    func testASharedSourceIsLeftIntact() {
        let count = 4 * ReleasedMemory.chunkBytes / MemoryLayout<Record>.stride
        var source = records(count, seed: 7)
        let kept = source
        var destination: [Record] = []
        destination.appendReleasing(&source)
        XCTAssertEqual(destination.count, count)
        XCTAssertEqual(kept, records(count, seed: 7))
        XCTAssertEqual(destination, kept)
    }

    /// Released pages leave memory (mincore) and read as zeros; the partial pages at either end
    /// are kept.
    func testReleaseDropsOnlyWholePages() throws {
        #if os(Linux)
        let page = ReleasedMemory.pageSize
        let length = 16 * page
        let region = try XCTUnwrap(mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
        XCTAssertNotEqual(region, MAP_FAILED)
        defer { munmap(region, length) }
        let bytes = region.assumingMemoryBound(to: UInt8.self)
        for index in 0..<length { bytes[index] = 0xAB }
        // From the middle of page 1 to the middle of page 9: pages 2 to 8 go.
        let next = ReleasedMemory.release(from: region + page + 100, upTo: region + 9 * page + 50)
        XCTAssertEqual(next, region + 9 * page)
        var resident = [UInt8](repeating: 0, count: 16)
        XCTAssertEqual(mincore(region, length, &resident), 0)
        for index in 0..<16 {
            let released = (2...8).contains(index)
            XCTAssertEqual(resident[index] & 1 == 0, released, "page \(index)")
            XCTAssertEqual(bytes[index * page + 7], released ? 0 : 0xAB, "page \(index)")
        }
        XCTAssertEqual(bytes[page + 99], 0xAB)
        XCTAssertEqual(bytes[9 * page + 49], 0xAB)
        // Less than a page: nothing is released and the start stays.
        XCTAssertEqual(ReleasedMemory.release(from: region + 10 * page + 1, upTo: region + 11 * page + 10), region + 10 * page + 1)
        XCTAssertEqual(bytes[10 * page + 1], 0xAB)
        #endif
    }
}
