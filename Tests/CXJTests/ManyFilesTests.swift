import XCTest
@testable import CXJ

/// Many files are read, parsed and checked in parallel; results must not depend on it.
final class ManyFilesTests: XCTestCase {
    func testOutputIsStableAndSortedAcrossRuns() {
        var files = ["catalogue.cxj": "team care \"Care\"\nchannel app \"App\"\n"]
        for index in 0..<300 {
            let gap = index % 3 == 0 ? "claimed 5; perceived 2" : "claimed 4; perceived 4"
            let error = index % 50 == 7 ? "owner nobody" : "owner care"
            files["journeys/j\(index).cxj"] = """
            import "../catalogue.cxj"
            journey j\(index) "J\(index)" {
              allow no-repeat-loop
              stage s "S" {
                customer { step a "A" { channel app } }
                organization { action x "X" { \(error); channel app } }
                touchpoint a <-> x { via app; \(gap) }
              }
            }
            """
        }
        let provider = InMemoryProvider(files)
        let inputs = files.keys.sorted().reversed().map { SourceInput.path($0) }
        let render = { (result: CheckResult) in result.diagnostics.map { ShortRenderer().render($0, sources: result.sources) } }
        let first = render(Compiler.check(inputs, provider: provider, policy: ImportPolicy(defaultRoot: ".")))
        for _ in 0..<3 {
            XCTAssertEqual(render(Compiler.check(inputs, provider: provider, policy: ImportPolicy(defaultRoot: "."))), first)
        }
        // 100 files have a gap; 2 of them (57 and 207) also have an error elsewhere in the
        // journey, which does not touch the touchpoint and so does not hide its gap.
        XCTAssertEqual(first.count, 100 + 6)
        let paths = first.map { String($0.prefix { $0 != ":" }) }
        XCTAssertEqual(paths, paths.sorted(), "diagnostics are sorted by path whatever the input order")
    }
}
