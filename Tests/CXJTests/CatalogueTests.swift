import XCTest
@testable import CXJ

/// The catalogue finds entries by kind and name by a scan while small and through its index
/// once it outgrows the scan, and both agree with a dictionary.
final class CatalogueTests: XCTestCase {
    private func entry(_ kind: CatalogueKind, _ name: String, at offset: Int) -> CatalogueEntry {
        let location = SourceLocation(file: 0, start: offset, end: offset + name.utf8.count)
        return CatalogueEntry(kind: kind, name: name, label: TextRef(file: 0, start: 0, end: 0, isMultiline: false),
                              location: location, statement: location)
    }

    func testAgreesWithADictionaryBelowAndAboveTheScan() {
        // Names shared across kinds, repeats, non-ASCII names, and enough adds to cross
        // `searchedInPlace` several times over.
        let names = ["care", "web", "客服", "ลูกค้า", "a", "b", "👩‍💻-team"] + (0..<60).map { "name-\($0)" }
        let probes = names + ["missing", "Care", ""]
        var catalogue = Catalogue()
        var reference: [String: Int32] = [:]
        for step in 0..<400 {
            let kind = CatalogueKind.allCases[step % 4]
            let name = names[(step * 7 + step / 4) % names.count]
            let key = "\(kind.rawValue)/\(name)"
            XCTAssertEqual(catalogue.add(entry(kind, name, at: step * 10)), reference[key], key)
            if reference[key] == nil { reference[key] = Int32(catalogue.entries.count - 1) }
            // Around the switch to the index, and now and then after it, every probe is found
            // as the dictionary says.
            let count = catalogue.entries.count
            guard abs(count - Catalogue.searchedInPlace) <= 1 || step % 37 == 0 else { continue }
            for kind in CatalogueKind.allCases {
                for probe in probes {
                    XCTAssertEqual(catalogue.find(kind, probe), reference["\(kind.rawValue)/\(probe)"],
                                   "\(kind) \(probe) at \(count) entries")
                }
            }
        }
        XCTAssertGreaterThan(catalogue.entries.count, 4 * Catalogue.searchedInPlace)
        XCTAssertLessThan(catalogue.entries.count, 400, "some adds were repeats")
        for (index, entry) in catalogue.entries.enumerated() {
            XCTAssertEqual(reference["\(entry.kind.rawValue)/\(entry.name)"], Int32(index))
        }
        for kind in CatalogueKind.allCases {
            let expected = reference.keys.filter { $0.hasPrefix("\(kind.rawValue)/") }.map { String($0.dropFirst(2)) }.sorted()
            XCTAssertEqual(catalogue.names(of: kind), expected)
        }
    }

    func testSmallCatalogueNamesAreSortedAndUnique() {
        var catalogue = Catalogue()
        for (offset, name) in ["web", "app", "store", "app"].enumerated() {
            _ = catalogue.add(entry(.channel, name, at: offset * 10))
        }
        _ = catalogue.add(entry(.team, "app", at: 100))
        XCTAssertEqual(catalogue.names(of: .channel), ["app", "store", "web"])
        XCTAssertEqual(catalogue.names(of: .team), ["app"])
        XCTAssertEqual(catalogue.names(of: .persona), [])
        XCTAssertEqual(catalogue.find(.team, "app"), 3)
        XCTAssertNil(catalogue.find(.system, "app"))
    }
}
