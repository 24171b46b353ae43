import Foundation
import XCTest

/// `cxj fmt` end to end.
final class FormatCommandTests: XCTestCase {
    private let messy = "team   care \"Care\"   # owns it\njourney j \"J\" {\nstage s \"S\" { phase respond }\n}\n"
    private let tidy = "team care \"Care\" # owns it\njourney j \"J\" {\n  stage s \"S\" {\n    phase respond\n  }\n}\n"

    private func read(_ directory: URL, _ path: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
    }

    func testRewritesInPlace() throws {
        let directory = try CLI.write(["a/m.cxj": messy, "a/t.cxj": tidy])
        let run = try CLI.run(["fmt", "a"], directory: directory)
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stdout, "")
        XCTAssertEqual(try read(directory, "a/m.cxj"), tidy)
        XCTAssertEqual(try read(directory, "a/t.cxj"), tidy)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("a").path).sorted()
        XCTAssertEqual(leftovers, ["m.cxj", "t.cxj"], "no temporary files are left behind")
    }

    func testCheckListsUnformattedFiles() throws {
        let directory = try CLI.write(["m.cxj": messy, "t.cxj": tidy])
        let run = try CLI.run(["fmt", "--check", "."], directory: directory)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stdout, "m.cxj\n")
        XCTAssertEqual(try read(directory, "m.cxj"), messy, "--check never writes")
        XCTAssertEqual(try CLI.run(["fmt", "--check", "t.cxj"], directory: directory).status, 0)
    }

    func testStandardOutputAndStandardInput() throws {
        let directory = try CLI.write(["m.cxj": messy])
        let run = try CLI.run(["fmt", "--stdout", "m.cxj"], directory: directory)
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stdout, tidy)
        XCTAssertEqual(try read(directory, "m.cxj"), messy)
        let piped = try CLI.run(["fmt", "-"], input: messy)
        XCTAssertEqual(piped.status, 0)
        XCTAssertEqual(piped.stdout, tidy)
    }

    func testDiff() throws {
        let directory = try CLI.write(["m.cxj": messy])
        let run = try CLI.run(["fmt", "--diff", "m.cxj"], directory: directory)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stdout, """
        --- a/m.cxj
        +++ b/m.cxj
        @@ -1,4 +1,6 @@
        -team   care "Care"   # owns it
        +team care "Care" # owns it
         journey j "J" {
        -stage s "S" { phase respond }
        +  stage s "S" {
        +    phase respond
        +  }
         }

        """)
        XCTAssertEqual(try read(directory, "m.cxj"), messy)
    }

    func testSyntaxErrorsLeaveTheFileUntouched() throws {
        let broken = "team   care\nteam   ok \"OK\"\n"
        let directory = try CLI.write(["b.cxj": broken, "m.cxj": messy])
        let run = try CLI.run(["fmt", "b.cxj", "m.cxj"], directory: directory)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("error[CXJ001]: expected a label after `care`"))
        XCTAssertTrue(run.stderr.contains("b.cxj was not formatted: it has syntax errors"))
        XCTAssertEqual(try read(directory, "b.cxj"), broken)
        XCTAssertEqual(try read(directory, "m.cxj"), tidy, "the other file is still formatted")
    }

    func testUsageErrors() throws {
        XCTAssertEqual(try CLI.run(["fmt"]).status, 2)
        XCTAssertEqual(try CLI.run(["fmt", "--check", "--diff", "x.cxj"]).status, 2)
        XCTAssertEqual(try CLI.run(["fmt", "missing.cxj"]).status, 2)
    }

    func testExamplesAreFormatted() throws {
        let run = try CLI.run(["fmt", "--check", "Examples"])
        XCTAssertEqual(run.status, 0, "unformatted: \(run.stdout)")
    }

    /// A file of 64 KiB or more is printed from a layout with a hole, a part at a time: the same
    /// canonical text, by every way of asking for it, at 4.5 MB (parts of 96 KiB) and at 0.2 MB
    /// (parts of 16 KiB; printed whole until the thirty-seventh round).
    func testLargeFileIsPrintedInParts() throws {
        try assertPrintedInParts(bytes: 4_500_000, brokenStage: 30000)
        try assertPrintedInParts(bytes: 200_000, brokenStage: 1500)
    }

    private func assertPrintedInParts(bytes: Int, brokenStage: Int) throws {
        let stage = { (index: Int) in
            "  stage s\(index) \"Stage \(index) 担心\" {\n    customer {\n      step a\(index) \"A\" { emotion 1; channel app }\n    }\n  }\n"
        }
        var tidyLarge = "channel app \"App\" { kind digital }\n# a large journey\njourney big \"Big\" {\n"
        var index = 0
        while tidyLarge.utf8.count < bytes {
            tidyLarge += stage(index) + (index % 50 == 0 ? "\n  # after \(index)\n" : "")
            index += 1
        }
        tidyLarge += "}\n"
        let messyLarge = tidyLarge.replacingOccurrences(of: "{ emotion 1; channel app }", with: "{ emotion 1 ;   channel app }")
            .replacingOccurrences(of: "\n  stage ", with: "\n      stage   ")
        XCTAssertNotEqual(messyLarge, tidyLarge)
        let directory = try CLI.write(["m.cxj": messyLarge, "t.cxj": tidyLarge])
        let printed = try CLI.run(["fmt", "--stdout", "m.cxj"], directory: directory)
        XCTAssertEqual(printed.status, 0, printed.stderr)
        XCTAssertTrue(printed.stdout == tidyLarge, "the large file's canonical text differs")
        XCTAssertEqual(try CLI.run(["fmt", "--check", "t.cxj"], directory: directory).status, 0)
        let check = try CLI.run(["fmt", "--check", "m.cxj"], directory: directory)
        XCTAssertEqual(check.status, 1)
        XCTAssertEqual(check.stdout, "m.cxj\n")
        XCTAssertEqual(try CLI.run(["fmt", "m.cxj"], directory: directory).status, 0)
        XCTAssertTrue(try read(directory, "m.cxj") == tidyLarge, "the large file rewritten in place differs")
        // A syntax error deep inside is still reported, and the file left alone.
        let broken = tidyLarge.replacingOccurrences(of: "  stage s\(brokenStage) ", with: "  stage s\(brokenStage) {{ ")
        XCTAssertNotEqual(broken, tidyLarge)
        let brokenDirectory = try CLI.write(["b.cxj": broken])
        // Standard output gets nothing, though the parts before the error were printed (into a
        // spool) before it was found.
        for arguments in [["fmt", "--check", "b.cxj"], ["fmt", "b.cxj"], ["fmt", "--stdout", "b.cxj"]] {
            let run = try CLI.run(arguments, directory: brokenDirectory)
            XCTAssertEqual(run.status, 1, arguments.joined(separator: " "))
            XCTAssertTrue(run.stderr.contains("error["), run.stderr)
            XCTAssertEqual(run.stdout, "")
        }
        XCTAssertTrue(try read(brokenDirectory, "b.cxj") == broken)
    }
}
