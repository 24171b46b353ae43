import Foundation
import XCTest

/// A `cxj check` over small inputs advises its main heap's padded room for huge pages at
/// start-up (`HeapAdvice`), without starting again: seen from outside in `/proc/PID/smaps`
/// while the process waits for its standard input.
final class HeapAdviceCommandTests: XCTestCase {
    func testASmallCheckAdvisesItsHeapWithoutRestarting() throws {
        #if !os(Linux)
        throw XCTSkip("/proc is Linux's")
        #else
        guard FileManager.default.fileExists(atPath: "/sys/kernel/mm/transparent_hugepage/enabled") else {
            throw XCTSkip("this kernel offers no transparent huge pages")
        }
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["check", "--diagnostics", "short", "-"]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "GLIBC_TUNABLES")
        process.environment = environment
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Waits (up to 5 s) for a `[heap]` mapping with the `hg` flag.
        var advised = false
        var environ = Data()
        for _ in 0..<500 where !advised && process.isRunning {
            usleep(10_000)
            environ = FileManager.default.contents(atPath: "/proc/\(process.processIdentifier)/environ") ?? environ
            // Read to the end: `/proc` files say they are empty, and `FileManager.contents`
            // stops after one read.
            guard let handle = FileHandle(forReadingAtPath: "/proc/\(process.processIdentifier)/smaps"),
                  let data = try? handle.readToEnd() else { continue }
            try? handle.close()
            let smaps = String(decoding: data, as: UTF8.self)
            var inHeap = false
            for line in smaps.split(separator: "\n") {
                if line.first?.isHexDigit == true && line.contains("-") && !line.hasPrefix("VmFlags") {
                    inHeap = line.hasSuffix("[heap]")
                } else if inHeap && line.hasPrefix("VmFlags:") && line.split(separator: " ").contains("hg") {
                    advised = true
                }
            }
        }
        try input.fileHandleForWriting.write(contentsOf: Data(CLI.sampleJourney.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        XCTAssertTrue(advised, "no part of the main heap was advised for huge pages")
        XCTAssertEqual(process.terminationStatus, 0)
        // Not by the restart of a large run: the tunable was never added.
        XCTAssertFalse(String(decoding: environ, as: UTF8.self).contains("GLIBC_TUNABLES"))
        #endif
    }
}
