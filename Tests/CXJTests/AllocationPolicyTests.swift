import Foundation
import XCTest
@testable import CXJ

/// A run over a large file uses one allocator arena (`AllocationPolicy`); many small files
/// keep one arena per thread.
final class AllocationPolicyTests: XCTestCase {
    func testOneArenaOnlyForALargeFileThatIsLowered() {
        let large = AllocationPolicy.largeFileBytes
        for command in ["check", "compile"] {
            XCTAssertFalse(AllocationPolicy.prefersOneArena(command: command, inputSizes: []))
            XCTAssertFalse(AllocationPolicy.prefersOneArena(command: command, inputSizes: Array(repeating: 60_000, count: 1_000)))
            XCTAssertFalse(AllocationPolicy.prefersOneArena(command: command, inputSizes: [large - 1]))
            XCTAssertTrue(AllocationPolicy.prefersOneArena(command: command, inputSizes: [10, large]))
        }
        for command in ["fmt", "lsp", "diff", "doc", "explain", "import", "--version", ""] {
            XCTAssertFalse(AllocationPolicy.prefersOneArena(command: command, inputSizes: [large]), command)
        }
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
