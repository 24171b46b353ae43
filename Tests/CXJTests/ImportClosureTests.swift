import XCTest
@testable import CXJ

/// A file's import closure, imports before importers, whether the walk keeps the files it
/// reached in a short array or, past 16 of them, in a set: the same as a plain walk with a set.
final class ImportClosureTests: XCTestCase {
    private func plainClosure(_ workspace: Workspace, _ file: Int) -> [Int] {
        var order: [Int] = []
        var visited: Set<Int> = [file]
        func visit(_ node: Int) {
            for edge in workspace.imports[node] {
                if let target = edge.target, visited.insert(target).inserted { visit(target) }
            }
            order.append(node)
        }
        visit(file)
        return order
    }

    func testClosureMatchesAPlainWalkSmallAndLarge() {
        // A chain of 40 catalogues, each importing the next and the first (a diamond at every
        // step), the last importing the first again (a cycle); journeys reach into it at
        // several depths, one imports a missing file.
        var files: [String: String] = [:]
        for index in 0..<40 {
            var text = index + 1 < 40 ? "import \"c\(index + 1).cxj\"\n" : "import \"c0.cxj\"\n"
            if index > 0 { text += "import \"c0.cxj\"\n" }
            files["c\(index).cxj"] = text + "team t\(index) \"T\(index)\"\n"
        }
        for depth in [0, 5, 30, 39] {
            files["j\(depth).cxj"] = "import \"c\(depth).cxj\"\nimport \"missing.cxj\"\njourney j\(depth) \"J\" {\n}\n"
        }
        files["alone.cxj"] = "team solo \"Solo\"\n"
        // A small diamond: d0 imports d1 and d2, d1 imports d2.
        files["d0.cxj"] = "import \"d1.cxj\"\nimport \"d2.cxj\"\n"
        files["d1.cxj"] = "import \"d2.cxj\"\n"
        files["d2.cxj"] = "team d \"D\"\n"
        files["k.cxj"] = "import \"d0.cxj\"\nimport \"d2.cxj\"\n"
        // A small cycle back to the file itself.
        files["e0.cxj"] = "import \"e1.cxj\"\n"
        files["e1.cxj"] = "import \"e0.cxj\"\n"
        let inputs = files.keys.sorted().map { SourceInput.path($0) }
        let workspace = Workspace.load(inputs, provider: InMemoryProvider(files), policy: ImportPolicy(defaultRoot: "."))
        XCTAssertEqual(workspace.sources.count, 51)
        var sizes = Set<Int>()
        for file in workspace.sources.indices {
            let closure = workspace.closure(of: file)
            XCTAssertEqual(closure, plainClosure(workspace, file), workspace.sources[file].path)
            sizes.insert(closure.count)
        }
        XCTAssertTrue(sizes.contains(1) && sizes.contains { $0 > 1 && $0 <= 16 } && sizes.contains { $0 > 16 },
                      "closures of one file, of a few and of more than 16: \(sizes.sorted())")
    }
}
