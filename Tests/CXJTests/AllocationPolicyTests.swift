import Foundation
import XCTest
@testable import CXJ

/// A run over a large file uses one allocator arena (`AllocationPolicy`); many small files
/// keep one arena per thread.
final class AllocationPolicyTests: XCTestCase {
    func testOneArenaOnlyForALargeFile() {
        XCTAssertFalse(AllocationPolicy.prefersOneArena(inputSizes: []))
        XCTAssertFalse(AllocationPolicy.prefersOneArena(inputSizes: Array(repeating: 60_000, count: 1_000)))
        XCTAssertFalse(AllocationPolicy.prefersOneArena(inputSizes: [AllocationPolicy.largeFileBytes - 1]))
        XCTAssertTrue(AllocationPolicy.prefersOneArena(inputSizes: [10, AllocationPolicy.largeFileBytes]))
    }

    func testSizesAreThoseOfRegularFilesOnly() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cxj-arena-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("big.cxj")
        try Data(count: 12_345).write(to: file)
        let fifo = directory.appendingPathComponent("pipe.cxj")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        let sizes = AllocationPolicy.regularFileSizes(["check", "--diagnostics", file.path, directory.path, fifo.path,
                                                       directory.appendingPathComponent("missing.cxj").path, "", "a\u{0}b"])
        XCTAssertEqual(sizes, [12_345])
    }
}
