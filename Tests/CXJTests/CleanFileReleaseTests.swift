import XCTest
@testable import CXJ

/// A run that reports diagnostics and emits nothing (`cxj check` over several files) drops the
/// model and hands back the bytes of each file with no diagnostic that no other file's
/// diagnostic can point into (`Compiler.releaseIfClean`). Every diagnostic format must read
/// as it does in a run that keeps them, and exactly those files must go.
final class CleanFileReleaseTests: XCTestCase {
    private var files: [String: String] {
        func journey(_ name: String, imports: [String], perceived: String = "4.5", body: String = "", top: String = "") -> String {
            imports.map { "import \"\($0)\"\n" }.joined() + top + """

                journey \(name) "旅程 \(name) 🛒" {
                  persona shopper
                  allow no-repeat-loop
                \(body)  stage s "สั่งซื้อ" {
                    customer {
                      step a "ซื้อ" { channel app; emotion 1 }
                    }
                    organization {
                      action x "Ships" { owner care; channel app; uses oms }
                    }
                    touchpoint a <-> x { via app; claimed 4.5; perceived \(perceived) }
                  }
                }

                """
        }
        let catalogue = "../catalogue/common.cxj"
        return [
            "catalogue/common.cxj": """
                import "teams.cxj"

                persona shopper "ผู้ซื้อ"
                channel app "应用 📱" { kind digital }
                system oms "Order management" { owner logistics }

                """,
            "catalogue/teams.cxj": "team care \"Care\"\nteam logistics \"โลจิสติกส์\"\n",
            // Clean itself; a journey that imports it and `teams.cxj` reports their duplicate in it.
            "catalogue/more-teams.cxj": "team care \"ฝ่ายดูแล\"\n",
            // Not an input: a journey importing it is checked after the load.
            "extras/kiosk.cxj": "channel kiosk \"Kiosk 🏧\" { kind physical }\n",
            "journeys/a-clean.cxj": journey("clean", imports: [catalogue]),
            "journeys/b-gap.cxj": journey("gap", imports: [catalogue], perceived: "2"),
            "journeys/c-syntax.cxj": journey("syntax", imports: [catalogue], body: "  stage t \"T\" { phase }\n"),
            "journeys/d-imported.cxj": journey("imported", imports: [catalogue]),
            "journeys/e-importer.cxj": journey("importer", imports: [catalogue, "d-imported.cxj"]),
            "journeys/f-cycle-1.cxj": journey("cycle1", imports: [catalogue, "f-cycle-2.cxj"]),
            "journeys/f-cycle-2.cxj": journey("cycle2", imports: [catalogue, "f-cycle-1.cxj"]),
            "journeys/g-missing.cxj": journey("missing", imports: [catalogue, "nowhere.cxj"]),
            "journeys/h-own.cxj": journey("own", imports: [catalogue], top: "team sales \"ขาย\"\n"),
            "journeys/i-allowed.cxj": journey("allowed", imports: [catalogue], perceived: "2", body: "  allow delivery-gap\n"),
            "journeys/j-late.cxj": journey("late", imports: [catalogue, "../extras/kiosk.cxj"]),
            "journeys/k-duplicate.cxj": journey("duplicate", imports: [catalogue, "../catalogue/more-teams.cxj"]),
            // An unknown name, whose `did you mean` is worked out from the file's model.
            "journeys/l-typo.cxj": journey("typo", imports: [catalogue], body: "  stage t \"T\" { customer { step b \"B\" { channel ap } } }\n"),
        ]
    }

    /// The files a releasing run hands back: clean, declaring no entry, named by no load diagnostic.
    /// (`k-duplicate` reports the duplicate of the catalogues it imports, located in them.)
    private let released = ["journeys/a-clean.cxj", "journeys/d-imported.cxj", "journeys/e-importer.cxj",
                            "journeys/i-allowed.cxj", "journeys/j-late.cxj"]
    /// The files that keep their bytes but drop their models, their diagnostics' suggestions and
    /// waiting labels worked out first (`Compiler.settleAndDropModel`): diagnostics, no entry of
    /// their own, named by no load diagnostic.
    private let settled = ["journeys/b-gap.cxj", "journeys/c-syntax.cxj", "journeys/k-duplicate.cxj", "journeys/l-typo.cxj"]

    private func check(releasing: Bool, deferring: (@Sendable (Int) -> Bool)? = nil) -> CheckResult {
        TestSupport.checkFolder(files, releasingTrees: true, deferring: deferring, keepsJourneyFacts: !releasing)
    }

    /// Every diagnostic format, as `cxj check` prints it.
    private func rendered(_ result: CheckResult) -> [String] {
        let sources = result.sources
        let human = HumanRenderer(colors: false)
        return [result.diagnostics.map { human.render($0, sources: sources) }.joined(separator: "\n"),
                result.diagnostics.map { ShortRenderer().render($0, sources: sources) }.joined(separator: "\n"),
                result.diagnostics.map { GitHubRenderer().render($0, sources: sources) }.joined(separator: "\n"),
                DiagnosticDocument.render(result.diagnostics, sources: sources),
                SARIFRenderer.render(result.diagnostics, sources: sources, currentDirectory: "/project")]
    }

    func testAReleasingRunReportsWhatAKeepingRunDoes() {
        let kept = check(releasing: false)
        let codes = Set(kept.diagnostics.map(\.code.id))
        // What the files are there for: a gap, a syntax error, a cycle, a missing import, a duplicate.
        for code in ["CXJ204", "CXJ109", "CXJ108", "CXJ102"] { XCTAssertTrue(codes.contains(code), "no \(code) in \(codes.sorted())") }
        XCTAssertTrue(codes.contains { $0.hasPrefix("CXJ00") }, "no syntax error")
        XCTAssertTrue(kept.diagnostics.contains { $0.help == "did you mean `app`?" }, "no suggestion for `ap`")
        XCTAssertTrue(kept.diagnostics.contains { $0.secondary.contains { $0.message.contains("the company claims") } }, "no label on a claimed value")
        XCTAssertTrue(kept.sources.allSatisfy { !$0.bytesWereReleased }, "a run that keeps its models released a file")
        let expected = rendered(kept)
        for (name, rule) in [("nothing", nil), ("every file", { @Sendable (_: Int) in true }),
                             ("even files", { @Sendable (file: Int) in file % 2 == 0 })] as [(String, (@Sendable (Int) -> Bool)?)] {
            for run in 0..<3 {
                let result = check(releasing: true, deferring: rule)
                let what = "deferring \(name), run \(run)"
                XCTAssertEqual(result.sources.filter(\.bytesWereReleased).map(\.path).sorted(), released, what)
                XCTAssertEqual(rendered(result), expected, what)
                XCTAssertTrue(result.diagnostics == kept.diagnostics, "\(what): diagnostics differ")
                XCTAssertEqual(result.count(.warning), kept.count(.warning), what)
                for (index, source) in result.sources.enumerated() {
                    let isReleased = released.contains(source.path)
                    XCTAssertEqual(source.bytes.isEmpty, isReleased, "\(what): \(source.path)")
                    let dropsModel = isReleased || settled.contains(source.path)
                    XCTAssertEqual(result.files[index].journeys.count, dropsModel ? 0 : kept.files[index].journeys.count,
                                   "\(what): \(source.path)'s model")
                    if isReleased { XCTAssertEqual(kept.files[index].journeys.count, 1, source.path) }
                    XCTAssertEqual(result.hasErrors(affecting: index), kept.hasErrors(affecting: index), what)
                }
            }
        }
    }

    func testOneFileIsNeverReleased() {
        let saved = Workspace.releasesTreesForTests
        Workspace.releasesTreesForTests = true
        defer { Workspace.releasesTreesForTests = saved }
        let text = files["journeys/k-duplicate.cxj"]!.replacingOccurrences(of: "import", with: "// import")
        let result = Compiler.check([.text(path: "one.cxj", bytes: Array(text.utf8))], provider: InMemoryProvider([:]),
                                    keepsJourneyFacts: false)
        XCTAssertFalse(result.sources[0].bytesWereReleased)
        XCTAssertFalse(result.sources[0].bytes.isEmpty)
    }
}
