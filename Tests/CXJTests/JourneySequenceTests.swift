import XCTest
@testable import CXJ

/// Reports and Mermaid write the journeys of several files on both cores (`JourneySequence`);
/// the bytes must be those of writing them one after another on one thread.
final class JourneySequenceTests: XCTestCase {
    /// The examples (English, Thai, Chinese), six times over: 36 files, 42 journeys.
    private func files() -> [CheckedFile] {
        let folder = TestSupport.repository + "/Examples"
        let inputs = InputDiscovery.cxjFiles(under: folder).map { SourceInput.path($0) }
        let result = Compiler.check(inputs)
        let roots = result.workspace.roots.filter { !result.hasErrors(affecting: $0) }
        XCTAssertGreaterThanOrEqual(roots.filter { result.files[$0].hasJourneys }.count, 6)
        return Array(repeating: roots.map { result.files[$0] }, count: 6).flatMap { $0 }
    }

    private func sequentialReport(_ files: [CheckedFile]) -> String {
        var out = OutputWriter(MemorySink())
        var first = true
        for file in files {
            for index in file.journeys.indices {
                if !first { out.write("\n---\n\n") }
                first = false
                MarkdownReport.write(JourneyDigest(file: file, index: index), to: &out)
            }
        }
        return out.finish().text
    }

    private func sequentialText(_ files: [CheckedFile]) -> String {
        var text = ""
        for file in files {
            for index in file.journeys.indices {
                if !text.isEmpty { text += "\n" + String(repeating: "━", count: TextReport.width) + "\n\n" }
                for line in TextReport.lines(JourneyDigest(file: file, index: index)) { text += line + "\n" }
            }
        }
        return text
    }

    private func sequentialMermaid(_ files: [CheckedFile]) -> String {
        var text = ""
        for file in files {
            for index in file.journeys.indices {
                if !text.isEmpty { text += "\n" }
                if !text.isEmpty || files.count > 1 || file.journeys.count > 1 {
                    text += "%% journey \(MermaidText.escape(file.name(file.journeys[index].id), as: .actor))\n"
                }
                text += MermaidEmitter.diagram(file, journey: index)
            }
        }
        return text
    }

    func testSeveralFilesGiveTheSequentialBytes() {
        let files = files()
        let report = sequentialReport(files)
        let text = sequentialText(files)
        let mermaid = sequentialMermaid(files)
        XCTAssertTrue(text.unicodeScalars.contains { (0x0E00...0x0E7F).contains($0.value) }, "the examples carry Thai")
        XCTAssertTrue(text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "the examples carry Chinese")
        for _ in 0..<5 {
            XCTAssertEqual(MarkdownReport.emit(files, to: MemorySink()).text, report)
            XCTAssertEqual(TextReport.emit(files, to: MemorySink()).text, text)
            XCTAssertEqual(MermaidEmitter.emit(files, to: MemorySink()).text, mermaid)
        }
    }

    func testOneJourneyAndNone() {
        let one = Array(files().filter { $0.journeys.count == 1 }.prefix(1))
        XCTAssertEqual(one.count, 1)
        XCTAssertEqual(MarkdownReport.emit(one, to: MemorySink()).text, sequentialReport(one))
        XCTAssertEqual(TextReport.emit(one, to: MemorySink()).text, sequentialText(one))
        XCTAssertEqual(MermaidEmitter.emit(one, to: MemorySink()).text, sequentialMermaid(one))
        XCTAssertFalse(MermaidEmitter.emit(one, to: MemorySink()).text.hasPrefix("%%"))
        XCTAssertEqual(MarkdownReport.emit([], to: MemorySink()).text, "_No journeys._\n")
        XCTAssertEqual(TextReport.emit([], to: MemorySink()).text, "No journeys.\n")
        XCTAssertEqual(MermaidEmitter.emit([], to: MemorySink()).text, "")
    }

    /// `cxj compile DIR -o OUT` renders on both cores and writes in order; a file that cannot
    /// be written stops the writing there, and the error names it.
    func testFileOutputsAreWrittenInOrderUntilOneFails() throws {
        let files = Array(files().prefix(8))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cxj-outputs-\(getpid())").path
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory + "/f4.md", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outputs = files.enumerated().map { OutputFormat.FileOutput(files: [$1], diagnostics: [], path: "\(directory)/f\($0).md") }
        XCTAssertThrowsError(try OutputFormat.report.write(outputs)) { error in
            XCTAssertEqual((error as? AtomicFile.Failure)?.path, "\(directory)/f4.md")
        }
        for index in 0..<4 {
            let written = try String(contentsOfFile: "\(directory)/f\(index).md", encoding: .utf8)
            XCTAssertEqual(written, String(decoding: OutputFormat.report.emit([files[index]], diagnostics: []), as: UTF8.self))
        }
        for index in 5..<8 { XCTAssertFalse(FileManager.default.fileExists(atPath: "\(directory)/f\(index).md")) }
    }
}
