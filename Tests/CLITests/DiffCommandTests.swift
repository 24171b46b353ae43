import Foundation
import XCTest

/// `cxj diff` end to end: two directories, `--fail-on`, and `--git` in a real repository.
final class DiffCommandTests: XCTestCase {
    private var fixtures: URL { CLI.repository.appendingPathComponent("Tests/CXJTests/Fixtures/diff") }

    func testTwoDirectoriesAndFailOn() throws {
        let plain = try CLI.run(["diff", "lunch/old", "lunch/new"], directory: fixtures)
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertTrue(plain.stdout.contains("renamed step `order_food` to `order_special`"), plain.stdout)
        let failing = try CLI.run(["diff", "lunch/old", "lunch/new", "--fail-on", "new-warnings,coverage-drop"], directory: fixtures)
        XCTAssertEqual(failing.status, 1)
        XCTAssertTrue(failing.stderr.contains("new warnings") && failing.stderr.contains("coverage drop"), failing.stderr)
        XCTAssertEqual(try CLI.run(["diff", "lunch/old", "lunch/new", "--fail-on", "new-errors"], directory: fixtures).status, 0)
        let markdown = try CLI.run(["diff", "lunch/old", "lunch/new", "--to", "markdown"], directory: fixtures)
        XCTAssertTrue(markdown.stdout.hasPrefix("### Journey changes\n"), markdown.stdout)
        let errors = try CLI.run(["diff", "errors/old", "errors/new"], directory: fixtures)
        XCTAssertEqual(errors.status, 1, "a side with errors")
        XCTAssertEqual(try CLI.run(["diff", "lunch/old"], directory: fixtures).status, 2)
        XCTAssertEqual(try CLI.run(["diff", "lunch/old", "lunch/new", "--fail-on", "sometimes"], directory: fixtures).status, 2)
    }

    func testGitRevisionInARealRepository() throws {
        let git = "/usr/bin/git"
        guard FileManager.default.isExecutableFile(atPath: git) else { throw XCTSkip("skipped: git is not installed") }
        let old = fixtures.appendingPathComponent("lunch/old")
        let directory = try CLI.temporaryDirectory()
        func run(_ arguments: [String]) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: git)
            process.arguments = arguments
            process.currentDirectoryURL = directory
            process.environment = ["GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                                   "GIT_COMMITTER_EMAIL": "t@t", "HOME": directory.path, "PATH": "/usr/bin:/bin"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, arguments.joined(separator: " "))
        }
        func copy(_ from: URL) throws {
            for name in ["lunch.cxj", "catalogue/canteen.cxj"] {
                let target = directory.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.copyItem(at: from.appendingPathComponent(name), to: target)
            }
        }
        try run(["init", "-q"])
        try copy(old)
        try run(["add", "."])
        try run(["commit", "-q", "-m", "first"])
        try copy(fixtures.appendingPathComponent("lunch/new"))
        let head = try String(contentsOf: directory.appendingPathComponent(".git/HEAD"), encoding: .utf8)
        let viaGit = try CLI.run(["diff", "--git", "HEAD"], directory: directory)
        XCTAssertEqual(viaGit.status, 0, viaGit.stderr)
        let viaPaths = try CLI.run(["diff", old.path, fixtures.appendingPathComponent("lunch/new").path])
        XCTAssertEqual(viaGit.stdout, viaPaths.stdout, "the revision read through git is the old side")
        let only = try CLI.run(["diff", "--git", "HEAD", "catalogue"], directory: directory)
        XCTAssertTrue(only.stdout.contains("team `cashiers`") && !only.stdout.contains("journey `lunch`"), only.stdout)
        XCTAssertEqual(try String(contentsOf: directory.appendingPathComponent(".git/HEAD"), encoding: .utf8), head,
                       "the repository is unchanged")
        XCTAssertEqual(try CLI.run(["diff", "--git", "--output=/tmp/x"], directory: directory).status, 2, "no option injection")
        // git's own complaint, read from its standard error, is the message; the exit status is 2.
        let unknown = try CLI.run(["diff", "--git", "no-such-revision"], directory: directory)
        XCTAssertEqual(unknown.status, 2, unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("git ls-tree:") && unknown.stderr.contains("no-such-revision"), unknown.stderr)
    }
}
