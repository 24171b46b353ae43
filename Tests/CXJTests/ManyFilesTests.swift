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

/// Diagnostics rendered in pieces on all cores read the same as rendered in order.
final class DiagnosticLinesTests: XCTestCase {
    func testPiecesRenderedInParallelReadAsOneText() {
        var files = ["catalogue.cxj": "team care \"Care\"\nchannel app \"App\"\n"]
        for index in 0..<400 {
            files["j\(index).cxj"] = """
            import "catalogue.cxj"
            journey j\(index) "ยาว \(index) 路线" {
              allow no-repeat-loop
              stage s "S" {
                customer { step a "A" { channel app } }
                organization { action x "X" { owner care; channel app } }
                touchpoint a <-> x { via app; claimed 5; perceived \(index % 3 + 1) }
              }
            }
            """
        }
        let result = Compiler.check(files.keys.sorted().map { SourceInput.path($0) }, provider: InMemoryProvider(files),
                                    policy: ImportPolicy(defaultRoot: "."))
        XCTAssertGreaterThan(result.diagnostics.count, 3 * DiagnosticLines.piece, "enough for several pieces")
        let sources = result.sources
        for render in [{ ShortRenderer().render($0, sources: sources) }, { HumanRenderer(colors: true).render($0, sources: sources) }]
            as [@Sendable (Diagnostic) -> String] {
            let inOrder = result.diagnostics.map { render($0) + "\n" }.joined()
            XCTAssertEqual(DiagnosticLines.render(result.diagnostics, render), inOrder)
        }
        XCTAssertEqual(DiagnosticLines.render([], { _ in "x" }), "")
        // Written a piece at a time, in order: no piece holds more than `piece` diagnostics.
        var pieces: [String] = []
        DiagnosticLines.write(result.diagnostics, { ShortRenderer().render($0, sources: sources) }) { pieces.append($0) }
        let size = DiagnosticLines.pieceSize(count: result.diagnostics.count,
                                             group: max(1, Parallel.coreCount) * DiagnosticLines.piecesPerCore)
        XCTAssertLessThanOrEqual(size, DiagnosticLines.piece)
        XCTAssertEqual(pieces.count, (result.diagnostics.count + size - 1) / size)
        XCTAssertEqual(pieces.joined(), result.diagnostics.map { ShortRenderer().render($0, sources: sources) + "\n" }.joined())
    }
}

extension DiagnosticLinesTests {
    /// Every core gets a piece each round, and no piece holds more than `piece` diagnostics.
    func testPiecesAreEvenAcrossCores() {
        let piece = DiagnosticLines.piece
        let table: [(count: Int, group: Int, size: Int)] = [
            (0, 2, piece), (1, 2, 1), (3, 2, 2), (572, 2, 32), (512, 2, 32), (513, 2, 29), (572, 1, 32),
            (128, 1, 32), (129, 1, 26), (1_000, 4, 32), (572, 8, 24), (1_000, 8, 32),
        ]
        for row in table {
            let size = DiagnosticLines.pieceSize(count: row.count, group: row.group)
            XCTAssertEqual(size, row.size, "\(row.count) diagnostics on \(row.group) cores")
            XCTAssertLessThanOrEqual(size, piece)
            guard row.count > 0 else { continue }
            let pieces = (row.count + size - 1) / size
            // In these rows the last round leaves no core idle, unless each core has fewer than two.
            XCTAssertTrue(pieces % row.group == 0 || row.count < row.group * 2, "\(row.count) on \(row.group): \(pieces) pieces")
        }
    }
}

/// The diagnostics of a run are sorted, deduplicated and limited in place; the result must
/// equal doing it with copies, the plain way.
final class DiagnosticOrderTests: XCTestCase {
    private func plainly(_ diagnostics: [Diagnostic], ranks: [Int], limit: Int) -> ([Diagnostic], [OmittedDiagnostics]) {
        let sorted = diagnostics.sorted {
            ranks[$0.location.file] != ranks[$1.location.file] ? ranks[$0.location.file] < ranks[$1.location.file]
                : Diagnostic.isOrderedBefore($0, $1)
        }
        var unique: [Diagnostic] = []
        for diagnostic in sorted where unique.last != diagnostic { unique.append(diagnostic) }
        var shown: [Diagnostic] = []
        var omitted: [OmittedDiagnostics] = []
        var counts: [Int: Int] = [:]
        for diagnostic in unique {
            counts[diagnostic.location.file, default: 0] += 1
            if counts[diagnostic.location.file]! <= limit { shown.append(diagnostic); continue }
            if omitted.last?.file != diagnostic.location.file { omitted.append(OmittedDiagnostics(file: diagnostic.location.file)) }
            omitted[omitted.count - 1].add(diagnostic.severity)
        }
        return (shown, omitted)
    }

    func testInPlaceEqualsPlain() {
        // Paths out of index order, so ranks differ from file indices.
        let sources = ["b.cxj", "a.cxj", "c.cxj"].map { SourceFile(path: $0, bytes: Array(repeating: 0x20, count: 64)) }
        let ranks = [1, 0, 2]
        let codes: [Code] = [.unknownReference, .duplicateDefinition, .missingRequired]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<200 {
            var diagnostics: [Diagnostic] = []
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                let file = Int.random(in: 0..<3, using: &generator)
                let start = Int.random(in: 0..<8, using: &generator)
                var diagnostic = Diagnostic(codes[Int.random(in: 0..<3, using: &generator)], "message \(start % 3)",
                                            at: SourceLocation(file: file, start: start, end: start + 1))
                if Bool.random(using: &generator) { diagnostic.severity = .warning }
                diagnostics.append(diagnostic)
                // Exact repeats, as two checkers may report the same thing.
                if start % 4 == 0 { diagnostics.append(diagnostic) }
            }
            for limit in [0, 1, 3, 200] {
                let (expected, expectedOmitted) = plainly(diagnostics, ranks: ranks, limit: limit)
                var actual = diagnostics
                Compiler.sortAndUnique(&actual, sources: sources)
                let omitted = Compiler.limit(&actual, perFile: limit)
                XCTAssertEqual(actual, expected, "round \(round), limit \(limit)")
                XCTAssertEqual(omitted, expectedOmitted, "round \(round), limit \(limit)")
            }
        }
    }
}

/// Suggestions and value labels of many diagnostics are resolved in pieces on all cores; each
/// file's diagnostics must read as when the file is checked alone, in one piece.
final class SuggestionPiecesTests: XCTestCase {
    private func journey(_ index: Int) -> String {
        """
        import "catalogue.cxj"
        journey j\(index) "J\(index)" {
          allow no-repeat-loop
          stage s "S" {
            customer { step a "A" { channel app } }
            organization { action x "X" { owner \(index % 2 == 0 ? "car" : "care"); channel app } }
            touchpoint a <-> x { via app; claimed 5; perceived \(index % 3 + 1) }
          }
        }
        """
    }

    func testPiecesResolveAsOneFileAlone() {
        var files = ["catalogue.cxj": "team care \"Care\"\nchannel app \"App\"\n"]
        for index in 0..<700 { files["j\(index).cxj"] = journey(index) }
        let provider = InMemoryProvider(files)
        let policy = ImportPolicy(defaultRoot: ".")
        let all = Compiler.check(files.keys.sorted().map { SourceInput.path($0) }, provider: provider, policy: policy)
        XCTAssertGreaterThan(all.diagnostics.count, 2 * Compiler.suggestionPiece, "enough for several pieces")
        XCTAssertFalse(all.diagnostics.contains { $0.pendingSuggestion != nil }, "every suggestion resolved")
        XCTAssertFalse(all.diagnostics.contains { $0.secondary.contains { $0.pendingValueOf != nil } }, "every value label resolved")
        XCTAssertTrue(all.diagnostics.contains { $0.help?.contains("`care`") == true }, "the unknown owner gets its suggestion")
        let renderer = HumanRenderer(colors: false)
        let byFile = Dictionary(grouping: all.diagnostics) { all.sources[$0.location.file].path }
        for index in stride(from: 0, to: 700, by: 37) {
            let path = "j\(index).cxj"
            let alone = Compiler.check([.path(path)], provider: provider, policy: policy)
            XCTAssertEqual((byFile[path] ?? []).map { renderer.render($0, sources: all.sources) },
                           alone.diagnostics.map { renderer.render($0, sources: alone.sources) }, path)
        }
    }
}

/// Inputs that share a project root keep it once, with no table by path.
final class ImportPolicyRootsTests: XCTestCase {
    func testOneSharedRootIsTheDefault() {
        var policy = ImportPolicy()
        policy.setRoots([("a/x.cxj", "/p"), ("a/y.cxj", "/p")])
        XCTAssertEqual(policy.defaultRoot, "/p")
        XCTAssertTrue(policy.roots.isEmpty)
        XCTAssertEqual(policy.root(ofInput: "a/x.cxj"), "/p")
        XCTAssertEqual(policy.root(ofInput: "a/y.cxj"), "/p")
    }

    func testDifferentRootsAreKeptByPath() {
        var policy = ImportPolicy()
        policy.setRoots([("a/x.cxj", "/p"), ("b/y.cxj", "/q")])
        XCTAssertNil(policy.defaultRoot)
        XCTAssertEqual(policy.root(ofInput: "a/x.cxj"), "/p")
        XCTAssertEqual(policy.root(ofInput: "b/y.cxj"), "/q")
        XCTAssertEqual(policy.root(ofInput: "c/z.cxj"), "c", "an input not listed keeps its own directory")
        var none = ImportPolicy()
        none.setRoots([])
        XCTAssertNil(none.defaultRoot)
        XCTAssertEqual(none.root(ofInput: "d/w.cxj"), "d")
    }

    /// Journeys importing two catalogues in turn: each import must reach its own catalogue
    /// (the wiring reuses the last catalogue's index only for the same identity).
    func testAlternatingImportsReachTheirOwnCatalogues() {
        var files = ["a.cxj": "team care \"Care\"\n", "b.cxj": "channel app \"App\"\n"]
        for index in 0..<40 {
            let imports = index % 3 == 0 ? "import \"a.cxj\"\nimport \"b.cxj\"" : index % 3 == 1 ? "import \"b.cxj\"" : "import \"a.cxj\""
            files["j\(index).cxj"] = imports + "\n"
        }
        // The catalogues are inputs too, so they are loaded when the journeys' imports are wired.
        let inputs = ["a.cxj", "b.cxj"].map { SourceInput.path($0) } + (0..<40).map { SourceInput.path("j\($0).cxj") }
        let workspace = Workspace.load(inputs, provider: InMemoryProvider(files), policy: ImportPolicy(defaultRoot: "."))
        let index = Dictionary(uniqueKeysWithValues: workspace.sources.indices.map { (workspace.sources[$0].path, $0) })
        for journey in 0..<40 {
            let expected = journey % 3 == 0 ? ["a.cxj", "b.cxj"] : journey % 3 == 1 ? ["b.cxj"] : ["a.cxj"]
            XCTAssertEqual(workspace.imports[index["j\(journey).cxj"]!].map { $0.target }, expected.map { index[$0] }, "j\(journey)")
        }
    }
}
