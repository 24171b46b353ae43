import XCTest
@testable import CXJ

/// Files that declare no catalogue entry and import the same catalogue files share one
/// catalogue (`CatalogueCache`), and a run that emits nothing drops the figures the gap rules
/// worked out (`keepsJourneyFacts`). Neither may change what any file gives.
final class CatalogueCacheTests: XCTestCase {
    /// Two catalogues that both declare `care`, imported together by most journeys (CXJ102 in
    /// an imported file, reported for each importer and kept once), one alone, and a journey
    /// with its own entries.
    private var files: [String: String] {
        var files = [
            "a-teams.cxj": "team care \"ฝ่ายดูแล\"\nteam logistics \"物流\" { note \"Ships 🚚\" }\n",
            "b-channels.cxj": "team care \"Care again\"\nchannel app \"App\" { kind digital }\nsystem oms \"OMS\" { owner logistics }\n",
        ]
        for index in 0..<12 {
            let imports = index == 5 ? "import \"a-teams.cxj\"\n" : "import \"a-teams.cxj\"\nimport \"b-channels.cxj\"\n"
            let own = index == 7 ? "channel kiosk \"Kiosk\" { kind physical }\n" : ""
            files["j\(index).cxj"] = imports + own + """
                journey j\(index) "旅程 \(index)" {
                  stage s "สั่งซื้อ" {
                    customer { step a "A" { channel app; emotion -2 } }
                    organization { action x "X" { owner care; channel app; uses oms } }
                    touchpoint a <-> x { via app; claimed 5; perceived \(index % 3 + 1) }
                  }
                }

                """
        }
        return files
    }

    private func check(bypassing: Bool, keepsFacts: Bool = true) -> CheckResult {
        let saved = CatalogueCache.isBypassedForTests
        CatalogueCache.isBypassedForTests = bypassing
        defer { CatalogueCache.isBypassedForTests = saved }
        return Compiler.check(files.keys.sorted().map { SourceInput.path($0) }, provider: InMemoryProvider(files),
                              policy: ImportPolicy(defaultRoot: "."), keepsJourneyFacts: keepsFacts)
    }

    private func assertSame(_ actual: CheckResult, _ expected: CheckResult, _ what: String) {
        XCTAssertEqual(TestSupport.positions(actual), TestSupport.positions(expected), what)
        XCTAssertTrue(actual.diagnostics == expected.diagnostics, "\(what): diagnostics differ")
        // Each file's own, before the run drops repeats.
        XCTAssertTrue(actual.files.map(\.diagnostics) == expected.files.map(\.diagnostics), "\(what): a file's diagnostics differ")
        XCTAssertEqual(actual.files.map { String(reflecting: $0.catalogue.entries) }, expected.files.map { String(reflecting: $0.catalogue.entries) }, "\(what): catalogues differ")
        for format in [OutputFormat.json, .dot, .report, .mermaid] {
            XCTAssertTrue(format.emit(actual.files, diagnostics: actual.diagnostics)
                          == format.emit(expected.files, diagnostics: expected.diagnostics), "\(what): \(format) differs")
        }
    }

    func testSharedCataloguesGiveWhatEachFileBuildingItsOwnGives() {
        let expected = check(bypassing: true)
        let shared = check(bypassing: false)
        assertSame(shared, expected, "shared catalogues")
        // The duplicate in the imported catalogue is reported once, in that file.
        XCTAssertEqual(expected.diagnostics.filter { $0.code.id == "CXJ102" }.map { expected.sources[$0.location.file].path },
                       ["b-channels.cxj"])
        // `j5` sees no `app` or `oms`; `j7` sees its own `kiosk` too.
        let j5 = shared.files[shared.sources.firstIndex { $0.path == "j5.cxj" }!]
        XCTAssertEqual(j5.catalogue.entries.map(\.name), ["care", "logistics"])
        XCTAssertTrue(j5.diagnostics.contains { $0.code.id == "CXJ101" })
        let j7 = shared.files[shared.sources.firstIndex { $0.path == "j7.cxj" }!]
        XCTAssertEqual(j7.catalogue.entries.map(\.name), ["care", "logistics", "app", "oms", "kiosk"])
        // The journeys importing both catalogues share one array of entries.
        let sharing = shared.files.filter { $0.catalogue.entries.count == 4 }
        XCTAssertEqual(sharing.count, 10)
        let addresses = Set(sharing.map { $0.catalogue.entries.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) } })
        // A copy per thread (`PerThreadCopies`' reason), the builder's own among them; two
        // threads may both miss before either stores, and the one that stores second keeps its own.
        XCTAssertLessThanOrEqual(addresses.count, 2 * Parallel.coreCount - 1, "each journey built its own catalogue")
        let bypassed = expected.files.filter { $0.catalogue.entries.count == 4 }
        XCTAssertEqual(Set(bypassed.map { $0.catalogue.entries.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) } }).count, 10)
    }

    func testARunThatEmitsNothingDropsTheFactsAndOutputsStayTheSame() {
        let kept = check(bypassing: false)
        let dropped = check(bypassing: false, keepsFacts: false)
        XCTAssertTrue(kept.files.contains { !$0.journeyFacts.isEmpty })
        XCTAssertTrue(dropped.files.allSatisfy { $0.journeyFacts.isEmpty })
        // Emitters work the figures out again.
        assertSame(dropped, kept, "facts dropped")
    }
}
