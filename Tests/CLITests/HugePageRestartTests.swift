import Foundation
import XCTest

/// `cxj fmt` over a large file starts itself again with glibc's huge-page tunable
/// (`HugePageHeap`), and `check` and `compile` do not (the huge-page heap cost them 4.5–7.7 MiB
/// of peak memory): watched from outside through `/proc/PID/environ`, which shows the
/// environment of the program the process runs now.
final class HugePageRestartTests: XCTestCase {
    /// A journey of about `bytes` bytes without findings, in the shape of the dense benchmark:
    /// Thai and Chinese labels included.
    static func journey(bytes: Int) -> String {
        var text = """
        persona rider "ผู้โดยสาร"
        channel app "App" { kind digital }
        team ops "运营"
        system ticketing "Ticketing" { owner ops }
        journey commute "Commute" {
          persona rider
          owner ops

        """
        var stage = 0
        while text.utf8.count < bytes {
            text += """
              stage s\(stage) "Leg \(stage)" {
                customer {
                  step a\(stage) "รอรถ \(stage)" { channel app; emotion 1 }
                }
                organization {
                  action b\(stage) "派车 \(stage)" { owner ops; uses ticketing }
                }
                touchpoint a\(stage) <-> b\(stage) { via app; claimed 4; perceived 4 }
              }

            """
            stage += 1
        }
        return text + "}\n"
    }

    struct Watched {
        var status: Int32
        var stdout: Data
        /// Every distinct environment the process was seen with.
        var environments: [[String]]
    }

    /// Runs the binary and reads its environment as often as it can while it runs.
    func watch(_ arguments: [String], environment: [String: String]) throws -> Watched {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "GLIBC_TUNABLES")
        // Huge pages on, whether or not this machine reports free blocks to a hypervisor
        // (`AllocationPolicy.usesHugePages`), unless the test says otherwise.
        env["CXJ_HUGE_PAGES"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("cxj-restart-out-\(getpid())-\(arguments.count)")
        XCTAssertTrue(FileManager.default.createFile(atPath: output.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: output) }
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        var seen: [[String]] = []
        while process.isRunning {
            if let data = FileManager.default.contents(atPath: "/proc/\(process.processIdentifier)/environ"), !data.isEmpty {
                let entries = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
                if seen.last != entries { seen.append(entries) }
            }
            usleep(200)
        }
        process.waitUntilExit()
        return Watched(status: process.terminationStatus, stdout: try Data(contentsOf: output), environments: seen)
    }

    /// Calls `body` with a journey of 4.4 MB and one of 2 KB in a folder of their own.
    func withJourneys(_ body: (_ large: URL, _ small: URL) throws -> Void) throws {
        try HugePageRestartTests.withJourneys(largeBytes: 4_400_000, folder: "cxj-restart-\(getpid())-\(name.hashValue)", body)
    }

    /// Calls `body` with a journey of about `largeBytes` and one of 2 KB in `folder`, a folder
    /// of their own in the temporary directory.
    static func withJourneys(largeBytes: Int, folder: String, _ body: (_ large: URL, _ small: URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(folder)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let large = directory.appendingPathComponent("large.cxj")
        try Data(HugePageRestartTests.journey(bytes: largeBytes).utf8).write(to: large)
        let small = directory.appendingPathComponent("small.cxj")
        try Data(HugePageRestartTests.journey(bytes: 2_000).utf8).write(to: small)
        try body(large, small)
    }

    /// Variables that are not UTF-8 reach the restarted process byte for byte.
    func testTheRestartKeepsVariablesThatAreNotText() throws {
        #if !os(Linux)
        throw XCTSkip("/proc is Linux's")
        #else
        try withJourneys { large, _ in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            // \377 and \376 are no UTF-8; `exec` keeps the shell's process for cxj.
            process.arguments = ["-c", "CXJ_RAW=$(printf 'a\\377\\376b'); export CXJ_RAW; exec \"$0\" fmt --stdout \"$1\"",
                                 CLI.binary.path, large.path]
            var environment = ProcessInfo.processInfo.environment
            environment.removeValue(forKey: "GLIBC_TUNABLES")
            environment["CXJ_HUGE_PAGES"] = "1"
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            var restartedWithRawBytes = false
            let raw = Data("CXJ_RAW=a".utf8) + Data([0xFF, 0xFE]) + Data("b".utf8)
            while process.isRunning && !restartedWithRawBytes {
                if let data = FileManager.default.contents(atPath: "/proc/\(process.processIdentifier)/environ") {
                    let entries = data.split(separator: 0).map { Data($0) }
                    restartedWithRawBytes = entries.contains(Data("GLIBC_TUNABLES=glibc.malloc.hugetlb=1".utf8)) && entries.contains(raw)
                }
                usleep(200)
            }
            process.waitUntilExit()
            XCTAssertTrue(restartedWithRawBytes)
            XCTAssertEqual(process.terminationStatus, 0)
        }
        #endif
    }

    func testALargeFormatRestartsOnceWithTheTunableAndPrintsTheSame() throws {
        #if !os(Linux)
        throw XCTSkip("/proc is Linux's")
        #else
        try withJourneys { large, small in
            let tunable = "GLIBC_TUNABLES=glibc.malloc.hugetlb=1"

            // Large: the process is seen with the tunable added, other variables kept, and it gets
            // there only once. (Where GLIBC_TUNABLES held other tunables, glibc rewrites the
            // variable in place as it reads it, so /proc shows no change: `HugePageHeapTests`
            // cover that environment.)
            let restarted = try watch(["fmt", "--stdout", large.path], environment: ["CXJ_PROBE": "สวัสดี"])
            XCTAssertEqual(restarted.status, 0)
            XCTAssertGreaterThan(restarted.stdout.count, 4_000_000)
            let withTunable = restarted.environments.filter { $0.contains(tunable) }
            XCTAssertFalse(withTunable.isEmpty, "never seen restarted: \(restarted.environments.map { $0.filter { $0.hasPrefix("GLIBC") } })")
            XCTAssertTrue(withTunable.allSatisfy { $0.contains("CXJ_PROBE=สวัสดี") })
            XCTAssertTrue(restarted.environments.allSatisfy { $0.filter { $0.hasPrefix("GLIBC_TUNABLES=") }.count <= 1 })

            // Turned off: the same output, and never restarted.
            let plain = try watch(["fmt", "--stdout", large.path], environment: ["GLIBC_TUNABLES": "glibc.malloc.hugetlb=0"])
            XCTAssertEqual(plain.status, 0)
            XCTAssertEqual(plain.stdout, restarted.stdout)
            XCTAssertFalse(plain.environments.contains { $0.contains(tunable) })

            // Huge pages off (as where free blocks are reported to a hypervisor): the same
            // output, never restarted.
            let off = try watch(["fmt", "--stdout", large.path], environment: ["CXJ_HUGE_PAGES": "0"])
            XCTAssertEqual(off.status, 0)
            XCTAssertEqual(off.stdout, restarted.stdout)
            XCTAssertFalse(off.environments.contains { $0.contains(tunable) })

            // Check and compile a large file as they were started, with the same output as with
            // the tunable given by hand.
            for arguments in [["check", "--diagnostics", "short", large.path], ["compile", large.path, "--to", "json"]] {
                let run = try watch(arguments, environment: [:])
                XCTAssertEqual(run.status, 0, "\(arguments)")
                XCTAssertFalse(run.environments.contains { $0.contains(tunable) }, "\(arguments)")
                XCTAssertEqual(run.stdout, try watch(arguments, environment: ["GLIBC_TUNABLES": "glibc.malloc.hugetlb=1"]).stdout)
            }

            // A small file is never restarted.
            for arguments in [["check", small.path], ["compile", small.path, "--to", "json"], ["fmt", "--stdout", small.path]] {
                let run = try watch(arguments, environment: [:])
                XCTAssertFalse(run.environments.contains { $0.contains(tunable) }, "\(arguments)")
            }
        }
        #endif
    }
}
