import XCTest
@testable import CXJ

/// The thread that waits for room backs the next huge page past each array the lowering
/// thread fills, once that thread is near it, never past what the array is expected to hold.
final class PopulateAheadTests: XCTestCase {
    private let huge = HugePages.hugePageBytes

    func testNothingUntilTheEndIsNearTheNextHugePage() {
        let room = PopulateAhead()
        let start = 64 * huge
        room.publish([.init(start: start, used: start + 1000, end: start + 4 * huge)])
        XCTAssertNil(room.nextRange(), "a huge page away from the boundary")
        room.publish([.init(start: start, used: start + huge - PopulateAhead.lead, end: start + 4 * huge)])
        XCTAssertEqual(room.nextRange(), start + huge..<start + 2 * huge, "the next huge page, whole")
        XCTAssertNil(room.nextRange(), "backed once")
        room.publish([.init(start: start, used: start + 2 * huge - 100, end: start + 4 * huge)])
        XCTAssertEqual(room.nextRange(), start + 2 * huge..<start + 3 * huge)
    }

    /// Where huge pages are off, 256 KiB of small pages at a time, the next chunk once the
    /// array's end is within the lead of it, never past the expected end.
    func testSmallPagesAreBackedAChunkAtATime() {
        let chunk = 256 << 10
        let room = PopulateAhead(chunk: chunk)
        XCTAssertEqual(room.chunk, chunk)
        let start = 64 * huge
        room.publish([.init(start: start, used: start + 1000, end: start + 4 * chunk)])
        XCTAssertEqual(room.nextRange(), start + chunk..<start + 2 * chunk)
        XCTAssertNil(room.nextRange(), "backed once")
        room.publish([.init(start: start, used: start + chunk + 8, end: start + 4 * chunk)])
        XCTAssertEqual(room.nextRange(), start + 2 * chunk..<start + 3 * chunk)
        room.publish([.init(start: start, used: start + 3 * chunk - 8, end: start + 4 * chunk - 1)])
        XCTAssertNil(room.nextRange(), "the last chunk is not wholly expected to be filled")
    }

    func testNeverPastTheExpectedEndAndEachRegionInTurn() {
        let room = PopulateAhead()
        let first = 64 * huge
        let second = 96 * huge
        room.publish([.init(start: first, used: first + huge - 10, end: first + 2 * huge - 4096),
                      .none,
                      .init(start: second, used: second + huge - 10, end: second + 3 * huge)])
        XCTAssertEqual(room.nextRange(), second + huge..<second + 2 * huge,
                       "not a huge page the first array is not expected to fill; an empty region is skipped")
        XCTAssertNil(room.nextRange())
        // The first array moved (it outgrew its capacity): it starts over at its new place.
        let moved = 128 * huge
        room.publish([.init(start: moved, used: moved + huge - 10, end: moved + 2 * huge),
                      .none,
                      .init(start: second, used: second + huge - 10, end: second + 3 * huge)])
        XCTAssertEqual(room.nextRange(), moved + huge..<moved + 2 * huge)
        XCTAssertNil(room.nextRange())
    }

    func testAnArraysRegionLeavesOutTheEstimatesMargin() {
        var array = [Int64](repeating: 7, count: 100)
        array.reserveCapacity(1100)
        let region = PopulateAhead.Region.of(array)
        XCTAssertEqual(region.used - region.start, 100 * 8)
        XCTAssertEqual(region.end - region.start, array.capacity * 10 / 11 * 8)
        let empty = PopulateAhead.Region.of([Int64]())
        XCTAssertEqual(empty.end, empty.used, "an empty array: nothing to back")
        let full = [Int64](repeating: 1, count: 50)
        XCTAssertEqual(PopulateAhead.Region.of(full).end, PopulateAhead.Region.of(full).used, "never short of what it holds")
    }

    /// Backing a range changes no byte of it, whether written already or not.
    func testBackingChangesNoByte() {
        var array = [UInt8](repeating: 0xA5, count: 3 * huge)
        array.reserveCapacity(5 * huge)
        let room = PopulateAhead()
        var region = PopulateAhead.Region.of(array)
        region.used = HugePages.roundedUp(region.start + huge) - 100
        region.end = region.start + 5 * huge
        room.publish([region])
        var backed = 0
        while room.populateNext() { backed += 1 }
        XCTAssertEqual(backed, 1)
        XCTAssertTrue(array.allSatisfy { $0 == 0xA5 })
        array.append(contentsOf: [UInt8](repeating: 0x5A, count: huge))
        XCTAssertTrue(array[(3 * huge)...].allSatisfy { $0 == 0x5A })
    }
}
