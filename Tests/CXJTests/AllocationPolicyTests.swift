import Foundation
import XCTest
@testable import CXJ

/// A run over a large file uses one allocator arena (`AllocationPolicy`); many small files
/// keep one arena per thread.
final class AllocationPolicyTests: XCTestCase {
    /// One arena for a large file that is lowered (`check`, `compile`); the huge-page restart
    /// (`HugePageHeap`) for a large file that is parsed (`fmt` too); neither for small files.
    func testOneArenaAndHugePagesOnlyForALargeFile() {
        let large = AllocationPolicy.largeFileBytes
        let commands: [(command: String, oneArena: Bool, hugePages: Bool, pad: Bool)] = [
            ("check", true, true, true), ("compile", true, true, true), ("fmt", false, true, true),
            ("lsp", false, false, false), ("diff", false, false, true), ("doc", false, false, true),
            ("explain", false, false, false), ("import", false, false, false), ("--version", false, false, false),
            ("", false, false, false), ("--to", false, false, false),
        ]
        let smallRuns: [[Int]] = [[], Array(repeating: 60_000, count: 1_000), [large - 1]]
        for (command, oneArena, hugePages, pad) in commands {
            for sizes in smallRuns {
                XCTAssertFalse(AllocationPolicy.prefersOneArena(command: command, inputSizes: sizes), command)
                XCTAssertFalse(HugePageHeap.isWorthwhile(command: command, inputSizes: sizes), command)
                XCTAssertEqual(AllocationPolicy.padsHeaps(command: command, inputSizes: sizes), pad, command)
            }
            XCTAssertEqual(AllocationPolicy.prefersOneArena(command: command, inputSizes: [10, large]), oneArena, command)
            XCTAssertEqual(HugePageHeap.isWorthwhile(command: command, inputSizes: [10, large]), hugePages, command)
            // A large file is never padded: the pad raised its peak memory by 10-12 MB.
            XCTAssertFalse(AllocationPolicy.padsHeaps(command: command, inputSizes: [10, large]), command)
        }
    }

    /// `mallopt` is found at run time and takes the pad (it returns 1). (The pad's effect, on
    /// `mprotect` and `brk` calls, was measured with `strace`; see README, Performance.)
    func testTheCLibraryTakesThePad() {
        #if canImport(Glibc)
        XCTAssertTrue(AllocationPolicy.setMallocOption(-2, Int32(AllocationPolicy.heapPadBytes)))
        #endif
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
