import Foundation
import XCTest
@testable import CXJ

/// `--to mermaid` and `cxj import mermaid`: escaping, the score mapping, golden imports of
/// real-style diagrams, the round trip, and Mermaid 11 itself (PyPI's mermaidx) as consumer.
final class MermaidTests: XCTestCase {
    private var fixtures: String { TestSupport.fixtures + "/mermaid" }

    // MARK: - Export

    func testEscapingTable() {
        let cases: [(String, MermaidText.Place, String)] = [
            ("Pays: by card", .task, "Pays∶ by card"),
            ("Pays: by card", .title, "Pays: by card"),
            ("Step 1: sign up", .section, "Step 1∶ sign up"),
            ("Care, tier 1", .actor, "Care‚ tier 1"),
            ("Care, tier 1", .task, "Care, tier 1"),
            ("Order #42", .task, "Order ＃42"),
            ("a; b", .task, "a； b"),
            ("100%% sure", .task, "100%％ sure"),
            ("90% done", .task, "90% done"),
            ("Title page", .task, "\u{2060}Title page"),
            ("section two", .section, "section two"),
            ("section two", .task, "\u{2060}section two"),
            ("Journeys end", .task, "\u{2060}Journeys end"),
            ("two\nlines\there", .task, "two lines here"),
            ("bell\u{7}\u{1B}[31m", .task, "bell [31m"),
            ("โทรแจ้งว่ากล่องรองเท้าบุบ", .task, "โทรแจ้งว่ากล่องรองเท้าบุบ"),
            ("看到主播推荐：好", .task, "看到主播推荐：好"),
            ("Happy 😀", .actor, "Happy 😀"),
            ("  spaced  out  ", .task, "spaced out"),
        ]
        for (text, place, expected) in cases {
            XCTAssertEqual(MermaidText.escape(text, as: place), expected, "\(text) as \(place)")
        }
    }

    func testScoreMapping() {
        let expected: [(Int?, Int, String?)] = [
            (-3, 1, "cxj: emotion -3"), (-2, 1, nil), (-1, 2, nil), (0, 3, nil), (1, 4, nil), (2, 5, nil), (3, 5, "cxj: emotion 3"),
            (nil, 3, "cxj: no emotion"),
        ]
        for (emotion, score, marker) in expected {
            XCTAssertEqual(MermaidScore.score(for: emotion), score)
            XCTAssertEqual(MermaidScore.marker(for: emotion), marker)
        }
        XCTAssertEqual([0.5, 1, 1.4, 2.5, 3, 4.6, 5, 9].map { MermaidScore.emotion(for: $0) }, [-2, -2, -2, -1, 0, 2, 2, 2])
    }

    func testAStepThatNothingAnswersShowsIt() {
        let result = TestSupport.check("""
        persona ana "Ana"
        team care "Care"
        journey j "J" {
          persona ana
          stage s "S" {
            customer {
              step asks "Asks: where is my order?" { emotion -3 }
              step reads "Reads the FAQ" { self-service }
            }
            organization { action x "X" { owner care } }
          }
        }
        """)
        let text = String(decoding: OutputFormat.mermaid.emit(result.files, diagnostics: []), as: UTF8.self)
        XCTAssertEqual(text, """
        journey
          title J
          section S
            %% cxj: emotion -3
            Asks∶ where is my order?: 1: Ana, nobody answers
            %% cxj: no emotion
            Reads the FAQ: 3: Ana

        """)
    }

    // MARK: - Import

    func testImportGoldens() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: fixtures).filter { $0.hasSuffix(".mmd") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 6)
        for name in names {
            let base = String(name.dropLast(4))
            let source = SourceFile(path: name, bytes: try [UInt8](Data(contentsOf: URL(fileURLWithPath: fixtures + "/" + name))))
            let result = MermaidImporter.convert(source)
            let renderer = HumanRenderer(colors: false)
            let report = result.diagnostics.map { renderer.render($0, sources: [source]) + "\n" }.joined()
            TestSupport.assertGolden(report, path: "\(fixtures)/\(base).human")
            if let text = result.text {
                TestSupport.assertGolden(text, path: "\(fixtures)/\(base).cxj")
                let checked = TestSupport.check(text)
                XCTAssertEqual(checked.count(.error), 0, "\(name) imports with errors: \(TestSupport.codes(checked))")
                XCTAssertEqual(Formatter.format(SourceFile(path: "x.cxj", text: text)).output.map { String(decoding: $0, as: UTF8.self) }, text,
                               "\(name): the import is formatted")
            } else {
                XCTAssertTrue(result.diagnostics.contains { $0.severity == .error }, name)
            }
        }
    }

    func testImportMapsActorsAndKeepsLabelsExactly() throws {
        let source = SourceFile(path: "r.mmd", bytes: try [UInt8](Data(contentsOf: URL(fileURLWithPath: fixtures + "/restaurant-actors.mmd"))))
        let text = try XCTUnwrap(MermaidImporter.convert(source).text)
        let result = TestSupport.check(text)
        let file = result.files[0]
        let journey = file.journeys[0]
        XCTAssertEqual(file.text(journey.title), "Dinner at Nonna's")
        XCTAssertEqual(journey.steps.map { file.text($0.label) },
                       ["Books a table online", "Waits for the table", "Waits for the food", "Eats", "Asks for the bill", "Pays at the counter"])
        XCTAssertEqual(journey.actions.map { file.text($0.label) }, ["Confirms the booking", "Takes the order", "Cooks the pasta"])
        XCTAssertEqual(journey.actions.map { file.text(file.catalogue.entries[Int($0.owner)].label) }, ["Host", "Waiter", "Kitchen"])
        XCTAssertEqual(file.text(file.catalogue.entries[Int(journey.persona)].label), "Guest")
        XCTAssertTrue(journey.touchpoints.isEmpty, "no touchpoint is invented")
        XCTAssertTrue(TestSupport.codes(result).contains("CXJ201"), "the gaps show once imported")

        let chosen = try XCTUnwrap(MermaidImporter.convert(source, customer: "Waiter").text)
        let waiter = TestSupport.check(chosen).files[0]
        XCTAssertEqual(waiter.journeys[0].steps.map { waiter.text($0.label) }, ["Takes the order", "Cooks the pasta", "Asks for the bill"],
                       "`--customer` chooses the customer actor")
    }

    func testRoundTripKeepsStagesStepsLabelsAndEmotions() throws {
        for name in exampleNames {
            let original = checkExample(name)
            for (fileIndex, file) in original.files.enumerated() where original.workspace.roots.contains(fileIndex) {
                for index in file.journeys.indices {
                    let diagram = MermaidEmitter.diagram(file, journey: index)
                    let imported = MermaidImporter.convert(SourceFile(path: "x.mmd", text: diagram))
                    let text = try XCTUnwrap(imported.text, "\(name): \(imported.diagnostics.map { $0.message })")
                    let back = TestSupport.check(text).files[0].journeys[0]
                    let backFile = TestSupport.check(text).files[0]
                    let journey = file.journeys[index]
                    XCTAssertEqual(backFile.text(back.title), file.text(journey.title), name)
                    XCTAssertEqual(back.stages.map { backFile.text($0.title) }, journey.stages.map { file.text($0.title) }, name)
                    XCTAssertEqual(back.steps.map { backFile.text($0.label) }, journey.steps.map { file.text($0.label) }, name)
                    XCTAssertEqual(back.steps.map { $0.emotion }, journey.steps.map { $0.emotion }, name)
                    XCTAssertEqual(back.steps.map { $0.stage }, journey.steps.map { $0.stage }, name)
                }
            }
        }
    }

    // MARK: - Mermaid itself

    func testMermaidRendersEveryExportAndTheEscapes() throws {
        var diagrams: [String: String] = [:]
        var expectedTasks: [String: Int] = [:]
        for name in exampleNames {
            let result = checkExample(name)
            for (fileIndex, file) in result.files.enumerated() where result.workspace.roots.contains(fileIndex) {
                for index in file.journeys.indices {
                    diagrams["\(name)#\(index)"] = MermaidEmitter.diagram(file, journey: index)
                    expectedTasks["\(name)#\(index)"] = file.journeys[index].steps.count
                }
            }
        }
        let hostile = TestSupport.check("""
        persona p "Guest, VIP: #1; 100%% sure"
        team t "Care: tier 1, nights"
        journey j "Title: with # and ; and %%" {
          persona p
          stage s "Section: one # two ; three" {
            customer {
              step a "Title page: read # this; now %% ok" { emotion 1 }
              step b "section two" { emotion -3 }
              step c "Journey's end, ไทย 中文 😀" { emotion 3 }
              step d "accTitle: nope" { emotion 0 }
            }
            organization { action x "X" { owner t } }
            touchpoint a, b, c, d <-> x
          }
        }
        """)
        XCTAssertEqual(hostile.count(.error), 0, "\(TestSupport.codes(hostile))")
        diagrams["hostile"] = MermaidEmitter.diagram(hostile.files[0], journey: 0)
        expectedTasks["hostile"] = 4
        let rendered = try MermaidRenderer.render(diagrams)
        for (name, expected) in expectedTasks {
            let outcome = try XCTUnwrap(rendered[name], name)
            XCTAssertNil(outcome.error, "\(name): \(outcome.error ?? "")\n\(diagrams[name]!)")
            XCTAssertEqual(outcome.tasks, expected, "\(name): one task per step")
        }
        XCTAssertTrue(rendered["hostile"]!.text.contains("Title page∶ read ＃ this； now %％ ok"), rendered["hostile"]!.text)
    }

    func testImportFixturesAreDiagramsMermaidAcceptsOrRejectsAsWeSay() throws {
        var diagrams: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: fixtures) where name.hasSuffix(".mmd") {
            diagrams[name] = try String(contentsOfFile: fixtures + "/" + name, encoding: .utf8)
        }
        let rendered = try MermaidRenderer.render(diagrams)
        for (name, text) in diagrams {
            let result = MermaidImporter.convert(SourceFile(path: name, text: text))
            let rejected = result.diagnostics.contains { $0.code == .mermaidSyntax || $0.code == .mermaidNotJourney }
            if name == "not-a-journey.mmd" { continue } // a valid flowchart, but not a journey
            XCTAssertEqual(rendered[name]?.error != nil, rejected, "\(name): Mermaid says \(rendered[name]?.error ?? "ok")")
        }
    }

    // MARK: - Helpers

    private let exampleNames = ["marathon-rescue", "freemium-funnel", "black-friday", "club-renewal", "live-shopping-zh", "care-call-th"]

    private func checkExample(_ name: String) -> CheckResult {
        Compiler.check([.path("Examples/\(name).cxj")], provider: RootedProvider(root: TestSupport.repository))
    }
}

/// Renders Mermaid diagrams with Mermaid 11 itself (PyPI's mermaidx, mermaid.js in QuickJS),
/// all in one Python process.
enum MermaidRenderer {
    struct Outcome {
        var error: String?
        var tasks: Int
        var text: String
    }

    static func render(_ diagrams: [String: String]) throws -> [String: Outcome] {
        guard let python = ExternalTools.find("python3") else { try ExternalTools.unavailable("`python3` is not installed") }
        guard try ExternalTools.run(python, ["-c", "import mermaidx"]).status == 0 else {
            try ExternalTools.unavailable("PyPI's `mermaidx` is not installed (pip install mermaidx)")
        }
        let script = """
        import html, json, re, sys, mermaidx
        out = {}
        for name, source in json.load(sys.stdin).items():
            try:
                svg = mermaidx.render(source).svg()
                text = html.unescape(" ".join(re.findall(r'<div class="label"[^>]*>([^<]*)</div>', svg)))
                out[name] = {"tasks": svg.count('class="task task-type-'), "text": text}
            except Exception as error:
                out[name] = {"error": str(error).splitlines()[0] + " " + " ".join(str(error).splitlines()[1:4]), "tasks": 0, "text": ""}
        json.dump(out, sys.stdout)
        """
        let input = try JSONSerialization.data(withJSONObject: diagrams)
        let run = try ExternalTools.run(python, ["-c", script], input: input)
        guard run.status == 0, let data = run.stdout.data(using: .utf8),
              let object = try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]] else {
            XCTFail("mermaidx failed: \(run.stderr)")
            return [:]
        }
        return object.mapValues { Outcome(error: $0["error"] as? String, tasks: $0["tasks"] as? Int ?? 0, text: $0["text"] as? String ?? "") }
    }
}
