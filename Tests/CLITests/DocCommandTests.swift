import Foundation
import XCTest

/// `cxj doc`: the site built from Examples/ checked by real consumers (html5lib in strict mode,
/// a link and anchor checker, Debian's chromium headless), and the writer's promises: byte-stable
/// pages, atomic writes, stale pages removed only when the site wrote them, no writes through links.
final class DocCommandTests: XCTestCase {
    private func requireTools() -> Bool { ProcessInfo.processInfo.environment["CXJ_REQUIRE_TOOLS"] == "1" }

    private func skipUnless(_ available: Bool, _ message: String) throws {
        guard !available else { return }
        if requireTools() { XCTFail("required tool unavailable: \(message)") }
        throw XCTSkip("skipped: \(message) (install it, or run .ci/run, to run this test)")
    }

    private func pythonCan(_ module: String) throws -> Bool {
        try CLI.runShell("python3 -c 'import \(module)'", directory: CLI.repository).status == 0
    }

    private func site() throws -> URL {
        let directory = try CLI.temporaryDirectory("site").appendingPathComponent("site")
        let run = try CLI.run(["doc", "Examples", "-o", directory.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("6 journeys;"), run.stderr)
        return directory
    }

    /// html5lib strict, links and anchors, no scripts, every step in its map; with chromium,
    /// screenshots of the index and a journey page (kept in the test output folder printed below).
    func testExampleSiteWithRealConsumers() throws {
        try skipUnless(try pythonCan("html5lib"), "PyPI's html5lib is not installed")
        let directory = try site()
        let journeys = directory.appendingPathComponent("journeys.json")
        let json = try CLI.run(["compile", "Examples", "--to", "json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        try json.stdout.write(to: journeys, atomically: true, encoding: .utf8)
        var command = "python3 Tests/site/check_site.py '\(directory.path)' '\(journeys.path)'"
        let chromium = try CLI.runShell("command -v chromium", directory: CLI.repository).status == 0
        let pillow = try pythonCan("PIL")
        try skipUnlessScreenshots(chromium && pillow)
        let screens = FileManager.default.temporaryDirectory.appendingPathComponent("cxj-site-screenshots")
        command += " --screenshots '\(screens.path)' 1>&2"
        let run = try CLI.runShell(command, directory: CLI.repository)
        // `runShell` keeps standard error only: the checker's report is sent there.
        print(run.stderr)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains(" ok, 0 failing"), run.stderr)
        XCTAssertTrue(run.stderr.contains("screenshot "), "no screenshot was checked")
        print("screenshots of the example site: \(screens.path)")
    }

    private func skipUnlessScreenshots(_ available: Bool) throws {
        try skipUnless(available, "Debian's chromium, or PyPI's pillow, is not installed")
    }

    func testSiteIsByteStableAndRewritesNothingUnchanged() throws {
        let directory = try site()
        let second = try CLI.run(["doc", "Examples", "-o", directory.path])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stderr.contains(" 0 files written, 57 unchanged, 0 removed"), second.stderr)
        let other = try site()
        for name in ["index.html", "journeys/marathon.html", "catalogue/teams.html", "rules/CXJ201.html", "style.css"] {
            XCTAssertEqual(try Data(contentsOf: directory.appendingPathComponent(name)),
                           try Data(contentsOf: other.appendingPathComponent(name)), name)
        }
    }

    func testStalePagesAreRemovedOnlyWhenTheSiteWroteThem() throws {
        let source = try CLI.write([
            "a.cxj": "team care \"Care\"\njourney alpha \"Alpha\" {\n  allow no-repeat-loop\n  stage s \"S\" {\n    customer { step x \"X\" }\n    organization { action y \"Y\" { owner care } }\n    touchpoint x <-> y\n  }\n}\n",
            "b.cxj": "journey beta \"Beta\" {\n  allow no-repeat-loop\n  stage s \"S\" { customer { step x \"X\" { self-service } } }\n}\n",
        ])
        let site = source.appendingPathComponent("site")
        XCTAssertEqual(try CLI.run(["doc", "a.cxj", "b.cxj", "-o", "site"], directory: source).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent("journeys/beta.html").path))
        // A file of the user's own, in the site's folder and at the top: never touched.
        try "mine".write(to: site.appendingPathComponent("journeys/notes.html"), atomically: true, encoding: .utf8)
        try "mine".write(to: site.appendingPathComponent("CNAME"), atomically: true, encoding: .utf8)
        // A manifest line that names something outside the site, or a link: never followed.
        let outside = source.appendingPathComponent("outside.html")
        try "keep".write(to: outside, atomically: true, encoding: .utf8)
        let manifest = site.appendingPathComponent(".cxj-site")
        var lines = try String(contentsOf: manifest, encoding: .utf8)
        lines += "../outside.html\n/etc/passwd\njourneys/../../outside.html\n"
        try lines.write(to: manifest, atomically: true, encoding: .utf8)

        try FileManager.default.removeItem(at: source.appendingPathComponent("b.cxj"))
        let run = try CLI.run(["doc", "a.cxj", "-o", "site"], directory: source)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains(" 2 removed"), "the journey's page and its source's: \(run.stderr)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.appendingPathComponent("journeys/beta.html").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.appendingPathComponent("sources/b.html").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent("journeys/alpha.html").path))
        XCTAssertEqual(try String(contentsOf: site.appendingPathComponent("journeys/notes.html"), encoding: .utf8), "mine")
        XCTAssertEqual(try String(contentsOf: site.appendingPathComponent("CNAME"), encoding: .utf8), "mine")
        XCTAssertEqual(try String(contentsOf: outside, encoding: .utf8), "keep")
        XCTAssertFalse(try String(contentsOf: manifest, encoding: .utf8).contains("outside"))
    }

    func testALinkedFolderIsRefused() throws {
        let source = try CLI.write(["a.cxj": "journey alpha \"Alpha\" {\n  allow no-repeat-loop\n  stage s \"S\" { customer { step x \"X\" { self-service } } }\n}\n"])
        let elsewhere = source.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: source.appendingPathComponent("site"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: source.appendingPathComponent("site/journeys").path, withDestinationPath: elsewhere.path)
        let run = try CLI.run(["doc", "a.cxj", "-o", "site"], directory: source)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("symbolic link"), run.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path), [])
    }

    func testALinkedPageIsRefused() throws {
        let source = try CLI.write(["a.cxj": "journey alpha \"Alpha\" {\n  allow no-repeat-loop\n  stage s \"S\" { customer { step x \"X\" { self-service } } }\n}\n"])
        XCTAssertEqual(try CLI.run(["doc", "a.cxj", "-o", "site"], directory: source).status, 0)
        let target = source.appendingPathComponent("elsewhere.html")
        try "keep".write(to: target, atomically: true, encoding: .utf8)
        let page = source.appendingPathComponent("site/journeys/alpha.html")
        try FileManager.default.removeItem(at: page)
        try FileManager.default.createSymbolicLink(atPath: page.path, withDestinationPath: target.path)
        let run = try CLI.run(["doc", "a.cxj", "-o", "site"], directory: source)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("symbolic link"), run.stderr)
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "keep")
    }

    /// Labels are data, not markup: a hostile label is escaped everywhere, control characters
    /// are shown as escapes, and a file with errors is left out and listed (exit 1).
    func testHostileLabelsAreEscapedAndBrokenFilesListed() throws {
        let source = try CLI.write([
            "evil.cxj": "team care \"<script>alert(1)</script>\"\njourney evil \"<img src=x onerror=alert(1)> \u{1B}[31mred\" {\n  allow no-repeat-loop\n  stage s \"\\\"'&<b>\" {\n    customer { step x \"<a href='javascript:alert(1)'>x</a>\" { thinks \"</div><script>\" } }\n    organization { action y \"Y\" { owner care } }\n    touchpoint x <-> y\n  }\n}\n",
            "broken.cxj": "journey broken \"Broken\" {\n  stage s \"S\" { customer { step x \"X\" { emotion 9 } } }\n}\n",
        ])
        let run = try CLI.run(["doc", "evil.cxj", "broken.cxj", "-o", "site"], directory: source)
        XCTAssertEqual(run.status, 1, run.stderr)
        let site = source.appendingPathComponent("site")
        let index = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(index.contains("<code>broken.cxj</code>: 1 error"), index)
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.appendingPathComponent("journeys/broken.html").path))
        var pages = [index]
        for folder in ["journeys", "catalogue", "sources"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent(folder).path) {
                pages.append(try String(contentsOf: site.appendingPathComponent("\(folder)/\(name)"), encoding: .utf8))
            }
        }
        for page in pages {
            XCTAssertFalse(page.contains("<script"), page)
            XCTAssertFalse(page.contains("<img"), page)
            XCTAssertFalse(page.contains("<a href='javascript"), page)
            XCTAssertFalse(page.contains("\u{1B}"), "a raw escape character")
        }
        let journey = try String(contentsOf: site.appendingPathComponent("journeys/evil.html"), encoding: .utf8)
        XCTAssertTrue(journey.contains("&lt;img src=x onerror=alert(1)&gt; \\u{1B}[31mred"), journey)
        XCTAssertTrue(journey.contains("&lt;/div&gt;&lt;script&gt;"), journey)
    }

    func testUsageErrors() throws {
        let missing = try CLI.run(["doc", "Examples"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("needs `-o DIR`"), missing.stderr)
        let help = try CLI.run(["doc", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("usage: cxj doc"))
    }
}
