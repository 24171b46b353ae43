import XCTest
import Synchronization
@testable import CXJ

/// A run over several files checks each input that declares no catalogue entry as soon as it
/// and what it imports are parsed (`FirstWaveChecks`). Which files are checked that way depends
/// on the scheduling; what every file gives must not: these runs are compared with one that
/// checks every file after the load, and with runs that defer chosen files.
final class FirstWaveChecksTests: XCTestCase {
    /// Journeys as a CX team writes them, and the shapes that must be left for after the load.
    /// The catalogues sort first, so that a run in order parses them before the journeys.
    /// (`OrderedOutputTests` compiles them too.)
    static var folder: [String: String] {
        let common = """
            import "teams.cxj"

            persona shopper "ผู้ซื้อ"
            channel app "应用 📱" { kind digital }
            channel store "ร้าน" { kind physical }
            system oms "Order management" { owner logistics }

            """
        func journey(_ name: String, imports: [String], body: String = "") -> String {
            imports.map { "import \"\($0)\"\n" }.joined() + """

                journey \(name) "旅程 \(name) 🛒" {
                  persona shopper
                  stage s "สั่งซื้อ" {
                    customer {
                      step a "ซื้อ" { channel app; emotion -1 }
                \(body)    }
                    organization {
                      action x "Ships" { owner care; channel app; uses oms }
                    }
                    touchpoint a <-> x { via app; claimed 4.5; perceived 2 }
                  }
                }

                """
        }
        let catalogue = "../catalogue/common.cxj"
        return [
            "catalogue/common.cxj": common,
            "catalogue/teams.cxj": "team care \"Care\"\nteam logistics \"โลจิสติกส์\"\n",
            // Not an input: loaded in the second wave.
            "extras/kiosk.cxj": "channel kiosk \"Kiosk\" { kind physical }\n",
            "journeys/a-plain.cxj": journey("plain", imports: [catalogue]),
            "journeys/b-syntax.cxj": journey("syntax", imports: [catalogue], body: "      step d \"D\" { emotion }\n"),
            "journeys/c-unknown.cxj": journey("unknown", imports: [catalogue], body: "      step b \"B\" { channel nowhere }\n"),
            "journeys/d-missing.cxj": journey("missing", imports: [catalogue, "nowhere.cxj"]),
            "journeys/e-cycle-1.cxj": journey("cycle1", imports: [catalogue, "e-cycle-2.cxj"]),
            // On a cycle, the catalogue may lack entries: no CXJ101 for `tablet`.
            "journeys/e-cycle-2.cxj": journey("cycle2", imports: ["e-cycle-1.cxj"], body: "      step t \"T\" { channel tablet }\n"),
            "journeys/f-own.cxj": "team care \"Own care\"\n" + journey("own", imports: [catalogue]),
            "journeys/g-broken-catalogue.cxj": "channel kiosk \"Kiosk\" { kind }\nchannel web\n",
            // `tablet` could be the channel `g` fails to declare: no CXJ101 for it.
            "journeys/h-uses-broken.cxj": journey("broken", imports: [catalogue, "g-broken-catalogue.cxj"],
                                                  body: "      step k \"K\" { channel kiosk }\n      step t \"T\" { channel tablet }\n"),
            "journeys/i-chain.cxj": journey("chain", imports: ["a-plain.cxj", catalogue]),
            "journeys/j-refused.cxj": journey("refused", imports: [catalogue, "/etc/passwd.cxj"]),
            "journeys/k-nothing.cxj": journey("nothing", imports: []),
            "journeys/l-outside.cxj": journey("outside", imports: [catalogue, "../extras/kiosk.cxj"],
                                              body: "      step k \"K\" { channel kiosk }\n"),
        ]
    }

    private var files: [String: String] { Self.folder }

    /// The inputs checked as they are parsed, in a run in order.
    private let checkedEarly = ["a-plain", "b-syntax", "c-unknown", "h-uses-broken", "i-chain", "k-nothing"]
    /// The files whose trees are kept: those that declare catalogue entries another file imports.
    private let kept = ["catalogue/common.cxj", "catalogue/teams.cxj", "extras/kiosk.cxj", "journeys/g-broken-catalogue.cxj"]

    private func check(early: Bool, deferring: (@Sendable (Int) -> Bool)? = nil) -> CheckResult {
        TestSupport.checkFolder(files, releasingTrees: early, deferring: deferring)
    }

    /// Runs `body` as a task of a parallel pass: the passes it starts run on its thread, in
    /// order, so which files are checked early is known.
    private func inOrder(_ body: () -> CheckResult) -> CheckResult { Self.inOrder(body) }

    static func inOrder(_ body: () -> CheckResult) -> CheckResult {
        let box = ResultBox()
        WorkerPool.shared.forEach(2) { task in
            if task == 0 { box.result = body() }
        }
        return box.result!
    }

    private final class ResultBox: @unchecked Sendable {
        var result: CheckResult?
    }

    private func assertSame(_ actual: CheckResult, _ expected: CheckResult, _ what: String,
                            file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.sources.map(\.path), expected.sources.map(\.path), what, file: file, line: line)
        XCTAssertEqual(TestSupport.positions(actual), TestSupport.positions(expected), what, file: file, line: line)
        XCTAssertTrue(actual.diagnostics == expected.diagnostics, "\(what): diagnostics differ", file: file, line: line)
        XCTAssertEqual(actual.count(.error), expected.count(.error), what, file: file, line: line)
        XCTAssertEqual(actual.count(.warning), expected.count(.warning), what, file: file, line: line)
        for format in [OutputFormat.json, .dot, .report] {
            // Compared without printing: a failure would print both outputs as byte arrays.
            XCTAssertTrue(format.emit(actual.files, diagnostics: actual.diagnostics)
                          == format.emit(expected.files, diagnostics: expected.diagnostics),
                          "\(what): \(format) output differs", file: file, line: line)
        }
        for index in actual.files.indices {
            XCTAssertEqual(actual.hasErrors(affecting: index), expected.hasErrors(affecting: index), what, file: file, line: line)
            XCTAssertEqual(actual.files[index].sources.count, actual.sources.count, what, file: file, line: line)
        }
    }

    func testFilesCheckedAsTheyAreParsedGiveWhatALoadedWorkspaceGives() {
        let expected = check(early: false)
        // What the journeys are there for: an unknown channel reported, one that a broken
        // import may declare not, a syntax error, a duplicate, a cycle, a missing and a refused import.
        let codes = Dictionary(grouping: expected.diagnostics) { expected.sources[$0.location.file].path }.mapValues { $0.map(\.code.id) }
        XCTAssertEqual(codes["journeys/c-unknown.cxj"]?.filter { $0 == "CXJ101" }.count, 1)
        XCTAssertNil(codes["journeys/h-uses-broken.cxj"]?.first { $0 == "CXJ101" })
        XCTAssertNotNil(codes["journeys/b-syntax.cxj"]?.first { $0.hasPrefix("CXJ00") })
        XCTAssertNotNil(codes["journeys/f-own.cxj"]?.first { $0 == "CXJ102" })
        XCTAssertNotNil(((codes["journeys/e-cycle-1.cxj"] ?? []) + (codes["journeys/e-cycle-2.cxj"] ?? [])).first { $0 == "CXJ109" })
        XCTAssertNotNil(codes["journeys/d-missing.cxj"]?.first { $0 == "CXJ108" })
        XCTAssertNotNil(codes["journeys/j-refused.cxj"]?.first { $0 == "CXJ108" })
        XCTAssertNil(codes["journeys/l-outside.cxj"]?.first { $0 == "CXJ101" })
        XCTAssertNil(codes["journeys/e-cycle-2.cxj"]?.first { $0 == "CXJ101" })
        let before = FirstWaveChecks.checkedEarly.load(ordering: .relaxed)
        let result = inOrder { self.check(early: true) }
        XCTAssertEqual(FirstWaveChecks.checkedEarly.load(ordering: .relaxed) - before, checkedEarly.count, "files checked early")
        assertSame(result, expected, "in order")
        for (index, source) in result.sources.enumerated() {
            XCTAssertFalse(expected.workspace.trees[index].nodes.isEmpty, source.path)
            XCTAssertEqual(result.workspace.trees[index].nodes.isEmpty, !kept.contains(source.path), "\(source.path): tree kept or not")
        }
    }

    func testWhatIsLeftForAfterTheLoad() {
        // One file at a time, every other one deferred by hand: which are checked early.
        let names = files.keys.filter { !$0.hasPrefix("extras/") }.sorted()
        for (index, name) in names.enumerated() {
            let before = FirstWaveChecks.checkedEarly.load(ordering: .relaxed)
            _ = inOrder { self.check(early: true, deferring: { $0 != index }) }
            let early = FirstWaveChecks.checkedEarly.load(ordering: .relaxed) - before
            let stem = String(name.split(separator: "/").last!.dropLast(4))
            XCTAssertEqual(early, checkedEarly.contains(stem) ? 1 : 0, "\(name) checked early or not")
        }
    }

    func testAnyChoiceOfDeferredFilesGivesTheSameResult() {
        let expected = check(early: false)
        for (name, rule) in [("even files", { @Sendable (file: Int) in file % 2 == 0 }),
                             ("odd files", { @Sendable (file: Int) in file % 2 == 1 }),
                             ("every file", { @Sendable (_: Int) in true })] as [(String, @Sendable (Int) -> Bool)] {
            assertSame(inOrder { self.check(early: true, deferring: rule) }, expected, "in order, deferring \(name)")
        }
        // On both cores, in whatever order they take the files.
        for run in 0..<5 {
            assertSame(check(early: true), expected, "on both cores, run \(run)")
        }
    }

    /// A journey that sorts before the catalogue it imports has its task parse the catalogue
    /// (`FirstWaveChecks.parseOnDemand`), so it is checked as it is parsed, and so are the
    /// journeys after it; the catalogue's own task then leaves it. What the files give does not change.
    func testACatalogueSortingAfterItsJourneysIsParsedWhenFirstImported() {
        var folder: [String: String] = [
            "shared/catalogue.cxj": "import \"teams.cxj\"\n\npersona shopper \"ผู้ซื้อ\"\nchannel app \"应用 📱\" { kind digital }\n",
            "shared/teams.cxj": "team care \"客服\"\n",
        ]
        for (index, stage) in ["สั่งซื้อ", "支付", "Pick up 🛍️"].enumerated() {
            folder["journeys/j\(index).cxj"] = """
                import "../shared/catalogue.cxj"

                journey j\(index) "旅程 \(index)" {
                  persona shopper
                  stage s "\(stage)" {
                    customer {
                      step a "A" { channel app; emotion \(index - 1) }
                    }
                    organization {
                      action x "X" { owner care; channel app }
                    }
                    touchpoint a <-> x { via app; claimed 4; perceived \(index + 2) }
                  }
                }

                """
        }
        let expected = TestSupport.checkFolder(folder, releasingTrees: false, deferring: nil)
        XCTAssertEqual(expected.count(.error), 0)
        let before = FirstWaveChecks.checkedEarly.load(ordering: .relaxed)
        let result = inOrder { TestSupport.checkFolder(folder, releasingTrees: true, deferring: nil) }
        XCTAssertEqual(FirstWaveChecks.checkedEarly.load(ordering: .relaxed) - before, 3, "the three journeys checked early")
        assertSame(result, expected, "in order")
        for run in 0..<5 {
            assertSame(TestSupport.checkFolder(folder, releasingTrees: true, deferring: nil), expected, "on both cores, run \(run)")
        }
    }
}
