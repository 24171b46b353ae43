import Foundation
import XCTest
@testable import CXJ

/// Hostile input against the library: numbers that trap, API calls that trap, imports that
/// escape the project, globs and configurations that explode, and passes that grow faster
/// than their input.
final class HardeningTests: XCTestCase {
    // MARK: - Numbers

    func testNumberFormattingIsTotal() {
        let cases: [(Double, String)] = [
            (1e19, "1e+19"), (-1e19, "-1e+19"), (9.3e18, "9.3e+18"), (.infinity, "inf"), (-.infinity, "-inf"),
            (.nan, "nan"), (123_456_789_012_345, "123456789012345"), (2.5, "2.5"), (-0.125, "-0.13"),
        ]
        for (value, expected) in cases {
            XCTAssertEqual(Format.decimal(value, digits: 2), expected, "\(value)")
        }
        XCTAssertEqual(Format.decimal(1.5, digits: 40), "1.5", "absurd digit counts are clamped")
    }

    func testHugeNumbersAreOutOfRange() {
        for value in ["10000000000000000000", String(repeating: "9", count: 400), "1_000_000_000_000_001"] {
            let result = TestSupport.check("""
            journey j "J" {
              kpi k "K" { actual \(value); target >= 1 }
              stage s "S" { phase recognize }
            }
            """)
            XCTAssertEqual(TestSupport.codes(result).filter { $0.hasPrefix("CXJ1") }, ["CXJ104"], value)
            XCTAssertTrue(result.diagnostics.first { $0.code.id == "CXJ104" }!.message.contains("too large"))
            for format in OutputFormat.allCases { _ = format.emit(result.files, diagnostics: result.diagnostics) }
        }
    }

    // MARK: - Public API on inconsistent input

    func testRenderersAndEmittersDoNotTrapOnDiagnosticsWithoutSources() {
        let stray = Diagnostic(.unknownReference, "unknown team `x`", at: SourceLocation(file: 7, start: 90, end: 95),
                               label: "here", secondary: [.init(SourceLocation(file: 3, start: 1, end: 2), "there")])
        for format in OutputFormat.allCases {
            _ = format.emit([], diagnostics: [stray])
        }
        XCTAssertTrue(HumanRenderer(colors: false).render(stray, sources: []).contains("<unknown>"))
        XCTAssertTrue(ShortRenderer().render(stray, sources: []).hasPrefix("<unknown>:1:1"))
        _ = GitHubRenderer().render(stray, sources: [])
        _ = SARIFRenderer.render([stray], sources: [])
        _ = DiagnosticDocument.render([stray], sources: [])
        let short = SourceFile(path: "s.cxj", text: "ab")
        XCTAssertTrue(HumanRenderer(colors: false).render(stray, sources: Array(repeating: short, count: 8)).contains("s.cxj"))
    }

    // MARK: - Imports

    func testImportsStayInsideTheProjectRoot() {
        let files = [
            "project/main.cxj": "import \"../secret.cxj\"\nimport \"sub/ok.cxj\"\nimport \"/abs/other.cxj\"\nimport \"notes.txt\"\nimport \"a\\u{0}.cxj\"\n",
            "project/sub/ok.cxj": "import \"../shared.cxj\"\n",
            "project/shared.cxj": "team care \"Care\"\n",
            "secret.cxj": "team secret \"SECRET\"\n",
            "/abs/other.cxj": "team other \"OTHER\"\n",
            "project/notes.txt": "SECRET",
        ]
        let provider = InMemoryProvider(files)
        let result = Compiler.check([.path("project/main.cxj")], provider: provider)
        let messages = result.diagnostics.map { $0.message }
        XCTAssertEqual(TestSupport.codes(result), ["CXJ108", "CXJ108", "CXJ108", "CXJ108"], "\(messages)")
        XCTAssertTrue(messages[0].contains("outside the project root"))
        XCTAssertTrue(messages[2].contains("`.cxj` file"))
        XCTAssertTrue(messages[3].contains("NUL"))
        XCTAssertEqual(result.sources.map { $0.path }.sorted(), ["project/main.cxj", "project/shared.cxj", "project/sub/ok.cxj"],
                       "refused files are never read")

        let widened = Compiler.check([.path("project/main.cxj")], provider: provider,
                                     policy: ImportPolicy(defaultRoot: ".", allowedOutside: ["/abs"]))
        XCTAssertEqual(TestSupport.codes(widened), ["CXJ108", "CXJ108"], "only the path errors remain")
    }

    func testImportChainsHaveADepthLimit() {
        var files: [String: String] = [:]
        for index in 0..<100 { files["f\(index).cxj"] = "import \"f\(index + 1).cxj\"\nteam t\(index) \"T\"\n" }
        files["f100.cxj"] = "team last \"Last\"\n"
        let result = Compiler.check([.path("f0.cxj")], provider: InMemoryProvider(files))
        XCTAssertEqual(result.sources.count, Workspace.maximumImportDepth + 1)
        XCTAssertEqual(TestSupport.codes(result), ["CXJ108"])
        XCTAssertTrue(result.diagnostics[0].message.contains("nest more than 64"))
    }

    // MARK: - Configuration

    func testConfigurationNestingIsLimited() {
        let deep = String(repeating: "[", count: 70_000) + String(repeating: "]", count: 70_000)
        let result = ProjectConfiguration.load("cxj.json", provider: InMemoryProvider(["cxj.json": "{\"exclude\": \(deep)}"]))
        guard case .failure(let failure) = result else { return XCTFail("a 70,000-deep document must be refused") }
        XCTAssertTrue(failure.message.contains("nested more than 64 levels"), failure.message)
        XCTAssertNoThrow(try PositionedJSON.parse(Array((String(repeating: "[", count: 60) + String(repeating: "]", count: 60)).utf8)))
    }

    func testGlobsAreLinear() {
        let name = String(repeating: "a", count: 60) + ".cxj"
        let cases: [(String, String, Bool)] = [
            ("*a*a*a*a*a*a*b", name, false),
            ("*a*a*a*a*a*a*", name, true),
            (String(repeating: "**/", count: 12) + "x.cxj", String(repeating: "d/", count: 40) + "y.cxj", false),
            (String(repeating: "**/", count: 12) + "y.cxj", String(repeating: "d/", count: 40) + "y.cxj", true),
            (String(repeating: "*", count: 100_000), name, true),
            (String(repeating: "*", count: 100_000) + "b", name, false),
        ]
        let started = Date()
        for (pattern, path, expected) in cases {
            XCTAssertEqual(Glob(pattern).matches(path), expected, String(pattern.prefix(40)))
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
    }

    // MARK: - Growth

    /// Times `work(n)` and `work(10 n)`; a linear pass grows about 10×, a quadratic one 100×.
    private func assertLinear(_ what: String, base: Int, _ work: (Int) -> Void) {
        func time(_ n: Int) -> Double {
            var best = Double.infinity
            for _ in 0..<2 {
                let start = DispatchTime.now().uptimeNanoseconds
                work(n)
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start))
            }
            return best
        }
        _ = time(base / 10)
        let small = time(base)
        let large = time(base * 10)
        XCTAssertLessThan(large / small, 35, "\(what): \(base) took \(small / 1e6) ms, \(base * 10) took \(large / 1e6) ms")
    }

    func testOneStepInManyTouchpointsIsLinear() {
        assertLinear("one step in N touchpoints", base: 2_000) { count in
            var text = "team care \"Care\"\njourney j \"J\" {\n  stage s \"S\" {\n    customer { step a \"A\" }\n    organization {\n"
            for index in 0..<count { text += "      action x\(index) \"X\" { owner care }\n" }
            text += "    }\n"
            for index in 0..<count { text += "    touchpoint a <-> x\(index)\n" }
            text += "  }\n}\n"
            _ = TestSupport.check(text)
        }
    }

    func testManyAllowsInOneBlockAreLinear() {
        assertLinear("N allows in one block", base: 1_000) { count in
            var text = "journey j \"J\" {\n"
            for _ in 0..<count { text += "  allow delivery-gap\n" }
            text += "  stage s \"S\" { phase recognize }\n}\n"
            _ = TestSupport.check(text)
        }
    }

    func testManyErrorsOnOneLineRenderLinearly() {
        assertLinear("errors on one line, human output", base: 300) { count in
            let result = Compiler.check([.path("main.cxj")], provider: InMemoryProvider(["main.cxj": String(repeating: "@ ", count: count)]),
                                        maxDiagnosticsPerFile: .max)
            let renderer = HumanRenderer(colors: false)
            for diagnostic in result.diagnostics { _ = renderer.render(diagnostic, sources: result.sources) }
        }
    }

    func testManyUnknownNamesAmongManyNamesAreLinear() {
        // "Did you mean" is worked out only for the diagnostics shown, not for all N × N pairs.
        assertLinear("N unknown owners among N teams", base: 200) { count in
            var text = (0..<count).map { "team team\($0) \"T\"\n" }.joined()
            text += "journey j \"J\" {\n  stage s \"S\" {\n    organization {\n"
            text += (0..<count).map { "      action a\($0) \"A\" { owner tema\($0) }\n" }.joined()
            text += "    }\n  }\n}\n"
            let result = TestSupport.check(text)
            XCTAssertEqual(result.count(.error), count)
        }
    }
}
