import Foundation
import XCTest

/// `check` and `compile` map a file of 4 MiB or more (`MappedFile`): a file that another process
/// rewrites and truncates under the run is reported as unreadable (exit status 2), and never
/// ends the process with a bus error.
final class MappedInputTests: XCTestCase {
    func testAFileChangedAndTruncatedDuringTheRunIsReportedNotFatal() throws {
        let directory = try CLI.temporaryDirectory("mapped")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("commute.cxj").path
        let bytes = Array(HugePageRestartTests.journey(bytes: 5 << 20).utf8)
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let unchanged = try CLI.run(["check", path])
        XCTAssertEqual(unchanged.status, 0, unchanged.stderr)
        XCTAssertFalse(unchanged.stderr.contains("changed while it was read"))

        // Another process, in effect: cuts the file to just over 4 MiB and writes its tail
        // back, over and over, while cxj runs (a read past the cut is a bus error unguarded).
        let cut = (4 << 20) + 4_096
        let descriptor = open(path, O_WRONLY)
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        defer { close(descriptor) }
        let stop = StopFlag()
        let writer = Thread {
            bytes.withUnsafeBytes { raw in
                while !stop.isSet {
                    _ = ftruncate(descriptor, off_t(cut))
                    _ = pwrite(descriptor, raw.baseAddress! + cut, bytes.count - cut, off_t(cut))
                }
            }
        }
        writer.start()
        defer { stop.set() }
        for arguments in [["check", path], ["check", "--diagnostics", "short", path],
                          ["compile", "--to", "json", "-o", directory.appendingPathComponent("out.json").path, path]] {
            let run = try CLI.run(arguments)
            XCTAssertEqual(run.status, 2, "\(arguments): \(run.stderr.prefix(400))")
            XCTAssertTrue(run.stderr.contains("error: cannot read `\(path)`: it changed while it was read"),
                          "\(arguments): \(run.stderr.prefix(400))")
        }
    }
}

private final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
