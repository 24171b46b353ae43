import Foundation
import XCTest
@testable import CXJ

/// A run over a large file uses one allocator arena (`AllocationPolicy`); many small files
/// keep one arena per thread.
final class AllocationPolicyTests: XCTestCase {
    /// One arena for a file of 64 KiB or more that is lowered (`check`, `compile`); the
    /// huge-page restart (`HugePageHeap`) for a large file (4 MiB or more) that is formatted
    /// (not checked: a huge-page heap made the peak memory of a large `check` or `compile`
    /// 4.5–7.7 MiB higher); neither for small files. Padded heaps are advised for huge pages
    /// only when no file is taken a part at a time.
    func testOneArenaAndHugePagesOnlyForALargeFile() {
        let parted = AllocationPolicy.partedFileBytes
        let large = AllocationPolicy.largeFileBytes
        XCTAssertLessThan(parted, large)
        let commands: [(command: String, oneArena: Bool, hugePages: Bool, pad: Bool)] = [
            ("check", true, false, true), ("compile", true, false, true), ("fmt", false, true, true),
            ("lsp", false, false, false), ("diff", false, false, true), ("doc", false, false, true),
            ("explain", false, false, false), ("import", false, false, false), ("--version", false, false, false),
            ("", false, false, false), ("--to", false, false, false),
        ]
        let smallRuns: [[Int]] = [[], Array(repeating: 60_000, count: 1_000), [parted - 1]]
        for (command, oneArena, hugePages, pad) in commands {
            for sizes in smallRuns {
                XCTAssertFalse(AllocationPolicy.prefersOneArena(command: command, inputSizes: sizes), command)
                XCTAssertFalse(HugePageHeap.isWorthwhile(command: command, inputSizes: sizes), command)
                XCTAssertEqual(AllocationPolicy.padsHeaps(command: command, inputSizes: sizes), pad, command)
                XCTAssertTrue(AllocationPolicy.advisesHugePages(inputSizes: sizes, namesDirectory: true))
            }
            // A file taken a part at a time: one arena and no pad where it is lowered; a pad
            // without huge pages where it is not.
            for sizes in [[10, parted], [large - 1]] {
                XCTAssertEqual(AllocationPolicy.prefersOneArena(command: command, inputSizes: sizes), oneArena, command)
                XCTAssertFalse(HugePageHeap.isWorthwhile(command: command, inputSizes: sizes), command)
                XCTAssertEqual(AllocationPolicy.padsHeaps(command: command, inputSizes: sizes), pad && !oneArena, command)
                XCTAssertFalse(AllocationPolicy.advisesHugePages(inputSizes: sizes, namesDirectory: true))
            }
            XCTAssertEqual(AllocationPolicy.prefersOneArena(command: command, inputSizes: [10, large]), oneArena, command)
            XCTAssertEqual(HugePageHeap.isWorthwhile(command: command, inputSizes: [10, large]), hugePages, command)
            // A large file is never padded: the pad raised its peak memory by 10-12 MB.
            XCTAssertFalse(AllocationPolicy.padsHeaps(command: command, inputSizes: [10, large]), command)
        }
        // The thresholds that follow the part-at-a-time size.
        XCTAssertEqual(FileSystemProvider.mappedFileBytes, parted)
        XCTAssertEqual(Parser.checkedHoleBytes, parted)
        XCTAssertEqual(Formatter.holedLayoutBytes, AllocationPolicy.holedLayoutBytes)
        XCTAssertLessThanOrEqual(parted, AllocationPolicy.holedLayoutBytes)
        // What helpers free is handed back unless the run goes on to emit output.
        for (command, releases) in [("check", true), ("lsp", true), ("fmt", true), ("compile", false), ("diff", false),
                                    ("doc", false)] {
            XCTAssertEqual(AllocationPolicy.releasesJoinedMemory(command: command), releases, command)
        }
    }

    /// `mallopt` (called through `CXJSystem`) takes the pad and the trim threshold that
    /// `useOneArena` sets (it returns 1). (The pad's effect, on `mprotect` and `brk` calls, was
    /// measured with `strace`, and the threshold's on page faults with `perf stat`; see README,
    /// Performance.)
    func testTheCLibraryTakesThePad() {
        #if canImport(Glibc)
        XCTAssertTrue(AllocationPolicy.setMallocOption(-2, Int32(AllocationPolicy.heapPadBytes)))
        XCTAssertTrue(AllocationPolicy.setMallocOption(-1, 1 << 30))
        XCTAssertTrue(AllocationPolicy.setMallocOption(-1, 128 << 10), "glibc's default again")
        #endif
    }

    /// A padded run advises each worker thread's heap, and the main heap's new room, for huge
    /// pages: the kernel then lists `hg` among those mappings' flags. Checked in a fresh process
    /// (this test bundle started again for this test alone): a test process that has made many
    /// threads has glibc share its arenas, the main one included, and its heap may have more
    /// free room than the advice grows past, while `cxj` has a handful of threads.
    func testPaddedHeapsAreAdvisedForHugePages() throws {
        #if os(Linux)
        guard FileManager.default.fileExists(atPath: "/sys/kernel/mm/transparent_hugepage/enabled") else {
            throw XCTSkip("this kernel offers no transparent huge pages")
        }
        if ProcessInfo.processInfo.environment["CXJ_HEAP_ADVICE_CHILD"] == "1" {
            try checkHeapAdvice()
            return
        }
        try TestSupport.runInChild("CXJTests.AllocationPolicyTests/testPaddedHeapsAreAdvisedForHugePages",
                                   setting: "CXJ_HEAP_ADVICE_CHILD")
        #endif
    }

    /// The checks themselves, in a process that has just started.
    private func checkHeapAdvice() throws {
        AllocationPolicy.padHeaps()
        XCTAssertTrue(HeapAdvice.isOn)
        let room = try XCTUnwrap(HeapAdvice.mainHeapRoom, "the main heap was not grown")
        // Blocks allocated by the tasks of a parallel map, wherever they ran; those above the
        // main heap's end came from a worker thread's heap. A task waits a little so that the
        // worker takes some.
        // 5,000 bytes: past glibc's per-thread cache (1 KiB), which may hold a small block
        // another thread allocated, so that a block comes from the thread's own heap.
        let addresses = Parallel.map(Array(0..<512)) { _ -> Int in
            let block = malloc(5_000)!
            defer { free(block) }
            usleep(50)
            return Int(bitPattern: block)
        }
        let advised = try Self.hugePageMappings()
        let heapEnd = Int(bitPattern: sbrk(0))
        let workerBlocks = addresses.filter { $0 > heapEnd }
        if Parallel.hasSeveralCores { XCTAssertFalse(workerBlocks.isEmpty, "no task ran on a worker thread") }
        let unadvised = workerBlocks.filter { address in !advised.contains { $0.contains(address) } }
        XCTAssertEqual(unadvised.count, 0, "blocks of a worker's heap that is not advised, at \(unadvised.prefix(3))")
        XCTAssertTrue(advised.contains { $0.overlaps(room) && $0.count >= 2 << 20 }, "the main heap's room is not advised")
        // What precedes the first 2 MiB boundary of an advised heap is backed at once, not a
        // small page at a time: a worker heap's first 2 MiB, the main room's start.
        for heap in Set(workerBlocks.map { $0 & ~(HeapAdvice.threadHeapSpan - 1) }) {
            let extent = heap..<heap + HugePages.hugePageBytes
            XCTAssertEqual(Self.residentPages(extent), extent.count / Int(getpagesize()), "a worker heap's first 2 MiB")
        }
        let start = room.lowerBound..<min(room.upperBound, HugePages.roundedUp(room.lowerBound))
        XCTAssertEqual(Self.residentPages(start), start.count / Int(getpagesize()), "the main room's first pages")
    }

    /// How many pages of a page-aligned region are resident (`mincore`).
    private static func residentPages(_ region: Range<Int>) -> Int {
        let pages = region.count / Int(getpagesize())
        var resident = [UInt8](repeating: 0, count: pages)
        guard mincore(UnsafeMutableRawPointer(bitPattern: region.lowerBound), region.count, &resident) == 0 else { return -1 }
        return resident.filter { $0 & 1 != 0 }.count
    }

    /// The address ranges that `/proc/self/smaps` marks as advised for huge pages (`hg`).
    private static func hugePageMappings() throws -> [Range<Int>] {
        // Read to the end: `/proc` files say they are empty, and `FileManager.contents` stops
        // after one read (4 KB of a test process's 300 KB).
        let handle = try XCTUnwrap(FileHandle(forReadingAtPath: "/proc/self/smaps"))
        defer { try? handle.close() }
        let text = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
        var ranges: [Range<Int>] = []
        var current: Range<Int>? = nil
        for line in text.split(separator: "\n") {
            if let dash = line.firstIndex(of: "-"), let space = line.firstIndex(of: " "), dash < space,
               let low = Int(line[..<dash], radix: 16), let high = Int(line[line.index(after: dash)..<space], radix: 16) {
                current = low..<high
            } else if line.hasPrefix("VmFlags:"), let range = current, line.split(separator: " ").contains("hg") {
                ranges.append(range)
            }
        }
        return ranges
    }

    func testSizesAreThoseOfRegularFilesOnly() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cxj-arena-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("big.cxj")
        try Data(count: 12_345).write(to: file)
        let fifo = directory.appendingPathComponent("pipe.cxj")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        let inputs = AllocationPolicy.inputs(["check", "--diagnostics", file.path, directory.path, fifo.path,
                                              directory.appendingPathComponent("missing.cxj").path, "", "a\u{0}b"])
        XCTAssertEqual(inputs, AllocationPolicy.Inputs(sizes: [12_345], namesDirectory: true))
        XCTAssertEqual(AllocationPolicy.inputs(["check", "--diagnostics", file.path, fifo.path, "", "a\u{0}b"]),
                       AllocationPolicy.Inputs(sizes: [12_345], namesDirectory: false))
    }

    /// Heaps are advised for huge pages over a folder, or the project's files (no path named),
    /// or named files of 1 MiB in all; not for a few small files, which the 4 MiB backed at
    /// start only made heavier (3.5 MiB more at the peak of `check` of a 3 KB journey).
    func testHugePageAdviceOnlyForEnoughSmallFiles() {
        let enough = AllocationPolicy.adviceInputBytes
        let parted = AllocationPolicy.partedFileBytes
        XCTAssertLessThan(parted, enough)
        let cases: [(sizes: [Int], namesDirectory: Bool, advises: Bool)] = [
            ([], false, true), ([], true, true), ([3_000], true, true),
            ([3_000], false, false), ([parted - 1, parted - 1], false, false),
            (Array(repeating: enough / 32, count: 32), false, true),
            (Array(repeating: enough / 32, count: 31), false, false),
            ([parted], true, false), ([parted], false, false),
        ]
        for (sizes, namesDirectory, advises) in cases {
            XCTAssertEqual(AllocationPolicy.advisesHugePages(inputSizes: sizes, namesDirectory: namesDirectory), advises,
                           "\(sizes.count) files, \(sizes.reduce(0, +)) bytes, folder: \(namesDirectory)")
        }
    }
}
