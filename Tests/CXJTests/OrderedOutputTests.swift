import XCTest
@testable import CXJ

/// `cxj compile` over several inputs to standard output writes JSON and DOT while the inputs
/// are checked, each as soon as every file of its closure is (`OrderedOutput`), and drops
/// what it wrote. The bytes must be those written once everything is checked, whatever the
/// scheduling: in order, with chosen files left for after the load, and on both cores.
final class OrderedOutputTests: XCTestCase {
    /// `FirstWaveChecksTests`'s folder, and a journey with no diagnostic at all.
    private let files = FirstWaveChecksTests.folder.merging(["journeys/m-quiet.cxj": """
        import "../catalogue/common.cxj"

        journey quiet "取货 🛍️" {
          allow no-repeat-loop
          persona shopper
          stage s "รับสินค้า" {
            customer {
              step a "Picks up" { channel store; emotion 2 }
            }
            organization {
              action x "Hands over" { owner care; channel store; uses oms }
            }
            touchpoint a <-> x { via store; claimed 4; perceived 4 }
          }
        }

        """]) { old, _ in old }

    /// The output of a run that checks everything first: the inputs without an error in their
    /// closure, with the diagnostics of what they import (as `CompileCommand` writes it).
    private func expected(_ format: OutputFormat, _ files: [String: String]? = nil) -> (bytes: [UInt8], written: [Int]) {
        let result = TestSupport.checkFolder(files ?? self.files, releasingTrees: false, deferring: nil)
        let clean = result.workspace.roots.filter { !result.hasErrors(affecting: $0) }
        // With nothing clean, nothing is written at all.
        if clean.isEmpty { return ([], clean) }
        return (format.emit(clean.map { result.files[$0] }, diagnostics: diagnostics(of: clean, result)), clean)
    }

    private func diagnostics(of files: [Int], _ result: CheckResult) -> [Diagnostic] {
        let closure = Set(files.flatMap { result.workspace.closure(of: $0) })
        return result.diagnostics.filter { closure.contains($0.location.file) }
    }

    private struct Run {
        var bytes: [UInt8]
        var written: [Int]
        var result: CheckResult
        var writtenDuringLoad: Int
    }

    /// Compiles the folder to a temporary file through an ordered output.
    private func streamed(_ format: OutputFormat, inOrder: Bool, deferring: (@Sendable (Int) -> Bool)? = nil,
                          files: [String: String]? = nil) throws -> Run {
        let files = files ?? self.files
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cxj-ordered-\(UUID().uuidString)").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        defer { unlink(path) }
        let stream = StreamedOutput(format, options: EmitOptions(), descriptor: descriptor)
        let output = OrderedOutput(writingTo: stream)
        let check = { TestSupport.checkFolder(files, releasingTrees: true, deferring: deferring, output: output) }
        let result = inOrder ? FirstWaveChecksTests.inOrder(check) : check()
        let written = result.workspace.roots.filter(output.wasWritten)
        XCTAssertNil(stream.finish(diagnostics: diagnostics(of: written, result), sources: result.sources))
        close(descriptor)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        return Run(bytes: bytes, written: written, result: result, writtenDuringLoad: output.writtenDuringLoad)
    }

    func testWritingAsCheckedGivesTheBytesOfWritingAtTheEnd() throws {
        for format in OutputFormat.allCases {
            let (bytes, clean) = expected(format)
            XCTAssertEqual(clean.count, 6, "the folder's clean inputs")
            var runs: [(String, Run)] = [("in order", try streamed(format, inOrder: true))]
            for (name, rule) in [("even files", { @Sendable (file: Int) in file % 2 == 0 }),
                                 ("odd files", { @Sendable (file: Int) in file % 2 == 1 }),
                                 ("the first catalogue", { @Sendable (file: Int) in file == 0 }),
                                 ("every file", { @Sendable (_: Int) in true })] as [(String, @Sendable (Int) -> Bool)] {
                runs.append(("in order, deferring \(name)", try streamed(format, inOrder: true, deferring: rule)))
            }
            for run in 0..<5 { runs.append(("on both cores, run \(run)", try streamed(format, inOrder: false))) }
            for (name, run) in runs {
                XCTAssertTrue(run.bytes == bytes, "\(format), \(name): output differs")
                XCTAssertEqual(run.written, clean, "\(format), \(name)")
            }
            // In order, the catalogues are checked as they are parsed (`common` once `teams`,
            // which it imports, is), and so is `a-plain`: the three are written before the load
            // ends. The output then waits at `d-missing`, whose import is missing, which is
            // checked after the load. Deferring every file, nothing is written before.
            XCTAssertEqual(runs[0].1.writtenDuringLoad, 3, "\(format): written during the load")
            XCTAssertEqual(runs[4].1.writtenDuringLoad, 0, "\(format): written during the load, every file deferred")
        }
    }

    func testWrittenFilesWithoutDiagnosticsAreDropped() throws {
        let run = try streamed(.json, inOrder: true)
        let result = run.result
        var dropped: [String] = []
        for index in result.files.indices where result.files[index].journeys.isEmpty && result.sources[index].bytesWereReleased {
            dropped.append(result.sources[index].path)
        }
        // The clean journey with no diagnostic and no catalogue entry of its own.
        XCTAssertEqual(dropped, ["journeys/m-quiet.cxj"])
        XCTAssertTrue(run.written.contains { result.sources[$0].path == "journeys/m-quiet.cxj" })
        // The others keep their models: a catalogue, and what has diagnostics.
        for index in result.files.indices where !dropped.contains(result.sources[index].path) {
            XCTAssertFalse(result.sources[index].bytesWereReleased, result.sources[index].path)
        }
    }

    /// A name declared by two catalogues is reported at the second declaration by the check of
    /// the journey importing both: it is that journey's error. A journey importing the second
    /// catalogue alone compiles, whichever file is checked first.
    func testADuplicateBetweenCatalogesIsTheImportersError() throws {
        func journey(_ name: String, imports: [String]) -> String {
            imports.map { "import \"../catalogue/\($0)\"\n" }.joined() + """

                journey \(name) "旅程 \(name)" {
                  allow no-repeat-loop
                  stage s "สั่งซื้อ 📦" {
                    customer {
                      step a "ซื้อ" { emotion 1 }
                    }
                    organization {
                      action x "Ships" { owner care }
                    }
                    touchpoint a <-> x { claimed 4; perceived 4 }
                  }
                }

                """
        }
        let folder = [
            "catalogue/a.cxj": "team care \"Care\"\n",
            "catalogue/b.cxj": "team care \"客服\"\nteam sales \"ขาย\"\n",
            "journeys/both.cxj": journey("both", imports: ["a.cxj", "b.cxj"]),
            "journeys/only-b.cxj": journey("onlyB", imports: ["b.cxj"]),
        ]
        let checked = TestSupport.checkFolder(folder, releasingTrees: false, deferring: nil)
        let duplicate = try XCTUnwrap(checked.diagnostics.first { $0.code == .duplicateDefinition })
        XCTAssertEqual(checked.sources[duplicate.location.file].path, "catalogue/b.cxj", "reported at the second declaration")
        let paths = { (indices: [Int]) in indices.map { checked.sources[$0].path } }
        for format in OutputFormat.allCases {
            let (bytes, clean) = expected(format, folder)
            XCTAssertEqual(paths(clean), ["catalogue/a.cxj", "catalogue/b.cxj", "journeys/only-b.cxj"], "\(format)")
            for (name, run) in [("in order", try streamed(format, inOrder: true, files: folder)),
                                ("the journeys deferred", try streamed(format, inOrder: true, deferring: { $0 >= 2 }, files: folder)),
                                ("on both cores", try streamed(format, inOrder: false, files: folder))] {
                XCTAssertTrue(run.bytes == bytes, "\(format), \(name): output differs")
                XCTAssertEqual(run.written, clean, "\(format), \(name)")
            }
        }
    }

    /// What a report or Mermaid writes depends on the whole run: a rule between journeys,
    /// `_No journeys._` when no clean file holds one, and no `%% journey` comment when the
    /// only file written holds one journey. Streamed, each is decided as the files come.
    func testReportsAndMermaidDecideWhatDependsOnTheWholeRun() throws {
        let journey = { (name: String) in """
            journey \(name) "ลูกค้า \(name) 🧾" {
              allow no-repeat-loop
              stage s "付款" {
                customer {
                  step a "Pays" { emotion 1 }
                }
                organization {
                  action x "Takes the payment" { owner care }
                }
                touchpoint a <-> x { claimed 4; perceived 4 }
              }
            }

            """ }
        let broken = "journey broken \"Broken\" {\n  stage s \"S\" {\n    customer { step a \"A\" { emotion 9 } }\n  }\n}\n"
        let folders: [(String, [String: String])] = [
            ("one clean journey among errors", ["a.cxj": "team care \"Care\"\n" + journey("only"), "b.cxj": broken]),
            ("one journey, then a clean catalogue", ["a.cxj": "team care \"Care\"\n" + journey("first"), "b.cxj": "team sales \"Sales\"\n"]),
            ("a clean catalogue, then one journey", ["a.cxj": "team sales \"Sales\"\n", "b.cxj": "team care \"Care\"\n" + journey("second")]),
            ("only a catalogue is clean", ["a.cxj": "team care \"Care\"\n", "b.cxj": broken]),
            ("nothing is clean", ["a.cxj": broken, "b.cxj": broken]),
            ("two journeys in one file", ["a.cxj": "team care \"Care\"\n" + journey("one") + journey("two"), "b.cxj": broken]),
        ]
        for (name, folder) in folders {
            for format in [OutputFormat.report, .text, .mermaid] {
                let (bytes, clean) = expected(format, folder)
                for run in [try streamed(format, inOrder: true, files: folder), try streamed(format, inOrder: false, files: folder)] {
                    XCTAssertEqual(String(decoding: run.bytes, as: UTF8.self), String(decoding: bytes, as: UTF8.self), "\(format), \(name)")
                    XCTAssertEqual(run.written, clean, "\(format), \(name)")
                }
            }
        }
        // The cases are what they say.
        XCTAssertTrue(String(decoding: expected(.report, folders[3].1).bytes, as: UTF8.self) == "_No journeys._\n")
        XCTAssertTrue(expected(.report, folders[4].1).bytes.isEmpty)
        XCTAssertFalse(String(decoding: expected(.mermaid, folders[0].1).bytes, as: UTF8.self).hasPrefix("%%"))
        XCTAssertTrue(String(decoding: expected(.mermaid, folders[1].1).bytes, as: UTF8.self).hasPrefix("%% journey first"))
        XCTAssertTrue(String(decoding: expected(.mermaid, folders[2].1).bytes, as: UTF8.self).hasPrefix("%% journey second"))
    }
}
