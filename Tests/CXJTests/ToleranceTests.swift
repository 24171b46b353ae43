import Foundation
import XCTest
@testable import CXJ

/// Every error in one run (LANGUAGE.md §5, "Tolerance"): one mistake gives exactly one
/// diagnostic, independent mistakes are all reported, and safe fixes mend what they claim to.
final class ToleranceTests: XCTestCase {
    /// A clean, realistic journey: every single-mistake case below edits it once.
    static let base = """
    persona diner "Hungry office worker"
    team floor "Floor staff"
    team kitchen "Kitchen"
    channel table "At the table" { kind physical }
    channel app "Ordering app" { kind digital }

    journey lunch "Lunch at the canteen" {
      persona diner
      owner floor
      strategy respond-to-desire
      allow no-repeat-loop "A single visit"
      stage order "Orders lunch" {
        phase request
        customer {
          step browse "Reads the menu in the app" { channel app; emotion 1 }
          step order_food "Orders the daily special" { channel app; emotion 0 }
        }
        organization {
          action confirm "Confirms the order" { owner floor; channel app }
          action cook "Cooks the special" { owner kitchen; layer backstage }
        }
        touchpoint browse, order_food <-> confirm { via app; claimed 4; perceived 4 }
      }
      stage eat "Eats" {
        phase respond
        customer {
          step wait "Waits for the food" { channel table; emotion -1; critical }
        }
        organization {
          action serve "Brings the food to the table" { owner floor; channel table }
        }
        touchpoint wait <-> serve { via table; claimed 4; perceived 3.5 }
      }
    }

    """

    /// (what, original text, replacement, the one expected code)
    static let mistakes: [(String, String, String, String)] = [
        ("missing closing quote in a one-line block", "\"Reads the menu in the app\" {", "\"Reads the menu in the app {", "CXJ002"),
        ("missing closing quote before a block line", "stage eat \"Eats\" {", "stage eat \"Eats {", "CXJ002"),
        ("extra closing brace", "      step order_food \"Orders the daily special\" { channel app; emotion 0 }\n",
         "      step order_food \"Orders the daily special\" { channel app; emotion 0 }\n        }\n", "CXJ001"),
        ("missing closing brace", "      action cook \"Cooks the special\" { owner kitchen; layer backstage }\n    }\n",
         "      action cook \"Cooks the special\" { owner kitchen; layer backstage }\n", "CXJ004"),
        ("curly quotes", "\"Waits for the food\"", "“Waits for the food”", "CXJ005"),
        ("colon after a keyword", "emotion -1;", "emotion: -1;", "CXJ005"),
        ("misspelled property", "emotion 1 }", "emotoin 1 }", "CXJ110"),
        ("feelings written as feels", "emotion 1 }", "feels \"happy\" }", "CXJ110"),
        ("Mermaid's section", "stage eat \"Eats\" {", "section eat \"Eats\" {", "CXJ110"),
        ("name with spaces", "step browse \"Reads", "step Browse menu \"Reads", "CXJ001"),
        ("unknown channel", "{ channel app; emotion 1 }", "{ channel ap; emotion 1 }", "CXJ101"),
        ("unknown owner", "{ owner kitchen; layer", "{ owner kitchn; layer", "CXJ101"),
        ("unknown step in a touchpoint", "touchpoint wait <-> serve", "touchpoint wiat <-> serve", "CXJ101"),
        ("unknown action in a touchpoint", "touchpoint wait <-> serve", "touchpoint wait <-> serv", "CXJ101"),
        ("unknown persona", "  persona diner\n", "  persona dinner\n", "CXJ101"),
        ("reversed touchpoint", "touchpoint wait <-> serve", "touchpoint serve <-> wait", "CXJ103"),
        ("owner is a channel", "{ owner floor; channel table }", "{ owner table; channel table }", "CXJ103"),
        ("emotion out of range", "emotion -1;", "emotion -5;", "CXJ104"),
        ("emotion not whole", "emotion 1 }", "emotion 1.5 }", "CXJ104"),
        ("score out of range", "claimed 4; perceived 3.5", "claimed 7; perceived 3.5", "CXJ104"),
        ("huge number", "claimed 4; perceived 3.5", "claimed 4; perceived 100000000000000000000", "CXJ104"),
        ("invalid phase", "phase respond", "phase reply", "CXJ105"),
        ("invalid layer", "layer backstage", "layer back", "CXJ105"),
        ("invalid strategy", "strategy respond-to-desire", "strategy respond-to-desires", "CXJ105"),
        ("emotion twice", "emotion 1 }", "emotion 1; emotion 2 }", "CXJ106"),
        ("persona twice in one statement", "  persona diner\n", "  persona diner, diner\n", "CXJ001"),
        ("catalogue inside a journey", "  owner floor\n", "  owner floor\n  team extra \"Extra\"\n", "CXJ107"),
        ("step outside customer", "    organization {\n      action confirm",
         "    organization {\n      step lost \"Lost\"\n      action confirm", "CXJ107"),
        ("missing import", "persona diner", "import \"catalogue/missing.cxj\"\npersona diner", "CXJ108"),
        ("import outside the project", "persona diner", "import \"../../elsewhere/c.cxj\"\npersona diner", "CXJ108"),
        ("kpi without actual", "  stage eat \"Eats\" {", "  kpi wait_time \"Minutes to food\" { target <= 10min }\n  stage eat \"Eats\" {", "CXJ111"),
        ("duplicate step", "      step wait \"Waits", "      step browse \"Browses again\"\n      step wait \"Waits", "CXJ102"),
        ("unknown unit", "perceived 3.5 }", "perceived 3.5x }", "CXJ006"),
        ("bad escape", "\"Cooks the special\"", "\"Cooks the \\q special\"", "CXJ003"),
        ("stray character", "  owner floor\n", "  owner floor @\n", "CXJ005"),
    ]

    func testTheBaseJourneyIsClean() {
        let result = TestSupport.check(ToleranceTests.base)
        XCTAssertEqual(result.count(.error), 0, "\(TestSupport.codes(result))")
    }

    func testEachSingleMistakeGivesExactlyOneDiagnostic() {
        XCTAssertGreaterThanOrEqual(ToleranceTests.mistakes.count, 30)
        let clean = Set(TestSupport.check(ToleranceTests.base).diagnostics.map { $0.code.id })
        for (what, original, replacement, code) in ToleranceTests.mistakes {
            XCTAssertTrue(ToleranceTests.base.contains(original), "\(what): the base has no `\(original)`")
            let text = ToleranceTests.base.replacingOccurrences(of: original, with: replacement, options: [], range: ToleranceTests.base.range(of: original))
            let result = TestSupport.check(text)
            let errors = result.diagnostics.filter { $0.severity == .error || !clean.contains($0.code.id) }.map { $0.code.id }
            XCTAssertEqual(errors, [code], "\(what):\n" + result.diagnostics.map { ShortRenderer().render($0, sources: result.sources) }.joined(separator: "\n"))
        }
    }

    /// Two independent mistakes in different parts of the file give two diagnostics.
    func testIndependentMistakesAreAllReported() {
        let mistakes = ToleranceTests.mistakes
        for first in 0..<mistakes.count {
            let second = (first * 7 + 3) % mistakes.count
            guard let a = ToleranceTests.base.range(of: mistakes[first].1), let b = ToleranceTests.base.range(of: mistakes[second].1),
                  !a.overlaps(b), abs(ToleranceTests.base.distance(from: a.lowerBound, to: b.lowerBound)) > 200 else { continue }
            var text = ToleranceTests.base
            for index in [first, second].sorted(by: { ToleranceTests.base.range(of: mistakes[$0].1)!.lowerBound > ToleranceTests.base.range(of: mistakes[$1].1)!.lowerBound }) {
                text = text.replacingOccurrences(of: mistakes[index].1, with: mistakes[index].2, options: [], range: text.range(of: mistakes[index].1))
            }
            let codes = TestSupport.check(text).diagnostics.filter { $0.severity == .error }.map { $0.code.id }.sorted()
            let expected = [mistakes[first].3, mistakes[second].3].sorted()
            // A syntax error that opens a block can legitimately absorb what follows; pairs
            // with the missing `}` are covered by its own case.
            if mistakes[first].3 == "CXJ004" || mistakes[second].3 == "CXJ004" { continue }
            // These two edit the same name (`browse`), so they are not independent.
            if Set([mistakes[first].0, mistakes[second].0]) == ["name with spaces", "duplicate step"] { continue }
            XCTAssertEqual(codes, expected, "\(mistakes[first].0) + \(mistakes[second].0)")
        }
    }

    func testOneSyntaxErrorAndTenErrorsInMeaningAreAllReported() {
        var text = ToleranceTests.base
        let edits: [(String, String)] = [
            ("emotion 1 }", "emotoin 1 }"),                                  // CXJ110 (syntax)
            ("{ channel app; emotion 0 }", "{ channel ap; emotion 0 }"),      // CXJ101
            ("{ owner kitchen; layer", "{ owner kitchn; layer"),            // CXJ101
            ("touchpoint wait <-> serve", "touchpoint wiat <-> serve"),     // CXJ101
            ("  persona diner\n", "  persona dinner\n"),                     // CXJ101
            ("{ owner floor; channel table }", "{ owner table; channel table }"), // CXJ103
            ("emotion -1;", "emotion -5;"),                                  // CXJ104
            ("claimed 4; perceived 3.5", "claimed 7; perceived 3.5"),        // CXJ104
            ("phase respond", "phase reply"),                                // CXJ105
            ("layer backstage", "layer back"),                               // CXJ105
            ("strategy respond-to-desire", "strategy respond-to-desires"),   // CXJ105
        ]
        for (original, replacement) in edits {
            XCTAssertNotNil(text.range(of: original), original)
            text = text.replacingOccurrences(of: original, with: replacement, options: [], range: text.range(of: original))
        }
        let codes = TestSupport.codes(TestSupport.check(text)).filter { $0.hasPrefix("CXJ0") || $0.hasPrefix("CXJ1") }
        XCTAssertEqual(codes.count, 11, "\(codes)")
        XCTAssertEqual(codes.filter { $0 == "CXJ110" }.count, 1)
    }

    func testAnErrorInMeaningDoesNotHideGapsElsewhere() {
        let text = ToleranceTests.base
            .replacingOccurrences(of: "{ owner kitchen; layer", with: "{ owner kitchn; layer")
            .replacingOccurrences(of: "claimed 4; perceived 3.5", with: "claimed 5; perceived 2")
        let codes = TestSupport.codes(TestSupport.check(text))
        XCTAssertTrue(codes.contains("CXJ101"), "\(codes)")
        XCTAssertTrue(codes.contains("CXJ204"), "the delivery gap is independent of the unknown owner: \(codes)")
        XCTAssertFalse(codes.contains("CXJ207"), "the action's owner is unknown, not missing: \(codes)")
    }

    func testAnUnusableImportSilencesOnlyWhatItCouldHaveDeclared() {
        let text = "import \"catalogue/missing.cxj\"\n" + ToleranceTests.base
            .replacingOccurrences(of: "team kitchen \"Kitchen\"\n", with: "")
            .replacingOccurrences(of: "touchpoint wait <-> serve", with: "touchpoint wiat <-> serve")
        let codes = TestSupport.codes(TestSupport.check(text))
        XCTAssertEqual(codes.filter { $0 < "CXJ2" }, ["CXJ108", "CXJ101"], "`kitchen` may come from the import; `wiat` may not")
    }

    func testSafeFixesMendWhatTheyClaim() {
        // A name fixed in its declaration does not rename its references: that case is left out.
        let fixable = ToleranceTests.mistakes.filter { ["CXJ002", "CXJ004", "CXJ005", "CXJ001", "CXJ103", "CXJ110", "CXJ101", "CXJ105"].contains($0.3) }
            .filter { $0.0 != "name with spaces" }
        var fixed = 0
        for (what, original, replacement, code) in fixable {
            let text = ToleranceTests.base.replacingOccurrences(of: original, with: replacement, options: [], range: ToleranceTests.base.range(of: original))
            let result = TestSupport.check(text)
            let plan = FixApplier.plan(result, file: 0)
            guard plan.unfixableErrors == 0, !plan.fixes.isEmpty else { continue }
            let mended = String(decoding: FixApplier.apply(plan.fixes, to: Array(text.utf8)), as: UTF8.self)
            let after = TestSupport.check(mended)
            XCTAssertEqual(after.count(.error), 0, "\(what) (\(code)) after its fix:\n\(mended)\n\(TestSupport.codes(after))")
            fixed += 1
        }
        XCTAssertGreaterThanOrEqual(fixed, 10, "most single mistakes have a safe fix")
    }

    // MARK: - Planned gaps and CXJ203

    func testFollowingTheAdviceClearsTheWarning() throws {
        let gap = ToleranceTests.base.replacingOccurrences(of: "claimed 4; perceived 3.5", with: "claimed 5; perceived 2")
        let before = TestSupport.check(gap)
        XCTAssertEqual(before.diagnostics.filter { $0.code == .deliveryGap }.map { $0.severity }, [.warning])
        let planned = gap.replacingOccurrences(of: "  stage eat \"Eats\" {", with: """
          opportunity faster "Send the food within ten minutes" { addresses wait; kind fix }
          stage eat "Eats" {
        """)
        let after = TestSupport.check(planned)
        let finding = try XCTUnwrap(after.diagnostics.first { $0.code == .deliveryGap })
        XCTAssertEqual(finding.severity, .note, "a planned gap is a note")
        XCTAssertTrue(finding.secondary.contains { $0.message == "planned: opportunity `faster` addresses this" })
        XCTAssertEqual(after.count(.warning), 0, "`--deny-warnings` would pass: \(TestSupport.codes(after))")
        let report = String(decoding: OutputFormat.report.emit(after.files, diagnostics: []), as: UTF8.self)
        XCTAssertTrue(report.contains("Gaps that Send the food within ten minutes `faster` addresses:"), report)
        XCTAssertTrue(report.contains("Every gap has an opportunity."), report)

        var keep = RuleConfiguration()
        keep.keepsPlannedGaps = true
        let kept = TestSupport.check(planned, rules: keep)
        XCTAssertEqual(kept.diagnostics.first { $0.code == .deliveryGap }?.severity, .warning)
    }

    func testOneSidedStageOnlyWhereSomethingIsMissing() {
        func codes(_ extraStage: String) -> [String] {
            let text = ToleranceTests.base.replacingOccurrences(of: "  stage eat \"Eats\" {", with: extraStage + "\n  stage eat \"Eats\" {")
            return TestSupport.codes(TestSupport.check(text)).filter { $0 == "CXJ203" }
        }
        XCTAssertEqual(codes("  stage read \"Reads reviews\" { customer { step reviews \"Reads reviews\" { self-service } } }"), [],
                       "every step is self-service")
        XCTAssertEqual(codes("  stage pay \"Pays\" { customer { step pays \"Pays\" } }\n  touchpoint pays <-> serve"), [],
                       "every step is answered by an action of another stage")
        XCTAssertEqual(codes("  stage prep \"Prepares\" { organization { action prep \"Preps\" { owner kitchen } } }\n  touchpoint wait <-> prep"), [],
                       "every action answers a step of another stage")
        XCTAssertEqual(codes("  stage pay \"Pays\" { customer { step pays \"Pays\" } }"), ["CXJ203"])
    }
}

/// Every golden error fixture, with an unrelated second error added: both are reported, and
/// nothing else appears or disappears among the errors.
final class GoldenPairTests: XCTestCase {
    func testAnUnrelatedErrorAddsExactlyOneError() throws {
        let directory = TestSupport.fixtures + "/diagnostics"
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".cxj") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 5)
        // Added at the top, where no unclosed string or block of the fixture can swallow it.
        let extra = Array("team zz_added \"Added\" { kind digital }\n".utf8)
        for name in names {
            let text = try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
            func errors(_ source: [UInt8]) -> [String] {
                let result = Compiler.check([.text(path: name, bytes: source)], provider: InMemoryProvider([:]))
                return result.diagnostics.filter { $0.severity == .error }.map { $0.code.id }.sorted()
            }
            let bom = text.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            let before = errors(text)
            let after = errors(Array(text[..<bom]) + extra + Array(text[bom...]))
            XCTAssertEqual(after, (before + ["CXJ107"]).sorted(), name)
        }
    }
}
