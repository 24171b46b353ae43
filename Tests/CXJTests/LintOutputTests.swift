import Foundation
import XCTest
@testable import CXJ

/// The formats for CI: SARIF (checked against the official 2.1.0 schema), GitHub workflow
/// commands, the JSON diagnostics document; and `explain`'s examples for every code.
final class LintOutputTests: XCTestCase {
    private let fixtures = TestSupport.fixtures + "/diagnostics"

    private func fixtureResult() -> CheckResult {
        let inputs = ["gaps.cxj", "references.cxj", "syntax.cxj", "unicode.cxj", "imports/main.cxj"]
        return Compiler.check(inputs.map { .path($0) }, provider: RootedProvider(root: fixtures))
    }

    func testSARIFValidatesAgainstTheOfficialSchema() throws {
        let result = fixtureResult()
        XCTAssertGreaterThan(result.diagnostics.count, 20)
        let sarif = SARIFRenderer.render(result.diagnostics, sources: result.sources)
        let schema = TestSupport.fixtures + "/schemas/sarif-schema-2.1.0.json"
        if let errors = try ExternalTools.validate(json: Array(sarif.utf8), schema: schema) { XCTFail(errors) }
    }

    func testSARIFStructure() throws {
        let result = fixtureResult()
        let sarif = try JSONSerialization.jsonObject(with: Data(SARIFRenderer.render(result.diagnostics, sources: result.sources).utf8)) as! [String: Any]
        XCTAssertEqual(sarif["version"] as? String, "2.1.0")
        XCTAssertEqual(sarif["$schema"] as? String, SARIFRenderer.schema)
        let run = (sarif["runs"] as! [[String: Any]])[0]
        XCTAssertEqual(run["columnKind"] as? String, "unicodeCodePoints")
        let driver = (run["tool"] as! [String: Any])["driver"] as! [String: Any]
        XCTAssertEqual(driver["name"] as? String, "cxj")
        XCTAssertNotNil(driver["informationUri"])
        let rules = driver["rules"] as! [[String: Any]]
        XCTAssertEqual(rules.count, Code.allCases.count)
        for rule in rules {
            for key in ["id", "name", "shortDescription", "fullDescription", "help", "defaultConfiguration"] {
                XCTAssertNotNil(rule[key], "rule \(rule["id"] ?? "?") lacks \(key)")
            }
            let help = rule["help"] as! [String: Any]
            XCTAssertNotNil(help["text"])
            XCTAssertNotNil(help["markdown"])
        }
        let results = run["results"] as! [[String: Any]]
        XCTAssertEqual(results.count, result.diagnostics.count)
        for item in results {
            let index = item["ruleIndex"] as! Int
            XCTAssertEqual(rules[index]["id"] as? String, item["ruleId"] as? String)
            let location = ((item["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any])
            let uri = (location["artifactLocation"] as! [String: Any])["uri"] as! String
            XCTAssertFalse(uri.hasPrefix("/"), uri)
            let region = location["region"] as! [String: Any]
            for key in ["startLine", "startColumn", "endLine", "endColumn"] { XCTAssertNotNil(region[key]) }
            XCTAssertNotNil((item["partialFingerprints"] as! [String: String])["\(SARIFRenderer.fingerprintKey)"])
        }
        XCTAssertTrue(results.contains { ($0["level"] as? String) == "note" })
    }

    func testSARIFPercentEncodesURIs() {
        XCTAssertEqual(SARIFRenderer.uri("Examples/live shopping 直播.cxj", base: "/nowhere"),
                       "Examples/live%20shopping%20%E7%9B%B4%E6%92%AD.cxj")
        XCTAssertEqual(SARIFRenderer.uri("/work/repo/a.cxj", base: "/work/repo"), "a.cxj")
        XCTAssertEqual(SARIFRenderer.uri("/elsewhere/a.cxj", base: "/work/repo"), "file:///elsewhere/a.cxj")
    }

    /// Fingerprints follow what a finding is about, not its line: moving it leaves them alone.
    func testFingerprintsSurviveUnrelatedLinesMoving() throws {
        let text = try String(contentsOfFile: fixtures + "/gaps.cxj", encoding: .utf8)
        func fingerprints(_ text: String) throws -> [String] {
            let result = TestSupport.check(text)
            let sarif = try JSONSerialization.jsonObject(with: Data(SARIFRenderer.render(result.diagnostics, sources: result.sources).utf8)) as! [String: Any]
            let results = ((sarif["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]])
            return results.map { ($0["partialFingerprints"] as! [String: String])["\(SARIFRenderer.fingerprintKey)"]! }.sorted()
        }
        let before = try fingerprints(text)
        XCTAssertEqual(Set(before).count, before.count, "fingerprints are distinct")
        let moved = text.replacingOccurrences(of: "team finance \"Finance\"\n",
                                              with: "team finance \"Finance\"\n\n# A comment added above the journey.\n\n\n")
        XCTAssertEqual(try fingerprints(moved), before)
        XCTAssertEqual(try fingerprints(text), before, "the same input gives the same fingerprints")
    }

    func testGitHubCommands() {
        let source = SourceFile(path: "a, b:c.cxj", text: "team care \"Care\"\nteam care \"Again\"\n")
        var diagnostic = Diagnostic(.duplicateDefinition, "100% sure,\nline two: `care`", at: SourceLocation(file: 0, start: 22, end: 26),
                                    help: "rename it")
        XCTAssertEqual(GitHubRenderer().render(diagnostic, sources: [source]),
                       "::error file=a%2C b%3Ac.cxj,line=2,col=6,endLine=2,endColumn=10,title=CXJ102 duplicate-definition::100%25 sure,%0Aline two: `care`%0Ahelp: rename it")
        diagnostic.severity = .note
        XCTAssertTrue(GitHubRenderer().render(diagnostic, sources: [source]).hasPrefix("::notice "))
        diagnostic.severity = .warning
        XCTAssertTrue(GitHubRenderer().render(diagnostic, sources: [source]).hasPrefix("::warning "))
        XCTAssertEqual(GitHubRenderer.data("a\r\nb%"), "a%0D%0Ab%25")
        XCTAssertEqual(GitHubRenderer.property("x:y,z%"), "x%3Ay%2Cz%25")
        // Escaped a byte at a time: what is not ASCII is copied whole, unless it is a control
        // or a bidirectional override, which is shown as an escape.
        let cases: [(text: String, data: String, property: String)] = [
            ("", "", ""),
            ("ก่อน 中文 😀", "ก่อน 中文 😀", "ก่อน 中文 😀"),
            ("a\u{1B}[31mb", "a\\u{1B}[31mb", "a\\u{1B}[31mb"),
            ("x\u{202E}y:\u{85},", "x\\u{202E}y:\\u{85},", "x\\u{202E}y%3A\\u{85}%2C"),
            ("%\r\n\t\u{7F}é", "%25%0D%0A\\u{9}\\u{7F}é", "%25%0D%0A\\u{9}\\u{7F}é"),
        ]
        for (text, data, property) in cases {
            XCTAssertEqual(GitHubRenderer.data(text), data, text)
            XCTAssertEqual(GitHubRenderer.property(text), property, text)
        }
    }

    /// SARIF URIs: relative below the current directory, percent-encoded outside the unreserved
    /// characters and `/` (UTF-8 byte by byte, upper-case hex), `file://` when absolute.
    func testSARIFURIs() {
        XCTAssertEqual(SARIFRenderer.uri("/work/x/a b.cxj", base: "/work"), "x/a%20b.cxj")
        XCTAssertEqual(SARIFRenderer.uri("/elsewhere/ก,:%.cxj", base: "/work"),
                       "file:///elsewhere/%E0%B8%81%2C%3A%25.cxj")
        XCTAssertEqual(SARIFRenderer.uri("rel/~_-.cxj", base: "/work"), "rel/~_-.cxj")
        XCTAssertEqual(SARIFRenderer.uri("<stdin>", base: "/work"), "stdin")
        XCTAssertEqual(SARIFRenderer.uri("\u{1}\u{7F}", base: "/work"), "%01%7F")
    }

    func testJSONDiagnosticsDocument() throws {
        let result = fixtureResult()
        let text = DiagnosticDocument.render(result.diagnostics, sources: result.sources)
        let schema = TestSupport.repository + "/Grammar/cxj-diagnostics.schema.json"
        if let errors = try ExternalTools.validate(json: Array(text.utf8), schema: schema) { XCTFail(errors) }
        let document = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        let diagnostics = document["diagnostics"] as! [[String: Any]]
        let first = diagnostics.first { $0["code"] as? String == "CXJ101" }!
        for key in ["code", "rule", "severity", "message", "file", "line", "column", "endLine", "endColumn", "offset",
                    "endOffset", "labels", "notes", "help"] {
            XCTAssertTrue(first.keys.contains(key), key)
        }
        XCTAssertEqual((document["summary"] as! [String: Int])["errors"], result.count(.error))
    }

    /// Every code's failing example produces it, and its fixed example does not.
    func testExplainExamplesForEveryCode() {
        for code in Code.allCases {
            let docs = code.documentation
            XCTAssertFalse(docs.summary.isEmpty)
            let failing = Explanation.diagnostics(ofExample: docs.failing, for: code).diagnostics
            XCTAssertTrue(failing.contains { $0.code == code }, "\(code.id) failing example gives \(failing.map { $0.code.id })")
            let fixed = Explanation.diagnostics(ofExample: docs.fixed, for: code).diagnostics
            XCTAssertFalse(fixed.contains { $0.code == code }, "\(code.id) fixed example still gives it")
            XCTAssertEqual(fixed.filter { $0.severity == .error }.count, 0, "\(code.id) fixed example has errors: \(fixed.map { $0.code.id })")
            let text = Explanation.render(code)
            XCTAssertTrue(text.hasPrefix("\(code.id) \(code.name): "))
            XCTAssertTrue(text.contains("Why it matters"))
            XCTAssertTrue(text.contains("error[\(code.id)]") || text.contains("warning[\(code.id)]") || text.contains("note[\(code.id)]"))
        }
    }

    func testRulesCatalogue() throws {
        let document = try JSONSerialization.jsonObject(with: Data(RulesCatalogue.json().utf8)) as! [String: Any]
        let rules = document["rules"] as! [[String: Any]]
        XCTAssertEqual(rules.map { $0["code"] as! String }, Code.allCases.map { $0.id })
        XCTAssertEqual(rules.first { $0["name"] as? String == "no-repeat-loop" }?["defaultSeverity"] as? String, "note")
        for line in RulesCatalogue.text().split(separator: "\n") { XCTAssertLessThanOrEqual(DisplayWidth.of(String(line)), 100) }
    }
}
