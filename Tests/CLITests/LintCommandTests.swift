import Foundation
import XCTest

/// The CI-facing command line: machine-readable diagnostics on stdout, `explain`, `rules`,
/// and project configuration in `cxj.json`.
final class LintCommandTests: XCTestCase {
    private let warning = CLI.journeyWithGap

    func testMachineFormatsGoToStandardOutput() throws {
        let directory = try CLI.write(["w.cxj": warning])
        let json = try CLI.run(["check", "--diagnostics", "json", "w.cxj"], directory: directory)
        XCTAssertEqual(json.status, 0)
        XCTAssertEqual(json.stderr, "")
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        XCTAssertEqual((document["diagnostics"] as! [[String: Any]]).first?["code"] as? String, "CXJ204")

        let sarif = try CLI.run(["check", "--diagnostics", "sarif", "w.cxj"], directory: directory)
        XCTAssertEqual(sarif.status, 0)
        XCTAssertTrue(sarif.stdout.contains("\"uri\": \"w.cxj\""))

        let github = try CLI.run(["check", "--diagnostics", "github", "--deny-warnings", "w.cxj"], directory: directory)
        XCTAssertEqual(github.status, 1)
        XCTAssertEqual(github.stdout,
                       "::warning file=w.cxj,line=11,col=5,endLine=11,endColumn=15,title=CXJ204 delivery-gap::delivery gap of 2 at touchpoint `a <-> x`%0Ahelp: close the gap, or record the plan as an `opportunity` that addresses the paired step\n")
    }

    func testExplainEveryCode() throws {
        for code in (1...6).map({ "CXJ00\($0)" }) + (101...111).map({ "CXJ\($0)" }) + (201...215).map({ "CXJ\($0)" }) {
            let run = try CLI.run(["explain", code])
            XCTAssertEqual(run.status, 0, code)
            XCTAssertTrue(run.stdout.hasPrefix(code + " "), code)
            XCTAssertTrue(run.stdout.contains("Failing example"), code)
        }
        let byName = try CLI.run(["explain", "delivery-gap"])
        XCTAssertTrue(byName.stdout.hasPrefix("CXJ204 delivery-gap: "))
        let unknown = try CLI.run(["explain", "delivery-gaps"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("error: unknown code or rule `delivery-gaps`"))
        XCTAssertTrue(unknown.stderr.contains("`CXJ204` (delivery-gap)"))
    }

    func testRules() throws {
        let text = try CLI.run(["rules"])
        XCTAssertEqual(text.status, 0)
        XCTAssertTrue(text.stdout.contains("CXJ204  delivery-gap"))
        let json = try CLI.run(["rules", "--format", "json"])
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        XCTAssertEqual((document["rules"] as! [Any]).count, 37)
        XCTAssertEqual(try CLI.run(["rules", "--format", "yaml"]).status, 2)
    }

    func testProjectConfiguration() throws {
        let directory = try CLI.write([
            "cxj.json": "{\"rules\": {\"delivery-gap\": \"error\"}, \"exclude\": [\"drafts/**\"]}",
            "journeys/w.cxj": warning,
            "drafts/broken.cxj": "team care\n",
        ])
        let run = try CLI.run(["check", "--diagnostics", "short", "."], directory: directory)
        XCTAssertEqual(run.status, 1, "the configuration raises delivery-gap to an error; the draft is excluded")
        XCTAssertEqual(run.stderr, "journeys/w.cxj:11:5: error[CXJ204]: delivery gap of 2 at touchpoint `a <-> x`\n")
        let overridden = try CLI.run(["check", "--diagnostics", "short", "--warn", "delivery-gap", "."], directory: directory)
        XCTAssertEqual(overridden.status, 0, "the command line wins over cxj.json")
        let named = try CLI.run(["check", "--diagnostics", "short", "drafts/broken.cxj"], directory: directory)
        XCTAssertEqual(named.status, 1, "a file named on the command line is checked even if excluded")
        let nested = try CLI.run(["check", "--diagnostics", "short", "w.cxj"], directory: directory.appendingPathComponent("journeys"))
        XCTAssertEqual(nested.status, 1, "the nearest cxj.json is found by walking up")
    }

    func testMaxWarningsFromConfiguration() throws {
        let directory = try CLI.write(["cxj.json": "{\"maxWarnings\": 0}", "w.cxj": warning])
        XCTAssertEqual(try CLI.run(["check", "w.cxj"], directory: directory).status, 1)
        XCTAssertEqual(try CLI.run(["check", "--max-warnings", "5", "w.cxj"], directory: directory).status, 0)
    }

    func testBadConfigurationExitsTwoAndPointsIntoTheFile() throws {
        let directory = try CLI.write(["cxj.json": "{\n  \"rules\": {\n    \"delivery-gaps\": \"error\"\n  }\n}\n", "w.cxj": warning])
        let run = try CLI.run(["check", "w.cxj"], directory: directory)
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.hasPrefix("""
        error: invalid configuration: unknown rule `delivery-gaps`
         --> cxj.json:3:5
          |
        3 |     "delivery-gaps": "error"
          |     ^^^^^^^^^^^^^^^ not a rule
          |
          = help: did you mean `delivery-gap`?
        """), run.stderr)
    }
}
