import Foundation
import XCTest
@testable import CXJ

/// Golden tests of the human and short renderings. Each `Fixtures/diagnostics/NAME.cxj` (or
/// directory `NAME/`, whose files are all inputs) sits beside `NAME.human` and `NAME.short`.
/// Run with CXJ_UPDATE_GOLDENS=1 to rewrite them, then review the diff before committing.
final class GoldenDiagnosticsTests: XCTestCase {
    private let directory = TestSupport.fixtures + "/diagnostics"

    /// The golden cases: a name and its inputs, relative to the fixtures directory.
    private func cases() throws -> [(name: String, inputs: [String])] {
        let entries = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        var cases: [(String, [String])] = []
        for entry in entries {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: directory + "/" + entry, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                let files = InputDiscovery.cxjFiles(under: directory + "/" + entry)
                    .map { String($0.dropFirst(directory.count + 1)) }
                cases.append((entry, files))
            } else if entry.hasSuffix(".cxj") {
                cases.append((String(entry.dropLast(4)), [entry]))
            }
        }
        return cases
    }

    func testGoldenRenderingsCoverEveryCode() throws {
        var seen = Set<Code>()
        let cases = try cases()
        XCTAssertGreaterThan(cases.count, 5)
        for (name, inputs) in cases {
            let result = Compiler.check(inputs.map { .path($0) }, provider: RootedProvider(root: directory))
            XCTAssertTrue(result.failures.isEmpty, "\(name): \(result.failures)")
            let human = HumanRenderer(colors: false)
            let short = ShortRenderer()
            let humanText = result.diagnostics.map { human.render($0, sources: result.sources) + "\n" }.joined()
            let shortText = result.diagnostics.map { short.render($0, sources: result.sources) + "\n" }.joined()
            TestSupport.assertGolden(humanText, path: "\(directory)/\(name).human")
            TestSupport.assertGolden(shortText, path: "\(directory)/\(name).short")
            seen.formUnion(result.diagnostics.map { $0.code })
        }
        // CXJ3xx are about Mermaid files: MermaidImportTests has their goldens.
        let missing = Code.allCases.filter { !seen.contains($0) && !$0.isMermaidImport }.map { $0.id }
        XCTAssertEqual(missing, [], "codes without a golden rendering")
    }

    func testColoursAreOnlyAddedWhenAsked() throws {
        let result = TestSupport.check("team care \"A\"\nteam care \"B\"\n")
        let plain = HumanRenderer(colors: false).render(result.diagnostics[0], sources: result.sources)
        let coloured = HumanRenderer(colors: true).render(result.diagnostics[0], sources: result.sources)
        XCTAssertFalse(plain.contains("\u{1B}["))
        XCTAssertTrue(coloured.contains("\u{1B}[1;31merror[CXJ102]\u{1B}[0m"))
        XCTAssertEqual(coloured.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression), plain)
    }
}
