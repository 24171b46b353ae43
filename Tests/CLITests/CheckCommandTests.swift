import Foundation
import XCTest

/// `cxj check` end to end: exit statuses, where output goes, formats and options.
final class CheckCommandTests: XCTestCase {
    private let clean = CLI.sampleJourney

    func testCleanFileExitsZero() throws {
        let directory = try CLI.write(["ok.cxj": clean])
        let run = try CLI.run(["check", "ok.cxj"], directory: directory)
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stdout, "")
        XCTAssertEqual(run.stderr, "0 errors, 0 warnings in 1 file\n")
    }

    /// The executable does not load Foundation: loading it made every run ~7 ms slower to
    /// start, which dominated checking many small files (issue 14).
    func testTheExecutableDoesNotLinkFoundation() throws {
        let directory = try CLI.temporaryDirectory()
        let run = try CLI.runShell("ldd \"$CXJ\" > libraries.txt", directory: directory)
        XCTAssertEqual(run.status, 0, run.stderr)
        let libraries = try String(contentsOf: directory.appendingPathComponent("libraries.txt"), encoding: .utf8)
        XCTAssertTrue(libraries.contains("libswiftCore"), libraries)
        XCTAssertFalse(libraries.contains("Foundation"), libraries)
    }

    func testErrorsExitOneAndGoToStandardError() throws {
        let directory = try CLI.write(["bad.cxj": "team care\n"])
        let run = try CLI.run(["check", "bad.cxj"], directory: directory)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stdout, "")
        XCTAssertTrue(run.stderr.hasPrefix("error[CXJ001]: expected a label after `care`, found the end of the line\n --> bad.cxj:1:10\n"), run.stderr)
        XCTAssertTrue(run.stderr.hasSuffix("1 error, 0 warnings in 1 file\n"))
    }

    func testWarningsPassUnlessDenied() throws {
        let warning = clean.replacingOccurrences(of: "touchpoint a <-> x", with: "touchpoint a <-> x { claimed 5; perceived 3 }")
        let directory = try CLI.write(["warn.cxj": warning])
        XCTAssertEqual(try CLI.run(["check", "warn.cxj"], directory: directory).status, 0)
        let denied = try CLI.run(["check", "--deny-warnings", "warn.cxj"], directory: directory)
        XCTAssertEqual(denied.status, 1)
        XCTAssertTrue(denied.stderr.contains("error: 1 warning and `--deny-warnings` is set"))
        XCTAssertEqual(try CLI.run(["check", "--max-warnings", "1", "warn.cxj"], directory: directory).status, 0)
        let over = try CLI.run(["check", "--max-warnings=0", "warn.cxj"], directory: directory)
        XCTAssertEqual(over.status, 1)
        XCTAssertTrue(over.stderr.contains("more than `--max-warnings 0` allows"))
        XCTAssertEqual(try CLI.run(["check", "--allow", "delivery-gap", "--deny-warnings", "warn.cxj"], directory: directory).status, 0)
        let raised = try CLI.run(["check", "--deny", "CXJ204", "--diagnostics", "short", "warn.cxj"], directory: directory)
        XCTAssertEqual(raised.status, 1)
        XCTAssertEqual(raised.stderr, "warn.cxj:11:5: error[CXJ204]: delivery gap of 2 at touchpoint `a <-> x`\n")
    }

    func testUsageErrorsExitTwo() throws {
        let cases: [([String], String)] = [
            ([], "usage: cxj"),
            (["chekc"], "error: unknown command `chekc`\nhelp: did you mean `check`?"),
            (["check"], "error: `cxj check` needs at least one path"),
            (["check", "--diagnostic", "short", "x.cxj"], "help: did you mean `--diagnostics`?"),
            (["check", "--diagnostics", "shrot", "x.cxj"], "error: invalid value `shrot` for `--diagnostics`\nhelp: did you mean `short`?"),
            (["check", "--max-warnings", "many", "x.cxj"], "needs a whole number"),
            (["check", "--allow", "delivery-gaps", "x.cxj"], "help: did you mean `delivery-gap`?"),
            (["check", "--deny", "CXJ101", "x.cxj"], "is an error in the language and cannot be re-graded"),
            (["check", "--max-warnings"], "`--max-warnings` needs a value"),
        ]
        for (arguments, expected) in cases {
            let run = try CLI.run(arguments)
            XCTAssertEqual(run.status, 2, "\(arguments)")
            XCTAssertTrue(run.stderr.contains(expected), "\(arguments): \(run.stderr)")
        }
    }

    func testUnreadableInputExitsTwoButOtherFilesAreStillChecked() throws {
        let directory = try CLI.write(["bad.cxj": "team care\n"])
        let run = try CLI.run(["check", "--diagnostics", "short", "missing.cxj", "bad.cxj"], directory: directory)
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("bad.cxj:1:10: error[CXJ001]"))
        XCTAssertTrue(run.stderr.contains("error: cannot read `missing.cxj`: no such file or directory"))
        let empty = try CLI.write(["notes.txt": "nothing"])
        let none = try CLI.run(["check", "."], directory: empty)
        XCTAssertEqual(none.status, 2)
        XCTAssertTrue(none.stderr.contains("no `.cxj` files in this directory"))
    }

    func testDirectoriesAreSearchedRecursivelyInOrder() throws {
        let directory = try CLI.write([
            "b/two.cxj": "team t \"T\"\nteam t \"T\"\n", "a/one.cxj": "team u \"U\"\nteam u \"U\"\n",
            "a/.hidden/skip.cxj": "broken", "a/readme.md": "not cxj",
        ])
        let run = try CLI.run(["check", "--diagnostics", "short", "."], directory: directory)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "a/one.cxj:2:6: error[CXJ102]: team `u` is declared twice\nb/two.cxj:2:6: error[CXJ102]: team `t` is declared twice\n")
    }

    func testStandardInput() throws {
        let run = try CLI.run(["check", "--diagnostics", "short", "-"], input: "team care\n")
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "<stdin>:1:10: error[CXJ001]: expected a label after `care`, found the end of the line\n")
        XCTAssertEqual(try CLI.run(["check", "-"], input: clean).status, 0)
    }

    func testColourOnlyWhenAskedAndNeverWithNoColor() throws {
        let directory = try CLI.write(["bad.cxj": "team care\n"])
        XCTAssertFalse(try CLI.run(["check", "bad.cxj"], directory: directory).stderr.contains("\u{1B}["))
        XCTAssertTrue(try CLI.run(["check", "--color", "always", "bad.cxj"], directory: directory).stderr.contains("\u{1B}[1;31m"))
        XCTAssertFalse(try CLI.run(["check", "--color", "auto", "bad.cxj"], environment: ["NO_COLOR": "1"], directory: directory).stderr.contains("\u{1B}["))
    }

    func testHelpAndVersion() throws {
        let version = try CLI.run(["--version"])
        XCTAssertEqual(version.status, 0)
        XCTAssertTrue(version.stdout.hasPrefix("cxj 0.1.0"))
        let help = try CLI.run(["check", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("usage: cxj check [options] PATH…"))
        XCTAssertTrue(help.stdout.contains("--max-warnings N"))
    }

    func testExamplesCheckWithoutErrors() throws {
        let run = try CLI.run(["check", "Examples"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.hasSuffix("in 7 files\n"), run.stderr)
    }
}

/// The README's sample output must be what cxj really prints.
final class ReadmeTests: XCTestCase {
    func testSampleOutputIsReal() throws {
        let readme = try String(contentsOf: CLI.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let marker = "The first command prints the gaps the examples deliberately contain, for instance:\n\n```\n"
        let start = try XCTUnwrap(readme.range(of: marker)).upperBound
        let sample = readme[start...].components(separatedBy: "\n```")[0]
        let run = try CLI.run(["check", "Examples"])
        XCTAssertTrue(run.stderr.contains(sample), "README sample is not in the output of `cxj check Examples`:\n\(sample)")
    }
}

/// `cxj check --fix`: safe fixes applied atomically, files with unfixable errors untouched.
final class FixCommandTests: XCTestCase {
    func testFixAppliesSafeFixesAndLeavesTheRest() throws {
        let broken = CLI.sampleJourney.replacingOccurrences(of: "touchpoint a <-> x", with: "touchpoint x <-> a")
            .replacingOccurrences(of: "step a \"A\"", with: "step a “A”")
        let unfixable = CLI.sampleJourney.replacingOccurrences(of: "owner care", with: "owner nobody-at-all")
            .replacingOccurrences(of: "touchpoint a <-> x", with: "touchpoint x <-> a")
        let directory = try CLI.write(["fixable.cxj": broken, "unfixable.cxj": unfixable])
        let run = try CLI.run(["check", "--fix", "fixable.cxj", "unfixable.cxj", "--diagnostics", "short"], directory: directory)
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("fixed 2 problems in `fixable.cxj`"), run.stderr)
        XCTAssertTrue(run.stderr.contains("`unfixable.cxj` was not fixed: 1 error in it has no safe fix"), run.stderr)
        XCTAssertTrue(run.stderr.contains("unfixable.cxj:9:28: error[CXJ101]"), run.stderr)
        XCTAssertEqual(try String(contentsOf: directory.appendingPathComponent("fixable.cxj"), encoding: .utf8), CLI.sampleJourney)
        XCTAssertEqual(try String(contentsOf: directory.appendingPathComponent("unfixable.cxj"), encoding: .utf8), unfixable)
        let again = try CLI.run(["check", "fixable.cxj"], directory: directory)
        XCTAssertEqual(again.status, 0, again.stderr)
    }
}
