import XCTest
@testable import CXJ

/// A run that reads no tree after checking hands each file's tree back once the file is
/// checked, unless an importer reads it: a file that another imports and that declares
/// catalogue entries (`Workspace.releasesTrees`). What it reports and
/// emits must be exactly what a run that keeps its trees reports and emits.
final class ReleasedTreesTests: XCTestCase {
    private let catalogue = """
        team care "Care"
        channel app "แอป" { kind digital }

        """

    private func journey(_ index: Int, body: String = "") -> String {
        """
        import "catalogue.cxj"

        journey j\(index) "旅程 \(index) 🛒" {
          stage s "Stage" {
            customer {
              step a "ซื้อ" { channel app; emotion -1 }
            }
            organization {
              action x "Ships" { owner care; channel app }
            }
            touchpoint a <-> x { via app; claimed 4.5; perceived 2 }
        \(body)  }
        }

        """
    }

    /// Six journeys: one with a syntax error, one with an unknown reference, one with both.
    private var files: [String: String] {
        var files = ["catalogue.cxj": catalogue]
        for index in 0..<6 {
            let body: String
            switch index {
            case 1: body = "    customer { step d \"D\" { emotion } }\n"
            case 3: body = "    customer { step b \"B\" { channel nowhere } }\n"
            case 5: body = "    customer { step c \"C\" { emotion; channel nowhere } }\n"
            default: body = ""
            }
            files["journey-\(index).cxj"] = journey(index, body: body)
        }
        return files
    }

    private func check(releasing: Bool) -> CheckResult {
        let saved = Workspace.releasesTreesForTests
        Workspace.releasesTreesForTests = releasing
        defer { Workspace.releasesTreesForTests = saved }
        let inputs = files.keys.sorted().map { SourceInput.path($0) }
        return Compiler.check(inputs, provider: InMemoryProvider(files), policy: ImportPolicy(defaultRoot: "."))
    }

    func testReleasedRunReportsAndEmitsWhatAKeepingRunDoes() {
        let kept = check(releasing: false)
        let released = check(releasing: true)
        XCTAssertEqual(TestSupport.positions(released), TestSupport.positions(kept))
        XCTAssertTrue(released.diagnostics == kept.diagnostics, "diagnostics differ")
        // The syntax errors of the released files (CXJ001–CXJ006) are still reported.
        XCTAssertEqual(released.diagnostics.filter { $0.code.id.hasPrefix("CXJ0") }.map(\.location.file).count, 2,
                       "a syntax error was lost with its tree")
        XCTAssertEqual(released.count(.error), kept.count(.error))
        XCTAssertEqual(released.count(.warning), kept.count(.warning))
        for format in [OutputFormat.json, .dot] {
            // Compared without printing: a failure would print both outputs as byte arrays.
            XCTAssertTrue(format.emit(released.files, diagnostics: released.diagnostics)
                          == format.emit(kept.files, diagnostics: kept.diagnostics), "\(format) output differs")
        }
        for file in released.files.indices {
            XCTAssertEqual(released.hasErrors(affecting: file), kept.hasErrors(affecting: file))
        }
    }

    func testOnlyTreesNoImporterReadsAreHandedBack() {
        let kept = check(releasing: false)
        let released = check(releasing: true)
        let catalogue = released.sources.firstIndex { $0.path == "catalogue.cxj" }!
        for file in released.sources.indices {
            XCTAssertFalse(kept.workspace.trees[file].nodes.isEmpty)
            if file == catalogue {
                XCTAssertEqual(released.workspace.trees[file].nodes.count, kept.workspace.trees[file].nodes.count,
                               "the imported catalogue was handed back")
            } else {
                XCTAssertTrue(released.workspace.trees[file].nodes.isEmpty, "\(released.sources[file].path) was kept")
                XCTAssertTrue(released.workspace.trees[file].diagnostics.isEmpty)
                XCTAssertEqual(released.workspace.trees[file].source.path, released.sources[file].path)
            }
        }
    }

    func testOneFileKeepsItsTree() {
        let saved = Workspace.releasesTreesForTests
        Workspace.releasesTreesForTests = true
        defer { Workspace.releasesTreesForTests = saved }
        let result = Compiler.check([.text(path: "one.cxj", bytes: Array(catalogue.utf8))], provider: InMemoryProvider([:]))
        XCTAssertFalse(result.workspace.trees[0].nodes.isEmpty)
    }

    func testSettingATreeLeavesCopiesAlone() {
        let result = check(releasing: false)
        let original = result.workspace.trees
        var copy = original
        copy[1] = copy[0]
        XCTAssertEqual(copy[1].source.path, original[0].source.path)
        XCTAssertNotEqual(original[1].source.path, original[0].source.path, "a copy's write reached the original")
        XCTAssertEqual(Array(copy.indices), Array(original.indices))
    }
}
