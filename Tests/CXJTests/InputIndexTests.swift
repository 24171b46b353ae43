import XCTest
@testable import CXJ

/// Files get their indices in input order (`Workspace.load`). An input that cannot be read, or
/// that names a file given before, moves every later input down: every tree, location and
/// import edge must carry the index the file has. (Parsing the inputs as they were read, at the
/// index each was expected to get, was tried in the twenty-second round and dropped: no faster.
/// These tests guarded its fallback.)
final class InputIndexTests: XCTestCase {
    private let files: [String: String] = [
        "catalogue.cxj": "team care \"Care\"\nchannel app \"แอป\" { kind digital }\n",
        "a.cxj": "import \"catalogue.cxj\"\n\njourney a \"旅程 A\" {\n  stage s \"S\" {\n    customer {\n      step x \"X\" { channel nowhere }\n    }\n  }\n}\n",
        "b.cxj": "import \"catalogue.cxj\"\nimport \"missing.cxj\"\n\njourney b \"B 🛒\" {\n  stage s \"S\" {\n    customer {\n      step y \"Y\" { emotion }\n    }\n  }\n}\n",
    ]

    /// Each file's path with its diagnostics and import edges, and whether its tree, its
    /// diagnostics and its edges all carry the file's own index.
    private func summary(_ result: CheckResult) -> [String] {
        let workspace = result.workspace
        return workspace.sources.indices.map { file in
            let codes = result.diagnostics.filter { $0.location.file == file }.map { "\($0.location.start) \($0.code.id)" }
            let imports = workspace.imports[file].map { edge in
                "\(edge.location.start)->" + (edge.target.map { workspace.sources[$0].path } ?? "none")
            }
            let ownIndex = workspace.trees[file].fileIndex == file && workspace.imports[file].allSatisfy { $0.location.file == file }
            return "\(workspace.sources[file].path) \(ownIndex ? "own index" : "WRONG INDEX") \(codes) \(imports)"
        }
    }

    private func check(_ paths: [String]) -> CheckResult {
        Compiler.check(paths.map { SourceInput.path($0) }, provider: InMemoryProvider(files),
                       policy: ImportPolicy(defaultRoot: "."))
    }

    func testLaterInputsAreParsedAtTheIndexTheyGet() {
        let plain = summary(check(["a.cxj", "b.cxj", "catalogue.cxj"]))
        XCTAssertEqual(plain.count, 3)
        XCTAssertTrue(plain[1].hasPrefix("b.cxj own index "), plain[1])
        // A missing input first: every file moves down by one.
        let missingFirst = check(["gone.cxj", "a.cxj", "b.cxj", "catalogue.cxj"])
        XCTAssertEqual(summary(missingFirst), plain)
        XCTAssertEqual(missingFirst.failures.map(\.path), ["gone.cxj"])
        // A repeat under another path: the files after it move down.
        XCTAssertEqual(summary(check(["a.cxj", "./a.cxj", "b.cxj", "catalogue.cxj"])), plain)
        // Both, and standard input among them.
        let mixed = Compiler.check([.path("a.cxj"), .path("gone.cxj"), .text(path: "<stdin>", bytes: Array("journey \"no name\"\n".utf8)),
                                    .path("./a.cxj"), .path("b.cxj"), .path("catalogue.cxj")],
                                   provider: InMemoryProvider(files), policy: ImportPolicy(defaultRoot: "."))
        var mixedSummary = summary(mixed)
        XCTAssertEqual(mixedSummary.count, 4)
        XCTAssertTrue(mixedSummary.remove(at: 1).hasPrefix("<stdin> own index "))
        XCTAssertEqual(mixedSummary, plain)
        XCTAssertTrue(plain.allSatisfy { $0.contains(" own index ") }, "\(plain)")
        XCTAssertTrue(plain[1].contains("CXJ001") && plain[1].contains("->none"), plain[1])
    }

    func testEveryTreeCarriesItsOwnIndex() {
        for paths in [["a.cxj", "b.cxj"], ["gone.cxj", "b.cxj", "a.cxj"], ["b.cxj", "./b.cxj", "a.cxj", "gone.cxj", "catalogue.cxj"]] {
            let result = check(paths)
            for file in result.sources.indices {
                XCTAssertEqual(result.workspace.trees[file].fileIndex, file, "\(paths)")
                XCTAssertTrue(result.workspace.imports[file].allSatisfy { $0.location.file == file }, "\(paths)")
            }
            for diagnostic in result.diagnostics where diagnostic.code == .unexpectedToken {
                XCTAssertEqual(result.sources[diagnostic.location.file].path, "b.cxj", "\(paths)")
            }
        }
    }
}
