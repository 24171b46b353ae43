import Foundation
import XCTest

/// A `cxj check` over small inputs advises its main heap's padded room for huge pages at
/// start-up (`HeapAdvice`), without starting again; a run with a file of 64 KiB or more, which
/// it takes a part at a time, or with a few small named files, does not. Seen from outside in
/// `/proc/PID/smaps` while the process waits for its standard input.
final class HeapAdviceCommandTests: XCTestCase {
    func testASmallCheckAdvisesItsHeapWithoutRestarting() throws {
        let watched = try watchHeap(["check", "--diagnostics", "short", "-"], untilAdvised: true)
        XCTAssertTrue(watched.advised, "no part of the main heap was advised for huge pages")
        XCTAssertEqual(watched.status, 0)
        // Not by the restart of a large run: the tunable was never added.
        XCTAssertFalse(watched.environment.contains("GLIBC_TUNABLES"))
    }

    /// A huge page is resident whole, and a file taken in parts frees blocks across many: its
    /// run pads its heaps (`fmt`) or takes one arena (`check`), and advises none of them. A small
    /// named file is not advised either: the 4 MiB backed at start only made its run heavier.
    /// A folder of small files is. Looked at once the process is blocked reading its standard
    /// input, after the named inputs (the same watch finds advice where there is).
    func testOnlyARunOverAFolderOfSmallFilesAdvisesItsHeap() throws {
        try HugePageRestartTests.withJourneys(largeBytes: 1_200_000, folder: "cxj-advice-\(getpid())") { mid, small in
            let folder = small.deletingLastPathComponent().appendingPathComponent("small-only")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: small, to: folder.appendingPathComponent("small.cxj"))
            for command in [["fmt", "--check"], ["check", "--diagnostics", "short"]] {
                for (input, advises) in [(mid, false), (small, false), (folder, true)] {
                    let watched = try watchHeap(command + [input.path, "-"], untilAdvised: false)
                    let run = "\(command) \(input.lastPathComponent)"
                    XCTAssertTrue(watched.sawBlockedRead, "\(run): never seen waiting for its standard input")
                    XCTAssertEqual(watched.advised, advises, "\(run): advised for huge pages")
                    XCTAssertFalse(watched.environment.contains("GLIBC_TUNABLES"), "\(run): started again")
                }
            }
        }
    }

    /// With huge pages off (`CXJ_HUGE_PAGES=0`, as where free blocks are reported to a
    /// hypervisor) not even a folder's run is advised, and its output is the same.
    func testNoHeapIsAdvisedWithHugePagesOff() throws {
        try HugePageRestartTests.withJourneys(largeBytes: 1_200_000, folder: "cxj-no-advice-\(getpid())") { _, small in
            let folder = small.deletingLastPathComponent().appendingPathComponent("small-only")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: small, to: folder.appendingPathComponent("small.cxj"))
            let off = try watchHeap(["check", "--diagnostics", "short", folder.path, "-"], untilAdvised: false, hugePages: false)
            XCTAssertTrue(off.sawBlockedRead, "never seen waiting for its standard input")
            XCTAssertFalse(off.advised, "advised for huge pages with CXJ_HUGE_PAGES=0")
            XCTAssertEqual(off.status, 0)
            let on = try watchHeap(["check", "--diagnostics", "short", folder.path, "-"], untilAdvised: false)
            XCTAssertTrue(on.advised, "not advised with CXJ_HUGE_PAGES=1")
        }
    }

    struct WatchedHeap {
        var advised: Bool
        var sawBlockedRead: Bool
        var status: Int32
        var environment: String
    }

    /// Runs cxj with a pipe for standard input and looks at its main heap's flags: as soon as
    /// one is advised (`untilAdvised`), or once some thread of it is blocked reading standard
    /// input. Then writes a small journey to the pipe and waits for the exit.
    private func watchHeap(_ arguments: [String], untilAdvised: Bool, hugePages: Bool = true) throws -> WatchedHeap {
        #if !os(Linux)
        throw XCTSkip("/proc is Linux's")
        #else
        guard FileManager.default.fileExists(atPath: "/sys/kernel/mm/transparent_hugepage/enabled") else {
            throw XCTSkip("this kernel offers no transparent huge pages")
        }
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "GLIBC_TUNABLES")
        // Huge pages on or off as the test says, not as this machine would choose.
        environment["CXJ_HUGE_PAGES"] = hugePages ? "1" : "0"
        process.environment = environment
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let proc = "/proc/\(process.processIdentifier)"
        var watched = WatchedHeap(advised: false, sawBlockedRead: false, status: -1, environment: "")
        // Up to 10 s.
        for _ in 0..<1_000 where process.isRunning {
            usleep(10_000)
            if let environ = FileManager.default.contents(atPath: proc + "/environ") {
                watched.environment = String(decoding: environ, as: UTF8.self)
            }
            // Blocked first, then the heap: what was advised before the read is in smaps now.
            let blocked = Self.isBlockedReadingStandardInput(proc)
            watched.advised = Self.mainHeapIsAdvised(proc)
            if watched.advised && untilAdvised { break }
            if blocked {
                watched.sawBlockedRead = true
                break
            }
        }
        try input.fileHandleForWriting.write(contentsOf: Data(CLI.sampleJourney.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        watched.status = process.terminationStatus
        return watched
        #endif
    }

    /// Whether a thread of the process is in `read` on descriptor 0 (`/proc/PID/task/TID/syscall`
    /// starts with the call's number and its first argument).
    private static func isBlockedReadingStandardInput(_ proc: String) -> Bool {
        #if arch(x86_64)
        let read = "0"
        #elseif arch(arm64)
        let read = "63"
        #else
        return false
        #endif
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: proc + "/task")) ?? []
        return tasks.contains { task in
            guard let handle = FileHandle(forReadingAtPath: "\(proc)/task/\(task)/syscall"),
                  let data = try? handle.readToEnd() else { return false }
            try? handle.close()
            let fields = String(decoding: data, as: UTF8.self).split(separator: " ")
            return fields.count > 1 && fields[0] == read && fields[1] == "0x0"
        }
    }

    /// Whether a `[heap]` mapping of the process has the `hg` flag.
    private static func mainHeapIsAdvised(_ proc: String) -> Bool {
        // Read to the end: `/proc` files say they are empty, and `FileManager.contents` stops
        // after one read.
        guard let handle = FileHandle(forReadingAtPath: proc + "/smaps"), let data = try? handle.readToEnd() else {
            return false
        }
        try? handle.close()
        var inHeap = false
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            if line.first?.isHexDigit == true && line.contains("-") && !line.hasPrefix("VmFlags") {
                inHeap = line.hasSuffix("[heap]")
            } else if inHeap && line.hasPrefix("VmFlags:") && line.split(separator: " ").contains("hg") {
                return true
            }
        }
        return false
    }
}
