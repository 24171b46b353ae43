import Foundation
import XCTest

/// A large journey's outputs are written in blocks on two threads (its stages, touchpoints,
/// emotion curve and diagram rows); under `taskset -c 0` the process has one core and writes
/// them one after another. The bytes must be the same.
final class BlockOutputCommandTests: XCTestCase {
    func testALargeJourneyCompilesToTheSameBytesOnOneCore() throws {
        guard let taskset = ["/usr/bin/taskset", "/bin/taskset"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            if ProcessInfo.processInfo.environment["CXJ_REQUIRE_TOOLS"] == "1" { return XCTFail("required tool unavailable: taskset (util-linux)") }
            throw XCTSkip("skipped: taskset is not installed (util-linux)")
        }
        // 1,500 stages: 6,000 steps with emotions, rows of more than one block of nodes.
        var text = "team care \"Care\"\nteam floor \"Floor\"\nchannel app \"App\" { kind digital }\n"
        text += "journey big \"Big\" {\n  owner care\n"
        for stage in 0..<1_500 {
            text += """
              stage s\(stage) "Stage \(stage)" {
                reach \(100_000 - stage * 10)
                customer {
                  step a\(stage) "Opens the app" { channel app; emotion \(stage % 7 - 3) }
                  step b\(stage) "Waits" { emotion -2 }
                  step c\(stage) "Pays" { emotion 1 }
                  step d\(stage) "Leaves" { emotion 0 }
                }
                organization {
                  action x\(stage) "Answers" { owner care; channel app }
                  action y\(stage) "Ships" { owner floor; layer backstage }
                  action z\(stage) "Logs" { layer support }
                }
                touchpoint a\(stage) <-> x\(stage) { via app; claimed 5; perceived 3 }
                touchpoint b\(stage), c\(stage) <-> y\(stage), x\(stage)
                touchpoint d\(stage) <-> z\(stage)
              }

            """
        }
        text += "}\n"
        let directory = try CLI.write(["big.cxj": text])
        for arguments in [["--to", "json"], ["--to", "dot"], ["--to", "dot", "--layout", "wide"]] {
            let command = ["compile", "big.cxj"] + arguments
            let twoCores = try CLI.run(command, directory: directory)
            let oneCore = try CLI.run(["-c", "0", CLI.binary.path] + command, directory: directory, executable: taskset)
            XCTAssertEqual(twoCores.status, 0, twoCores.stderr)
            XCTAssertEqual(oneCore.status, 0, oneCore.stderr)
            XCTAssertGreaterThan(twoCores.stdout.utf8.count, 1_000_000)
            XCTAssertTrue(twoCores.stdout == oneCore.stdout, "`cxj \(command.joined(separator: " "))` differs on one core")
            if arguments == ["--to", "dot"] { try assertCustomerRow(twoCores.stdout) }
        }
    }

    /// The tall layout's customer row names every step in order, and its chain names them
    /// backwards, across blocks.
    private func assertCustomerRow(_ dot: String) throws {
        let steps = (0..<1_500).flatMap { stage in ["a", "b", "c", "d"].map { "step_\($0)\(stage)" } }
        let lines = dot.split(separator: "\n").map(String.init)
        let row = try XCTUnwrap(lines.first { $0.hasPrefix("  { rank=same; lane_customer;") })
        XCTAssertEqual(row, "  { rank=same; " + (["lane_customer"] + steps).map { $0 + ";" }.joined(separator: " ") + " }")
        let chain = try XCTUnwrap(lines.first { $0.hasSuffix("-> lane_customer [style=invis];") })
        XCTAssertEqual(chain, "  " + (steps.reversed() + ["lane_customer"]).joined(separator: " -> ") + " [style=invis];")
    }
}
