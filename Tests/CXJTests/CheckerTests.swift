import XCTest
@testable import CXJ

/// Table-driven tests of the checker: references, values, duplicates, requirements, imports.
final class CheckerTests: XCTestCase {
    /// A catalogue and a minimal, finding-free journey shell around `body` (stage-level text).
    private func journey(_ stageBody: String, journeyBody: String = "") -> String {
        """
        team care "Care"
        channel twitter "Twitter" { kind digital }
        system cdp "CDP" { owner care }
        persona runner "Runner"

        journey j "J" {
          persona runner
          allow no-repeat-loop
          \(journeyBody)
          stage s "S" {
            customer {
              step a "A" { channel twitter }
            }
            organization {
              action x "X" { owner care; channel twitter; uses cdp }
            }
            touchpoint a <-> x { via twitter }
            \(stageBody)
          }
        }
        """
    }

    func testCleanJourneyHasNoDiagnostics() {
        XCTAssertEqual(TestSupport.codes(TestSupport.check(journey(""))), [])
    }

    func testErrorsInMeaning() {
        let cases: [(String, String, [String])] = [
            ("unknown team", "kpi k \"K\" { actual 1 }\n  organization { }", ["CXJ106"]),
            ("unknown reference", "touchpoint a <-> nobody", ["CXJ101"]),
            ("unknown channel", "touchpoint a <-> x { via twiter }", ["CXJ101"]),
            ("wrong kind: step on the right", "touchpoint a <-> a", ["CXJ103"]),
            ("wrong kind: team as channel", "touchpoint a <-> x { via care }", ["CXJ103"]),
            ("duplicate element", "kpi a \"dup\" { actual 1 }", ["CXJ102"]),
            ("emotion out of range", "customer { }", ["CXJ106"]),
            ("score out of range", "touchpoint a <-> x { claimed 6 }", ["CXJ104"]),
            ("score with unit", "touchpoint a <-> x { perceived 4% }", ["CXJ104"]),
            ("percent needed", "target-conversion 0.9", ["CXJ104"]),
            ("percent above 100", "target-conversion 120%", ["CXJ104"]),
            ("reach negative", "reach -5", ["CXJ104"]),
            ("reach fractional", "reach 10.5", ["CXJ104"]),
            ("kpi units differ", "kpi k \"K\" { actual 5; target >= 3% }", ["CXJ104"]),
            ("kpi without actual", "kpi k \"K\" { target >= 3 }", ["CXJ111"]),
            ("invalid phase", "phase respnd", ["CXJ105"]),
            ("phase given twice", "phase respond\n  phase request", ["CXJ106"]),
            ("loops-to outside a repeat stage", "phase respond\n  loops-to s", ["CXJ107"]),
            ("loops-to unknown stage", "phase repeat\n  loops-to nowhere", ["CXJ101"]),
            ("unknown rule in allow", "allow delivery-gaps", ["CXJ101"]),
            ("language error in allow", "allow CXJ101", ["CXJ101"]),
        ]
        for (name, body, expected) in cases {
            XCTAssertEqual(TestSupport.codes(TestSupport.check(journey(body))), expected, name)
        }
    }

    func testJourneyLevelErrors() {
        let cases: [(String, String, [String])] = [
            ("invalid strategy", "strategy coach-behaviour", ["CXJ105"]),
            ("persona twice", "persona runner", ["CXJ106"]),
            ("owner is a channel", "owner twitter", ["CXJ103"]),
            ("opportunity without addresses", "opportunity o \"O\" { kind fix }", ["CXJ111"]),
            ("opportunity addressing a kpi", "kpi k \"K\" { actual 1 }\n  opportunity o \"O\" { addresses k }", ["CXJ103"]),
            ("invalid level", "opportunity o \"O\" { addresses a; impact huge }", ["CXJ105"]),
            // An opportunity's name, found where another element's is expected (its kind is
            // the top bits of a namespace slot).
            ("step named like an opportunity", "opportunity a \"O\" { addresses x }", ["CXJ102", "CXJ103"]),
            ("touchpoint pairing an opportunity", "opportunity o \"O\" { addresses a }\n  touchpoint o <-> x", ["CXJ103"]),
        ]
        for (name, body, expected) in cases {
            XCTAssertEqual(TestSupport.codes(TestSupport.check(journey("", journeyBody: body))), expected, name)
        }
    }

    func testJourneyWithoutStages() {
        let result = TestSupport.check("journey empty \"Empty\" {\n  note \"nothing yet\"\n}\n")
        XCTAssertEqual(TestSupport.positions(result), ["1:9 CXJ111"])
    }

    func testForwardReferencesResolve() {
        let text = """
        journey j "J" {
          allow no-repeat-loop
          touchpoint later_step <-> later_action
          opportunity o "O" { addresses later_step }
          stage s "S" {
            customer {
              step later_step "Declared after its touchpoint" { emotion -3 }
            }
            organization {
              action later_action "Also declared after" { layer backstage }
            }
          }
        }
        """
        XCTAssertEqual(TestSupport.codes(TestSupport.check(text)), [])
    }

    func testSuggestionsUseTheClosestNameOfTheRightKind() {
        let result = TestSupport.check(journey("touchpoint a <-> x { via twiter }"))
        XCTAssertEqual(result.diagnostics.first?.help, "did you mean `twitter`?")
        XCTAssertEqual(result.diagnostics.first?.message, "unknown channel `twiter`")
        let wrongKind = TestSupport.check(journey("touchpoint a <-> x { via care }"))
        XCTAssertEqual(wrongKind.diagnostics.first?.message, "`care` is a team, but `via` needs a channel")
        XCTAssertEqual(wrongKind.diagnostics.first?.secondary.count, 1)
        let thai = TestSupport.check("""
        team ทีมดูแลลูกค้า "ทีมดูแลลูกค้า"
        journey j "J" { owner ทีมดูแลลูกค่า
          stage s "S" { phase respond } }
        """)
        XCTAssertEqual(thai.diagnostics.first?.help, "did you mean `ทีมดูแลลูกค้า`?")
    }

    func testDuplicateShowsBothPlaces() {
        let result = TestSupport.check("team care \"A\"\nteam care \"B\"\n")
        XCTAssertEqual(TestSupport.positions(result), ["2:6 CXJ102"])
        XCTAssertEqual(result.diagnostics[0].secondary.map { $0.location.start }, [5])
    }

    /// A once-only statement given again, in each kind of element: the second (and third) is
    /// reported, pointing back at the first well-formed one, and the element keeps the first
    /// value. (Elements inside a journey keep a bit per keyword and look for the first one only
    /// for a repeat; the journey keeps its places in `OnceTracker`.)
    func testRepeatedStatementsPointAtTheFirstInEveryElement() {
        // A bit per keyword (`GivenKeywords`): 64 at most.
        XCTAssertLessThanOrEqual(Keyword.count, 64)
        let cases: [(String, String, String)] = [
            ("step", "stage t \"T\" { customer { step b \"B\" { channel twitter; emotion 1; emotion 2 } } }", "emotion 1"),
            ("action", "stage u \"U\" { organization { action y \"Y\" { owner care; owner care } } }", "owner care"),
            ("touchpoint", "touchpoint a <-> x { claimed 4; perceived 3; claimed 2; claimed 1 }", "claimed 4"),
            ("kpi", "kpi k \"K\" { actual 5; target >= 3; actual 6 }", "actual 5"),
            ("stage", "phase respond\n    phase request", "phase respond"),
            ("malformed first", "touchpoint a <-> x { via; via twitter; via twitter }", "via twitter"),
        ]
        for (name, body, first) in cases {
            // A step or an action goes in a stage of its own (a second `customer` block would
            // be the repeat).
            let text = body.hasPrefix("stage") ? journey("", journeyBody: body) : journey(body)
            let result = TestSupport.check(text)
            let repeats = result.diagnostics.filter { $0.code == .duplicateProperty }
            XCTAssertEqual(repeats.count, name == "touchpoint" ? 2 : 1, name)
            // The first place in the stage's body (the shell before it has a `via` and an `owner`).
            let bodyStart = text.range(of: body)!.lowerBound
            let firstStart = text.utf8.count - text[text[bodyStart...].range(of: first)!.lowerBound...].utf8.count
            let keyword = first.split(separator: " ")[0].utf8.count + 1
            for diagnostic in repeats {
                XCTAssertEqual(diagnostic.secondary.map { $0.location.start }, [firstStart + keyword], name)
                XCTAssertTrue(diagnostic.location.start > firstStart + keyword, name)
            }
        }
        // The first value is the one kept.
        let kept = TestSupport.check(journey("touchpoint a <-> x { claimed 4; claimed 2 }"))
        XCTAssertEqual(kept.files.first?.journeys.first?.touchpoints.last?.claimed, 4)
    }

    /// A touchpoint written action first gets one error with a fix that swaps its sides, not an
    /// error for each name; a touchpoint that only starts with an action does not.
    func testSwappedTouchpointSidesAreOneError() {
        let swapped = TestSupport.check(journey("touchpoint x <-> a { via twitter }"))
        XCTAssertEqual(TestSupport.codes(swapped), ["CXJ103"])
        XCTAssertEqual(swapped.diagnostics.first?.message, "the sides of this touchpoint are swapped")
        XCTAssertEqual(swapped.diagnostics.first?.help, "write `touchpoint a <-> x`")
        XCTAssertEqual(swapped.diagnostics.first?.fixes.first?.edits.first?.replacement, "a <-> x")
        // An action then a step on the left is not a swap: each wrong name is reported.
        let mixed = TestSupport.check(journey("touchpoint x, a <-> x"))
        XCTAssertFalse(mixed.diagnostics.contains { $0.message == "the sides of this touchpoint are swapped" })
        XCTAssertEqual(TestSupport.codes(mixed), ["CXJ103"])
    }

    func testImports() {
        let catalogue = "team care \"Care\"\nchannel web \"Web\"\n"
        let main = """
        import "shared/catalogue.cxj"
        journey j "J" {
          owner care
          allow no-repeat-loop
          stage s "S" { customer { step a "A" { channel web; self-service } } }
        }
        """
        XCTAssertEqual(TestSupport.codes(TestSupport.check(main, files: ["shared/catalogue.cxj": catalogue])), [])
        // The import path is relative to the importing file.
        let nested = TestSupport.check("import \"journeys/a.cxj\"\n", files: [
            "journeys/a.cxj": "import \"../shared/c.cxj\"\n", "shared/c.cxj": catalogue,
        ])
        XCTAssertEqual(TestSupport.codes(nested), [])
        XCTAssertEqual(nested.sources.map { $0.path }, ["main.cxj", "journeys/a.cxj", "shared/c.cxj"])
    }

    func testMissingImportSuggestsAFile() {
        let result = TestSupport.check("import \"catalogue/comon.cxj\"\n", files: ["catalogue/common.cxj": ""])
        XCTAssertEqual(TestSupport.codes(result), ["CXJ108"])
        XCTAssertEqual(result.diagnostics[0].help, "did you mean `common.cxj` in `catalogue`?")
    }

    func testMissingImportStopsReferenceErrors() {
        let result = TestSupport.check("import \"missing.cxj\"\njourney j \"J\" { owner care\n stage s \"S\" { } }\n")
        XCTAssertEqual(TestSupport.codes(result), ["CXJ108"])
    }

    func testImportCycleNamesEveryFile() {
        let result = TestSupport.check("import \"b.cxj\"\n", files: ["b.cxj": "import \"c.cxj\"\n", "c.cxj": "import \"main.cxj\"\n"])
        XCTAssertEqual(TestSupport.codes(result), ["CXJ109"])
        let diagnostic = result.diagnostics[0]
        XCTAssertEqual(diagnostic.message, "import cycle through `main.cxj`, `b.cxj` and `c.cxj`")
        XCTAssertEqual(diagnostic.notes, ["`main.cxj` imports `b.cxj`", "`b.cxj` imports `c.cxj`", "`c.cxj` imports `main.cxj`"])
        XCTAssertEqual(diagnostic.secondary.count, 2)
        let selfImport = TestSupport.check("import \"main.cxj\"\n")
        XCTAssertEqual(selfImport.diagnostics.map { $0.message }, ["`main.cxj` imports itself"])
    }

    func testAFileReachedTwiceIsLoadedOnce() {
        let files = ["a.cxj": "import \"common.cxj\"\n", "b.cxj": "import \"common.cxj\"\n", "common.cxj": "team care \"Care\"\nteam care \"Again\"\n"]
        let result = Compiler.check([.path("a.cxj"), .path("b.cxj"), .path("common.cxj")], provider: InMemoryProvider(files))
        XCTAssertEqual(result.sources.map { $0.path }.sorted(), ["a.cxj", "b.cxj", "common.cxj"])
        XCTAssertEqual(TestSupport.codes(result), ["CXJ102"])
    }

    func testCatalogueDuplicatesAcrossImports() {
        let files = ["one.cxj": "team care \"One\"\n", "two.cxj": "team care \"Two\"\n"]
        let result = TestSupport.check("import \"one.cxj\"\nimport \"two.cxj\"\n", files: files)
        XCTAssertEqual(result.diagnostics.map { "\(result.sources[$0.location.file].path) \($0.code.id)" }, ["two.cxj CXJ102"])
    }

    func testSyntaxErrorsDoNotHideOtherErrors() {
        // `emtion` is misspelled, and the channel is unknown: two mistakes, two errors, one run.
        let result = TestSupport.check("journey j \"J\" { stage s \"S\" { customer { step a \"A\" { emtion 1; channel nowhere } } } }")
        XCTAssertEqual(TestSupport.codes(result), ["CXJ110", "CXJ101"])
    }
}
