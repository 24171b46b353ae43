import XCTest
@testable import CXJ

/// Examples/ is documentation: every example must check without errors, and the shared
/// catalogue must really be shared.
final class ExamplesTests: XCTestCase {
    private let directory = TestSupport.repository + "/Examples"

    func testExamplesHaveNoErrors() {
        let files = InputDiscovery.cxjFiles(under: directory)
        XCTAssertGreaterThanOrEqual(files.count, 6)
        let result = Compiler.check(files.map { .path($0) })
        let errors = result.diagnostics.filter { $0.severity == .error }
        XCTAssertEqual(errors.map { ShortRenderer().render($0, sources: result.sources) }, [])
    }

    func testTheCatalogueIsImportedByAtLeastTwoJourneys() {
        let files = InputDiscovery.cxjFiles(under: directory)
        let result = Compiler.check(files.map { .path($0) })
        var importers: [String: Int] = [:]
        for edges in result.workspace.imports {
            for edge in edges {
                if let target = edge.target { importers[result.sources[target].path, default: 0] += 1 }
            }
        }
        XCTAssertGreaterThanOrEqual(importers.values.max() ?? 0, 2)
    }

    func testExamplesUseThaiAndChineseIdentifiers() {
        let files = InputDiscovery.cxjFiles(under: directory)
        let result = Compiler.check(files.map { .path($0) })
        let names = result.files.flatMap { file in file.journeys.map { file.name($0.id) } }
        XCTAssertTrue(names.contains("直播购物"))
        XCTAssertTrue(names.contains("พัสดุเสียหาย"))
    }
}
