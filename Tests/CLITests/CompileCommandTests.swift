import Foundation
import XCTest

/// `cxj compile` end to end: where output goes, what is written, and exit statuses.
final class CompileCommandTests: XCTestCase {
    private let journey = CLI.sampleJourney

    func testEachFormatGoesToStandardOutput() throws {
        let directory = try CLI.write(["j.cxj": journey])
        let expectations: [(String, String)] = [
            ("dot", "digraph journey_j {"), ("json", "\"format\": \"cxj\""), ("report", "# Gap report: J"), ("text", "Gap report: J"),
        ]
        for (format, start) in expectations {
            let run = try CLI.run(["compile", "j.cxj", "--to", format], directory: directory)
            XCTAssertEqual(run.status, 0, format)
            XCTAssertTrue(run.stdout.contains(start), "\(format): \(run.stdout.prefix(200))")
            XCTAssertEqual(run.stderr, "0 errors, 0 warnings in 1 file\n")
        }
    }

    func testOutputFileAndDirectory() throws {
        let directory = try CLI.write(["a/one.cxj": journey, "a/b/two.cxj": journey, "a/catalogue.cxj": "team t \"T\"\n"])
        XCTAssertEqual(try CLI.run(["compile", "a/one.cxj", "--to", "json", "-o", "out.json"], directory: directory).status, 0)
        let single = try String(contentsOf: directory.appendingPathComponent("out.json"), encoding: .utf8)
        XCTAssertTrue(single.hasPrefix("{\n  \"format\": \"cxj\""))
        let many = try CLI.run(["compile", "a", "--to", "dot", "-o", "diagrams"], directory: directory)
        XCTAssertEqual(many.status, 0, many.stderr)
        let written = FileManager.default.enumerator(atPath: directory.appendingPathComponent("diagrams").path)!
            .compactMap { $0 as? String }.sorted()
        XCTAssertEqual(written, ["b", "b/two.dot", "one.dot"], "one file per input holding a journey, no temporary files")
    }

    func testFilesWithErrorsProduceNothing() throws {
        let directory = try CLI.write(["bad.cxj": journey.replacingOccurrences(of: "owner care", with: "owner nobody"), "good.cxj": journey])
        let single = try CLI.run(["compile", "bad.cxj", "--to", "json", "-o", "bad.json"], directory: directory)
        XCTAssertEqual(single.status, 1)
        XCTAssertTrue(single.stderr.contains("error[CXJ101]: unknown team `nobody`"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("bad.json").path))
        let toStdout = try CLI.run(["compile", "bad.cxj", "--to", "dot"], directory: directory)
        XCTAssertEqual(toStdout.status, 1)
        XCTAssertEqual(toStdout.stdout, "")
        let mixed = try CLI.run(["compile", "bad.cxj", "good.cxj", "--to", "report", "-o", "reports"], directory: directory)
        XCTAssertEqual(mixed.status, 1)
        let written = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("reports").path)
        XCTAssertEqual(written, ["good.md"])
    }

    func testAnExistingFileIsReplacedOnlyOnSuccess() throws {
        let directory = try CLI.write(["j.cxj": journey, "out.dot": "previous"])
        XCTAssertEqual(try CLI.run(["compile", "j.cxj", "--to", "dot", "-o", "out.dot"], directory: directory).status, 0)
        XCTAssertTrue(try String(contentsOf: directory.appendingPathComponent("out.dot"), encoding: .utf8).hasPrefix("digraph"))
        try "team care\n".write(to: directory.appendingPathComponent("j.cxj"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try CLI.run(["compile", "j.cxj", "--to", "dot", "-o", "out.dot"], directory: directory).status, 1)
        XCTAssertTrue(try String(contentsOf: directory.appendingPathComponent("out.dot"), encoding: .utf8).hasPrefix("digraph"))
    }

    func testUsageErrors() throws {
        let directory = try CLI.write(["j.cxj": journey])
        let cases: [([String], String)] = [
            (["compile", "j.cxj"], "needs `--to`"),
            (["compile", "j.cxj", "--to", "svg"], "unknown format `svg` for `--to`"),
            (["compile", "j.cxj", "--to", "jsn"], "did you mean `json`?"),
            (["compile", "--to", "json"], "needs at least one path"),
            (["compile", "j.cxj", "--to", "json", "--diagnostics", "json"], "would both go to standard output"),
            (["compile", "j.cxj", "--to", "dot", "--layout", "diagonal"], "unknown layout `diagonal`"),
        ]
        for (arguments, expected) in cases {
            let run = try CLI.run(arguments, directory: directory)
            XCTAssertEqual(run.status, 2, "\(arguments)")
            XCTAssertTrue(run.stderr.contains(expected), "\(arguments): \(run.stderr)")
        }
    }

    func testIdentifiersAreShownOnlyWithIDs() throws {
        let directory = try CLI.write(["j.cxj": journey])
        let plain = try CLI.run(["compile", "j.cxj", "--to", "dot"], directory: directory)
        let withIDs = try CLI.run(["compile", "j.cxj", "--to", "dot", "--ids"], directory: directory)
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertTrue(plain.stdout.contains("label=<<b>X</b><br/><font point-size=\"8\">Care</font>>"), plain.stdout)
        XCTAssertTrue(withIDs.stdout.contains("label=<<b>X</b><br/><font point-size=\"8\">x · Care</font>>"), withIDs.stdout)
    }

    func testLayoutChoosesTheDirection() throws {
        let directory = try CLI.write(["j.cxj": journey])
        let tall = try CLI.run(["compile", "j.cxj", "--to", "dot"], directory: directory)
        let wide = try CLI.run(["compile", "j.cxj", "--to", "dot", "--layout", "wide"], directory: directory)
        let explicit = try CLI.run(["compile", "j.cxj", "--to", "dot", "--layout", "tall"], directory: directory)
        XCTAssertTrue(tall.stdout.contains("rankdir=LR"), "stages run downwards by default")
        XCTAssertTrue(wide.stdout.contains("rankdir=TB"))
        XCTAssertEqual(tall.stdout, explicit.stdout)
    }
}
