import Foundation
import XCTest
@testable import CXJ

/// Where a step's or touchpoint's value is written is found again from its statement
/// (`CheckedFile.valueLocation`), not stored: it must find what lowering read.
final class ValueLocationTests: XCTestCase {
    private static let catalogue = """
    channel app "App" { kind digital }
    channel desk "Desk" { kind human }
    team ops "Ops"

    """

    /// A journey with one step `s` (written as given), one action and one touchpoint (as given).
    private func journey(step: String, touchpoint: String = "touchpoint s <-> a { via app }") -> String {
        ValueLocationTests.catalogue + """
        journey j "J" {
          stage one "One" {
            customer {
              \(step)
            }
            organization {
              action a "Answers" { owner ops; channel app }
            }
            \(touchpoint)
          }
        }

        """
    }

    /// The text at a location of the checked main file.
    private func text(_ location: SourceLocation?, in result: CheckResult) -> String? {
        guard let location else { return nil }
        return String(decoding: result.sources[location.file].bytes.array[location.start..<location.end], as: UTF8.self)
    }

    func testFindsAStepsValues() {
        let cases: [(name: String, step: String, channel: String?, emotion: String?)] = [
            ("one line", #"step s "Waits" { channel app; emotion -2 }"#, "app", "-2"),
            ("values in the other order", #"step s "Waits" { emotion 3; channel desk }"#, "desk", "3"),
            ("one value", #"step s "Waits" { emotion 1 }"#, nil, "1"),
            ("no block", #"step s "Waits""#, nil, nil),
            ("lines and comments", """
            step s "Waits" {
                    # channel desk
                    emotion -1 # channel desk
                    thinks "channel desk; emotion 3"
                    channel app
                  }
            """, "app", "-1"),
            ("named like the property", #"step channel "channel" { note "emotion 2"; channel app; emotion 0 }"#, "app", "0"),
            ("Thai, Chinese and emoji before", #"step s "รอรถ 🚌 等车" { thinks "ช่องทาง 😀"; channel app; emotion -3 }"#, "app", "-3"),
            ("a multi-line text before", "step s \"Waits\" {\n        note \"\"\"\n        channel desk\n        \"\"\"\n        channel app\n      }", "app", nil),
        ]
        for (name, stepText, channel, emotion) in cases {
            let source = journey(step: stepText, touchpoint: stepText.hasPrefix("step channel") ? "touchpoint channel <-> a { via app }" : "touchpoint s <-> a { via app }")
            let result = TestSupport.check(source)
            XCTAssertEqual(result.count(.error), 0, "\(name): \(result.diagnostics.map(\.message))")
            let file = result.files[0]
            let step = file.journeys[0].steps[0]
            XCTAssertEqual(text(file.valueLocation(of: .channel, in: step.statement), in: result), channel, name)
            XCTAssertEqual(text(file.valueLocation(of: .emotion, in: step.statement), in: result), emotion, name)
        }
    }

    func testFindsATouchpointsValues() {
        let cases: [(name: String, touchpoint: String, via: String?, claimed: String?, perceived: String?)] = [
            ("one line", "touchpoint s <-> a { via app; claimed 4.5; perceived 2 }", "app", "4.5", "2"),
            ("no block", "touchpoint s <-> a", nil, nil, nil),
            ("lines and a note", """
            touchpoint s <-> a {
                  note "claimed 5, via desk"
                  perceived 3.25
                  # claimed 1
                  claimed 4
                }
            """, nil, "4", "3.25"),
        ]
        for (name, touchpointText, via, claimed, perceived) in cases {
            let result = TestSupport.check(journey(step: #"step s "Waits" { channel app }"#, touchpoint: touchpointText))
            XCTAssertEqual(result.count(.error), 0, "\(name): \(result.diagnostics.map(\.message))")
            let file = result.files[0]
            let touchpoint = file.journeys[0].touchpoints[0]
            XCTAssertEqual(text(file.valueLocation(of: .via, in: touchpoint.statement), in: result), via, name)
            XCTAssertEqual(text(file.valueLocation(of: .claimed, in: touchpoint.statement), in: result), claimed, name)
            XCTAssertEqual(text(file.valueLocation(of: .perceived, in: touchpoint.statement), in: result), perceived, name)
        }
    }

    /// A repeated or malformed property is an error in the statement; lowering read the first
    /// well-formed one, and so does the search.
    func testTakesTheFirstWellFormedValue() {
        let result = TestSupport.check(journey(step: #"step s "Waits" { channel; channel desk; channel app }"#))
        XCTAssertGreaterThan(result.count(.error), 0)
        let file = result.files[0]
        let step = file.journeys[0].steps[0]
        XCTAssertEqual(text(file.valueLocation(of: .channel, in: step.statement), in: result), "desk")
        XCTAssertEqual(file.catalogue.entries[Int(step.channel)].name, "desk")
    }

    /// Across the examples and fixtures, every value the model holds is found where it is
    /// written: the channel's or via's name, the emotion's and the scores' numbers.
    func testAgreesWithTheModelInEveryExample() throws {
        var paths: [String] = []
        for directory in [TestSupport.repository + "/Examples", TestSupport.fixtures] {
            let enumerator = FileManager.default.enumerator(atPath: directory)
            while let relative = enumerator?.nextObject() as? String {
                if relative.hasSuffix(".cxj") { paths.append(directory + "/" + relative) }
            }
        }
        paths.sort()
        XCTAssertGreaterThan(paths.count, 10)
        var compared = 0
        for path in paths {
            let result = Compiler.check([.path(path)])
            for file in result.files where file.isRoot {
                for journey in file.journeys {
                    for step in journey.steps {
                        let channel = text(file.valueLocation(of: .channel, in: step.statement), in: result)
                        if step.channel >= 0 {
                            XCTAssertEqual(channel, file.catalogue.entries[Int(step.channel)].name, path)
                            compared += 1
                        }
                        if let emotion = step.emotion {
                            let written = text(file.valueLocation(of: .emotion, in: step.statement), in: result)
                            XCTAssertEqual(written.flatMap { Int8($0) }, emotion, path)
                            compared += 1
                        }
                    }
                    for touchpoint in journey.touchpoints {
                        if touchpoint.via >= 0 {
                            XCTAssertEqual(text(file.valueLocation(of: .via, in: touchpoint.statement), in: result),
                                           file.catalogue.entries[Int(touchpoint.via)].name, path)
                            compared += 1
                        }
                        for (property, value) in [(Keyword.claimed, touchpoint.claimed), (.perceived, touchpoint.perceived)] {
                            guard let value else { continue }
                            let written = text(file.valueLocation(of: property, in: touchpoint.statement), in: result)
                            XCTAssertEqual(written.flatMap { Double($0) }, value, path)
                            compared += 1
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(compared, 100, "the examples hold values to compare")
    }
}

extension ValueLocationTests {
    /// The gap rules' labels on values wait until their diagnostics are shown: those shown
    /// point at the values, none is left waiting, and those beyond `--max-diagnostics` are
    /// never looked for.
    func testShownDiagnosticsGetTheirValueLabels() {
        var touchpoints = ""
        var steps = ""
        for index in 0..<5 {
            steps += "      step s\(index) \"Waits\" { channel desk; emotion -3 }\n"
            touchpoints += "    touchpoint s\(index) <-> a { via app; claimed 4.5; perceived 2 }\n"
        }
        let source = ValueLocationTests.catalogue + """
        journey j "J" {
          stage one "One" {
            customer {
        \(steps)    }
            organization {
              action a "Answers" { owner ops; channel app }
            }
        \(touchpoints)  }
        }

        """
        let shown = Compiler.check([.path("main.cxj")], provider: InMemoryProvider(["main.cxj": source]), maxDiagnosticsPerFile: 1000)
        XCTAssertEqual(shown.count(.error), 0, "\(shown.diagnostics.map(\.message))")
        var labels: [String: [String]] = [:]
        for diagnostic in shown.diagnostics {
            for label in diagnostic.secondary {
                XCTAssertNil(label.pendingValueOf, diagnostic.message)
                labels[diagnostic.code.id, default: []].append(text(label.location, in: shown)! + " " + label.message)
            }
        }
        XCTAssertEqual(labels["CXJ204"]?.count, 10)
        XCTAssertEqual(Set(labels["CXJ204"] ?? []), ["4.5 the company claims 4.5", "2 customers perceive 2"])
        var mismatches: Set<String> = ["app the touchpoint's channel"]
        for index in 0..<5 { mismatches.insert("desk step `s\(index)` happens on `desk`") }
        XCTAssertEqual(labels["CXJ208"]?.count, 10)
        XCTAssertEqual(Set(labels["CXJ208"] ?? []), mismatches)
        XCTAssertEqual(Set(labels["CXJ212"] ?? []), ["-3 emotion -3"])

        let limited = Compiler.check([.path("main.cxj")], provider: InMemoryProvider(["main.cxj": source]), maxDiagnosticsPerFile: 3)
        XCTAssertEqual(limited.diagnostics.count, 3)
        XCTAssertEqual(Array(shown.diagnostics.prefix(3)), limited.diagnostics)
        XCTAssertTrue(limited.files[0].findings.contains { $0.diagnostic.secondary.contains { $0.pendingValueOf != nil } },
                      "a finding's labels are looked for only when it is shown")
    }
}
