import XCTest
@testable import CXJ

/// `cxj.json`: parsing, validation with positions, globs, and finding the nearest file.
final class ConfigurationTests: XCTestCase {
    private func load(_ text: String) -> Result<ProjectConfiguration, ProjectConfiguration.Failure> {
        ProjectConfiguration.load("cxj.json", provider: InMemoryProvider(["cxj.json": text]))
    }

    func testValidConfiguration() throws {
        let configuration = try load("""
        {"$schema": "x", "rules": {"delivery-gap": "error", "CXJ211": "off", "unanswered-step": "note"},
         "exclude": ["drafts/**", "*.draft.cxj"], "maxWarnings": 10}
        """).get()
        XCTAssertEqual(configuration.rules.level(of: .deliveryGap), .error)
        XCTAssertEqual(configuration.rules.level(of: .noRepeatLoop), .off)
        XCTAssertEqual(configuration.rules.level(of: .unansweredStep), .note)
        XCTAssertEqual(configuration.maxWarnings, 10)
        XCTAssertEqual(configuration.exclude.map { $0.pattern }, ["drafts/**", "*.draft.cxj"])
    }

    func testFailuresPointIntoTheFile() {
        let cases: [(String, String, String)] = [
            ("{\"rules\": {\"delivery-gaps\": \"error\"}}", "unknown rule `delivery-gaps`", "\"delivery-gaps\""),
            ("{\"rules\": {\"delivery-gap\": \"fatal\"}}", "invalid level for `delivery-gap`", "\"fatal\""),
            ("{\"rules\": {\"CXJ101\": \"off\"}}", "`CXJ101` is an error in the language and cannot be configured", "\"CXJ101\""),
            ("{\"rule\": {}}", "unknown setting `rule`", "\"rule\""),
            ("{\"maxWarnings\": -1}", "`maxWarnings` must be a whole number of 0 or more", "-1"),
            ("{\"exclude\": \"drafts\"}", "`exclude` must be an array of path patterns", "\"drafts\""),
            ("{\"rules\": {\"delivery-gap\": \"error\",}}", "invalid JSON: expected a key in double quotes", "}"),
            ("[1, 2]", "the configuration must be a JSON object", "[1, 2]"),
        ]
        for (text, message, pointed) in cases {
            guard case .failure(let failure) = load(text) else {
                XCTFail("accepted: \(text)")
                continue
            }
            XCTAssertEqual(failure.message, message, text)
            let bytes = Array(text.utf8)
            XCTAssertEqual(String(decoding: bytes[failure.range], as: UTF8.self), pointed, text)
        }
        if case .failure(let failure) = load("{\"rules\": {\"delivery-gaps\": \"error\"}}") {
            XCTAssertEqual(failure.help, "did you mean `delivery-gap`?")
        }
    }

    func testGlobs() {
        let cases: [(String, String, Bool)] = [
            ("drafts/**", "drafts/a.cxj", true), ("drafts/**", "drafts/x/y/a.cxj", true), ("drafts/**", "final/a.cxj", false),
            ("drafts/", "drafts/a.cxj", true), ("*.draft.cxj", "a.draft.cxj", true), ("*.draft.cxj", "deep/b.draft.cxj", true),
            ("*.draft.cxj", "a.cxj", false), ("journeys/*.cxj", "journeys/a.cxj", true), ("journeys/*.cxj", "journeys/x/a.cxj", false),
            ("journeys/**/old-?.cxj", "journeys/old-1.cxj", true), ("journeys/**/old-?.cxj", "journeys/2024/q1/old-2.cxj", true),
            ("journeys/**/old-?.cxj", "journeys/old-10.cxj", false), ("./a.cxj", "a.cxj", true),
        ]
        for (pattern, path, expected) in cases {
            XCTAssertEqual(Glob(pattern).matches(path), expected, "\(pattern) vs \(path)")
        }
    }

    func testTheNearestFileApplies() {
        let provider = InMemoryProvider([
            "cxj.json": "{\"maxWarnings\": 1}", "team/cxj.json": "{\"maxWarnings\": 2}", "team/a.cxj": "", "b.cxj": "",
            "team/deep/c.cxj": "",
        ])
        let finder = ConfigurationFinder(provider: provider)
        XCTAssertEqual(try finder.configuration(for: "team/a.cxj")?.get().maxWarnings, 2)
        XCTAssertEqual(try finder.configuration(for: "team/deep/c.cxj")?.get().maxWarnings, 2)
        XCTAssertEqual(try finder.configuration(for: "b.cxj")?.get().maxWarnings, 1)
    }

    /// The finder reuses the last directory's answer for a path that lies directly in it: the
    /// byte comparison agrees with the directory string it saves making, and answers in any
    /// order of inputs are those of a fresh finder.
    func testTheLastDirectoryIsReusedOnlyForPathsDirectlyInIt() {
        let paths = ["a.cxj", "team/a.cxj", "team/deep/c.cxj", "/a.cxj", "/team/a.cxj", "<stdin>", "team/", "team//b.cxj",
                     "teams/a.cxj", "tea/a.cxj", "ทีม/路线.cxj", "./a.cxj", "../a.cxj"]
        let directories = Set(paths.map(ConfigurationFinder.startDirectory(of:))).sorted() + ["", "team/deep/"]
        for path in paths {
            for directory in directories {
                XCTAssertEqual(ConfigurationFinder.lies(path, directlyIn: directory),
                               ConfigurationFinder.startDirectory(of: path) == directory, "\(path) in \(directory)")
            }
        }
        let files = ["cxj.json": "{\"maxWarnings\": 1}", "team/cxj.json": "{\"maxWarnings\": 2}",
                     "team/deep/cxj.json": "{\"maxWarnings\": 3}"]
        let order = ["team/a.cxj", "team/b.cxj", "team/deep/c.cxj", "team/d.cxj", "b.cxj", "team/deep/e.cxj", "teams/x.cxj", "c.cxj"]
        let shared = ConfigurationFinder(provider: InMemoryProvider(files))
        for path in order {
            let fresh = ConfigurationFinder(provider: InMemoryProvider(files))
            XCTAssertEqual(try shared.configuration(for: path)?.get().maxWarnings,
                           try fresh.configuration(for: path)?.get().maxWarnings, path)
            XCTAssertEqual(shared.projectRoot(for: path, fallback: "?"), fresh.projectRoot(for: path, fallback: "?"), path)
        }
    }
}
