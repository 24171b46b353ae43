import Foundation
import XCTest

/// `cxj compile --to mermaid` and `cxj import mermaid` end to end.
final class MermaidCommandTests: XCTestCase {
    private let diagram = """
    journey
      title Dinner
      section Eat
        Waits for the food: 1: Guest
        Cooks: 3: Kitchen

    """

    func testImportWritesACheckableFileAndCheckShowsTheGaps() throws {
        let directory = try CLI.write(["dinner.mmd": diagram])
        let imported = try CLI.run(["import", "mermaid", "dinner.mmd", "-o", "dinner.cxj"], directory: directory)
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertEqual(imported.stderr, "")
        let check = try CLI.run(["check", "dinner.cxj", "--diagnostics", "short"], directory: directory)
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertTrue(check.stderr.contains("warning[CXJ201]") && check.stderr.contains("warning[CXJ202]"), check.stderr)
        let formatted = try CLI.run(["fmt", "--check", "dinner.cxj"], directory: directory)
        XCTAssertEqual(formatted.status, 0, "the import is formatted")
    }

    func testImportFromStandardInputAndErrors() throws {
        let stdin = try CLI.run(["import", "mermaid", "-"], input: diagram)
        XCTAssertEqual(stdin.status, 0, stdin.stderr)
        XCTAssertTrue(stdin.stdout.contains("step waits-for-the-food \"Waits for the food\" { emotion -2 }"), stdin.stdout)

        let broken = try CLI.run(["import", "mermaid", "-", "--diagnostics", "short"], input: "journey\n  section A: B\n    Task\n")
        XCTAssertEqual(broken.status, 1)
        XCTAssertEqual(broken.stdout, "")
        XCTAssertTrue(broken.stderr.hasPrefix("<stdin>:2:12: error[CXJ302]: Mermaid rejects `:` in a section title\n"), broken.stderr)

        let usage = try CLI.run(["import", "plantuml", "x"])
        XCTAssertEqual(usage.status, 2)
        XCTAssertEqual(try CLI.run(["import", "mermaid", "missing.mmd"]).status, 2)
        XCTAssertEqual(try CLI.run(["explain", "mermaid-syntax"]).status, 0)
    }

    func testCompileToMermaid() throws {
        let directory = try CLI.write(["a/one.cxj": CLI.sampleJourney, "a/b/two.cxj": CLI.sampleJourney])
        let run = try CLI.run(["compile", "a/one.cxj", "--to", "mermaid"], directory: directory)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "journey\n  title J\n  section S\n    %% cxj: no emotion\n    A: 3: Customer, Care\n")
        let many = try CLI.run(["compile", "a", "--to", "mermaid", "-o", "out"], directory: directory)
        XCTAssertEqual(many.status, 0, many.stderr)
        let written = FileManager.default.enumerator(atPath: directory.appendingPathComponent("out").path)!
            .compactMap { $0 as? String }.sorted()
        XCTAssertEqual(written, ["b", "b/two.mmd", "one.mmd"])
    }
}
