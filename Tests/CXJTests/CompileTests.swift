import Foundation
import XCTest
@testable import CXJ

/// Golden tests of every output format over Examples/, and the real consumers: Graphviz must
/// accept every DOT output with nothing on stderr, and Python's jsonschema must accept every
/// JSON output. Regenerate goldens with CXJ_UPDATE_GOLDENS=1 and review the diff.
final class CompileTests: XCTestCase {
    private let goldens = TestSupport.fixtures + "/compile"

    /// The examples, checked from the repository root so that paths read `Examples/…`.
    static func examples() -> (CheckResult, [Int]) {
        let files = InputDiscovery.cxjFiles(under: TestSupport.repository + "/Examples")
            .map { String($0.dropFirst(TestSupport.repository.count + 1)) }
        let result = Compiler.check(files.map { .path($0) }, provider: RootedProvider(root: TestSupport.repository))
        let journeys = result.workspace.roots.filter { result.files[$0].hasJourneys }
        return (result, journeys)
    }

    static func name(_ result: CheckResult, _ file: Int) -> String {
        let path = result.sources[file].path
        return String(path.split(separator: "/").last!.dropLast(4))
    }

    func testGoldenOutputsForEveryFormat() throws {
        let (result, journeys) = Self.examples()
        XCTAssertGreaterThanOrEqual(journeys.count, 6)
        try FileManager.default.createDirectory(atPath: goldens, withIntermediateDirectories: true)
        for file in journeys {
            XCTAssertFalse(result.hasErrors(affecting: file))
            let diagnostics = result.diagnostics.filter { Set(result.workspace.closure(of: file)).contains($0.location.file) }
            for format in OutputFormat.allCases {
                let output = format.emit([result.files[file]], diagnostics: diagnostics)
                TestSupport.assertGolden(String(decoding: output, as: UTF8.self),
                                         path: "\(goldens)/\(Self.name(result, file)).\(format.fileExtension)")
            }
            let wide = OutputFormat.dot.emit([result.files[file]], diagnostics: [], options: EmitOptions(layout: .wide))
            TestSupport.assertGolden(String(decoding: wide, as: UTF8.self), path: "\(goldens)/\(Self.name(result, file)).wide.dot")
        }
    }

    func testOutputIsByteStable() {
        let (first, journeys) = Self.examples()
        let (second, _) = Self.examples()
        for file in journeys {
            for format in OutputFormat.allCases {
                XCTAssertEqual(format.emit([first.files[file]], diagnostics: first.diagnostics),
                               format.emit([second.files[file]], diagnostics: second.diagnostics))
            }
        }
    }

    func testGraphvizAcceptsEveryDiagram() throws {
        let dot = try ExternalTools.dot()
        let (result, journeys) = Self.examples()
        var inputs = journeys.map { (Self.name(result, $0), OutputFormat.dot.emit([result.files[$0]], diagnostics: [])) }
        inputs.append(("torture", OutputFormat.dot.emit([Self.torture().files[0]], diagnostics: [])))
        for (name, diagram) in inputs {
            let run = try ExternalTools.run(dot, ["-Tsvg"], input: Data(diagram))
            XCTAssertEqual(run.status, 0, "\(name): \(run.stderr)")
            XCTAssertEqual(run.stderr, "", "\(name): Graphviz wrote to stderr")
            XCTAssertTrue(run.stdout.contains("<svg"), name)
        }
    }

    /// The README's diagrams come from Examples/render.sh; they must show every node that the
    /// current DOT output of their example has.
    func testRenderedDiagramsAreCurrent() throws {
        let (result, journeys) = Self.examples()
        let rendered = TestSupport.repository + "/Examples/rendered"
        let svgs = try FileManager.default.contentsOfDirectory(atPath: rendered).filter { $0.hasSuffix(".svg") }
        XCTAssertEqual(svgs.count, 2)
        for svg in svgs {
            let example = String(svg.dropLast(4))
            let file = try XCTUnwrap(journeys.first { Self.name(result, $0) == example }, "no example \(example)")
            let diagram = String(decoding: OutputFormat.dot.emit([result.files[file]], diagnostics: []), as: UTF8.self)
            let picture = try String(contentsOfFile: "\(rendered)/\(svg)", encoding: .utf8)
            let nodes = diagram.split(separator: "\n").compactMap { line -> String? in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard trimmed.hasPrefix("step_") || trimmed.hasPrefix("action_"), !trimmed.contains("->") else { return nil }
                return String(trimmed.prefix { $0 != " " })
            }
            XCTAssertFalse(nodes.isEmpty)
            for node in nodes {
                XCTAssertTrue(picture.contains("<title>\(node)</title>"), "\(svg) lacks \(node): run Examples/render.sh")
            }
        }
    }

    func testGraphvizLaysOutTwoHundredStagesInSeconds() throws {
        let dot = try ExternalTools.dot()
        var text = "team care \"Care\"\nchannel web \"Web\"\njourney big \"Two hundred stages\" {\n  allow no-repeat-loop\n"
        for stage in 0..<200 {
            text += """
              stage s\(stage) "Stage \(stage)" {
                customer {
                  step a\(stage) "Looks at option \(stage)" { channel web; emotion \(stage % 7 - 3) }
                  step b\(stage) "Decides on option \(stage)" { channel web }
                }
                organization {
                  action x\(stage) "Shows option \(stage)" { owner care; channel web }
                  action y\(stage) "Prepares option \(stage)" { owner care; layer backstage }
                }
                touchpoint a\(stage), b\(stage) <-> x\(stage) { via web; claimed 4; perceived \(stage % 3 + 2) }
              }

            """
        }
        text += "}\n"
        let result = TestSupport.check(text)
        XCTAssertEqual(result.count(.error), 0)
        let diagram = OutputFormat.dot.emit([result.files[0]], diagnostics: [])
        let start = Date()
        let run = try ExternalTools.run(dot, ["-Tsvg"], input: Data(diagram))
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stderr, "")
        XCTAssertLessThan(elapsed, 20, "Graphviz took \(elapsed) s for 200 stages")
    }

    func testJSONValidatesAgainstTheSchema() throws {
        let schema = TestSupport.repository + "/Grammar/cxj-output.schema.json"
        let (result, journeys) = Self.examples()
        let all = OutputFormat.json.emit(journeys.map { result.files[$0] }, diagnostics: result.diagnostics)
        if let errors = try ExternalTools.validate(json: all, schema: schema) { XCTFail("examples: \(errors)") }
        let torture = Self.torture()
        let json = OutputFormat.json.emit(torture.files, diagnostics: torture.diagnostics)
        if let errors = try ExternalTools.validate(json: json, schema: schema) { XCTFail("torture: \(errors)") }
    }

    func testJSONValues() throws {
        let result = Self.torture()
        let json = OutputFormat.json.emit(result.files, diagnostics: result.diagnostics)
        let document = try JSONSerialization.jsonObject(with: Data(json)) as! [String: Any]
        let journey = (document["journeys"] as! [[String: Any]])[0]
        let stages = journey["stages"] as! [[String: Any]]
        XCTAssertEqual(stages[1]["conversion"] as? Double, 0.021)
        XCTAssertEqual(stages[1]["targetConversion"] as? Double, 0.05)
        XCTAssertTrue(stages[0]["conversion"] is NSNull, "a value the source does not give is null")
        XCTAssertTrue(stages[0]["phase"] is NSNull)
        let step = (stages[0]["customer"] as! [[String: Any]])[0]
        XCTAssertEqual(step["label"] as? String, "Step \"a\" <b> & {c} | d % e \\ f\nnew line\ttab ลูกค้า 中文 😀")
        let kpi = (stages[1]["kpis"] as! [[String: Any]])[0]
        XCTAssertEqual((kpi["actual"] as! [String: Any])["value"] as? Double, 0.021)
        XCTAssertEqual((kpi["actual"] as! [String: Any])["written"] as? String, "2.1%")
        let metrics = journey["metrics"] as! [String: Any]
        XCTAssertEqual((metrics["largestDrop"] as! [String: Any])["stage"] as? String, "s2")
        XCTAssertEqual(metrics["averageDeliveryGap"] as? Double, 4)
        let findings = journey["findings"] as! [[String: Any]]
        XCTAssertTrue(findings.contains { $0["rule"] as? String == "delivery-gap" && $0["element"] as? String != nil })
    }

    func testTextReportFitsInOneHundredColumns() {
        let (result, journeys) = Self.examples()
        var outputs = journeys.map { OutputFormat.text.emit([result.files[$0]], diagnostics: []) }
        outputs.append(OutputFormat.text.emit(Self.torture().files, diagnostics: []))
        for output in outputs {
            for line in String(decoding: output, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
                XCTAssertLessThanOrEqual(DisplayWidth.of(String(line)), 100, "too wide: \(line)")
            }
        }
    }

    func testMarkdownEscapesTablesAndKeepsCodeSpans() {
        let markdown = String(decoding: OutputFormat.report.emit(Self.torture().files, diagnostics: []), as: UTF8.self)
        XCTAssertTrue(markdown.contains("# Gap report: Title with \"quotes\", \\\\backslash\\\\, &lt;tags&gt;, {a\\|b}, 100% &amp; more"))
        for line in markdown.split(separator: "\n") where line.hasPrefix("|") {
            let unescaped = line.replacingOccurrences(of: "\\|", with: "")
            let cells = unescaped.split(separator: "|", omittingEmptySubsequences: false).count
            XCTAssertTrue(cells >= 3, "table row lost its cells: \(line)")
        }
        XCTAssertTrue(markdown.contains("`a-b, a_b <-> x`"))
    }

    /// A journey with every special character in labels and ids, a funnel and a delivery gap.
    static func torture() -> CheckResult {
        TestSupport.check("""
        team t_1 "Team \\"quoted\\" & <brackets> {braces} | pipe % percent \\\\ backslash"
        channel ch "Chan <b>not bold</b> \\u{1F600} ]]> --> <!-- & &amp;"

        journey j-one "Title with \\"quotes\\", \\\\backslash\\\\, <tags>, {a|b}, 100% & more" {
          allow no-repeat-loop
          stage s_1 "Stage \\"one\\" <x> {y} | z % \\\\ ลูกค้ากังวล 担心 😀" {
            reach 100_000
            customer {
              step a-b "Step \\"a\\" <b> & {c} | d % e \\\\ f\\nnew line\\ttab ลูกค้า 中文 😀" { channel ch; emotion -3; critical }
              step a_b "Underscore step, distinct from a-b, with a label long enough to need wrapping in every output" { emotion 3 }
            }
            organization {
              action x "Action <html> \\"q\\" & \\\\" { owner t_1; channel ch; automation ai }
            }
            touchpoint a-b, a_b <-> x { via ch; claimed 5; perceived 1 }
          }
          stage s2 "Second" {
            reach 2_100
            target-conversion 5%
            kpi k "Share" { actual 2.1%; target >= 5% }
          }
        }
        """)
    }
}
