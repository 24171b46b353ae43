import Foundation
import XCTest
@testable import CXJ

/// `check` and `compile` lower a large journey's run of stages a part at a time, each part
/// parsed on its own and dropped once lowered (`FileChecker+Parts`): diagnostics and every
/// output must be those of a whole tree, lowered by one thread; a part that cannot be lowered
/// on its own makes the file be checked again from a whole tree.
final class CheckInPartsTests: XCTestCase {
    private let catalogue = StagedJourney.catalogue

    /// Stages without syntax errors: a tree with one is parsed whole.
    private func stage(_ index: Int, extra: String = "", step: String? = nil, touchpoint: String? = nil) -> String {
        StagedJourney.stage(index, extra: extra, step: step, touchpoint: touchpoint, title: " 🙂", unit: "min")
    }

    private func journey(_ count: Int, catalogue: String? = nil, _ body: (Int) -> String) -> String {
        (catalogue ?? self.catalogue) + "journey j \"J\" {\n  persona ana\n  owner care\n  kpi top \"Top\" { actual 3; target >= 2 }\n"
            + (0..<count).map(body).joined()
            + "  touchpoint a0 <-> y1\n  opportunity o \"O\" { addresses a1, x2, s39; impact high; effort low }\n}\n"
    }

    private func check(_ bytes: [UInt8], files: [String: String]) -> CheckResult {
        var all = files
        all["main.cxj"] = String(decoding: bytes, as: UTF8.self)
        return Compiler.check([.path("main.cxj")], provider: InMemoryProvider(all), policy: ImportPolicy(defaultRoot: "."))
    }

    /// Asserts that checking in parts of `partBytes` shows what a whole tree shows, and that
    /// it was done in parts (or, with `rechecked`, from a whole tree again).
    @discardableResult
    private func assertSame(_ text: String, files: [String: String] = [:], partBytes: Int = 2048, rechecked: Bool = false,
                            file: StaticString = #filePath, line: UInt = #line) -> CheckResult {
        let bytes = Array(text.utf8)
        let check = { (bytes: [UInt8]) in self.check(bytes, files: files) }
        let whole = PipelineExercise.loweredInHalves(check, bytes, halves: false)
        let partsBefore = FileChecker.loweredParts.load(ordering: .relaxed)
        let rechecksBefore = FileChecker.wholeTreeRechecks.load(ordering: .relaxed)
        let inParts = PipelineExercise.loweredInHalves(check, bytes, inPartsOf: partBytes)
        let parts = FileChecker.loweredParts.load(ordering: .relaxed) - partsBefore
        let rechecks = FileChecker.wholeTreeRechecks.load(ordering: .relaxed) - rechecksBefore
        if inParts != whole {
            let first = (0..<min(inParts.count, whole.count)).first { inParts[$0] != whole[$0] } ?? min(inParts.count, whole.count)
            XCTFail("in parts, outputs differ at byte \(first): \(String(decoding: inParts[max(0, first - 200)..<min(inParts.count, first + 200)], as: UTF8.self))\n---- whole:\n\(String(decoding: whole[max(0, first - 200)..<min(whole.count, first + 200)], as: UTF8.self))",
                    file: file, line: line)
        }
        XCTAssertGreaterThan(whole.count, 1_000, file: file, line: line)
        XCTAssertGreaterThan(parts, 1, "parts lowered", file: file, line: line)
        XCTAssertEqual(rechecks, rechecked ? 1 : 0, "checked again from a whole tree", file: file, line: line)
        return check(bytes)
    }

    func testAJourneyIsLoweredInParts() {
        let result = assertSame(journey(40) { stage($0) })
        XCTAssertEqual(result.files[0].journeys[0].stages.count, 40)
        XCTAssertFalse(result.diagnostics.contains { $0.severity == .error }, "\(TestSupport.codes(result))")
    }

    func testPartsOfOneStageEach() {
        assertSame(journey(12) { stage($0) }, partBytes: 64)
    }

    func testSeveralJourneys() {
        // The first journey's run of stages is the hole; the second is lowered from the tree.
        assertSame(journey(30) { stage($0) } + "journey k \"K\" {\n" + (0..<5).map { stage($0) }.joined() + "}\n")
    }

    func testTwoLargeFilesCheckedTogether() {
        // Each file's checker runs inside the pass over the files: its parts are parsed and
        // lowered on its own thread, one after the other.
        let second = journey(30) { stage($0 + 100) }.replacingOccurrences(of: "journey j", with: "journey k")
        let bytes = Array(journey(40) { stage($0) }.utf8)
        let check = { (bytes: [UInt8]) -> CheckResult in
            Compiler.check([.path("main.cxj"), .path("second.cxj")],
                           provider: InMemoryProvider(["main.cxj": String(decoding: bytes, as: UTF8.self), "second.cxj": second]),
                           policy: ImportPolicy(defaultRoot: "."))
        }
        let whole = PipelineExercise.loweredInHalves(check, bytes, halves: false)
        let partsBefore = FileChecker.loweredParts.load(ordering: .relaxed)
        XCTAssertEqual(PipelineExercise.loweredInHalves(check, bytes, inPartsOf: 2048), whole)
        XCTAssertGreaterThan(FileChecker.loweredParts.load(ordering: .relaxed) - partsBefore, 2)
    }

    func testACatalogueAfterTheJourney() {
        // Names declared after the hole are interned before the parts' names.
        assertSame(journey(40, catalogue: "") { stage($0) } + catalogue)
    }

    func testAnImportedCatalogueNamedOnlyInParts() {
        let text = journey(40, catalogue: "import \"catalogue.cxj\"\n") { stage($0) }
        assertSame(text, files: ["catalogue.cxj": catalogue])
    }

    func testErrorsOfMeaningInsideParts() {
        // An unknown channel, a name declared twice across parts, a value out of range: the
        // checker reports them from the parts as it would from the tree.
        let result = assertSame(journey(40) {
            stage($0, extra: $0 == 33 ? "    reach 5\n    phase sideways\n" : "", step: $0 == 30 ? "a3" : nil,
                  touchpoint: $0 == 30 ? "b30" : nil)
                .replacingOccurrences(of: $0 == 35 ? "channel shop" : "@", with: "channel shoop")
        })
        let codes = TestSupport.codes(result)
        XCTAssertTrue(codes.contains("CXJ101"), "\(codes)")
        XCTAssertTrue(codes.contains("CXJ102"), "\(codes)")
        XCTAssertTrue(codes.contains("CXJ106"), "\(codes)")
    }

    func testASyntaxErrorInAPartChecksTheWholeTree() {
        let result = assertSame(journey(40) { stage($0, extra: $0 == 30 ? "    step \"no name\"\n" : "") }, rechecked: true)
        XCTAssertFalse(TestSupport.codes(result).isEmpty)
    }

    func testAMalformedStageInAPartChecksTheWholeTree() {
        // Checked again from a whole tree, the stage helper reads that tree too (a fuzzed input
        // once had it read the tree with the hole, out of range).
        let result = assertSame(journey(40) { stage($0) + ($0 == 30 ? "  stage z30 \"Z\" oops {\n    phase request\n  }\n" : "") },
                                rechecked: true)
        XCTAssertTrue(result.diagnostics.contains { $0.severity == .error })
    }

    func testAForwardTouchpointInAPartChecksTheWholeTree() {
        // Stage 20's touchpoint names a step of stage 35: it waits for the journey's end, when
        // its part is gone.
        assertSame(journey(40) { stage($0, touchpoint: $0 == 20 ? "a35" : nil) }, rechecked: true)
    }

    func testAnAllowOfTheJourneyAmongItsStagesChecksTheWholeTree() {
        assertSame(journey(40) { stage($0) + ($0 == 25 ? "  allow funnel-leak \"seasonal\"\n" : "") }, rechecked: true)
    }

    func testAllowsInsideStagesAndForwardAddresses() {
        // An `allow` inside a stage belongs to its part; `addresses` and `loops-to` that name
        // later elements wait for the journey's end as names, not as statements.
        assertSame(journey(40) { stage($0, extra: $0 % 10 == 7 ? "    allow funnel-leak \"seasonal\"\n" : "") }
            .replacingOccurrences(of: "loops-to s2\n", with: "loops-to s39\n"))
    }

    func testAFileThatIsImportedIsParsedWhole() {
        // `main.cxj` imports the large file: its syntax errors count for the importer, so the
        // large file is parsed whole, and checked as any file.
        let large = journey(40) { stage($0, extra: $0 == 30 ? "    step \"no name\"\n" : "") }
        let saved = (Workspace.parsesInParts, Parser.checkedPartBytes)
        Workspace.parsesInParts = true
        Parser.checkedPartBytes = 2048
        defer { (Workspace.parsesInParts, Parser.checkedPartBytes) = saved }
        let result = Compiler.check([.path("main.cxj"), .path("large.cxj")], provider: InMemoryProvider([
            "main.cxj": "import \"large.cxj\"\njourney m \"M\" {\n  persona ana\n  stage s \"S\" {\n    customer {\n      step t \"T\" { channel nowhere }\n    }\n  }\n}\n",
            "large.cxj": large,
        ]), policy: ImportPolicy(defaultRoot: "."))
        XCTAssertNil(result.workspace.trees[1].hole)
        // The unknown channel of the importer is not reported: the import has syntax errors.
        XCTAssertFalse(result.diagnostics.contains { $0.location.file == 0 && $0.code == .unknownReference })
        XCTAssertTrue(result.diagnostics.contains { $0.location.file == 1 && $0.severity == .error })
    }

    /// A file's parts are a 64th of it, from 16 to 96 KiB; a file under two of the largest
    /// parts keeps them (it is parsed whole).
    func testPartSizeFollowsTheFileSize() {
        XCTAssertEqual(Parser.checkedPartBytes, 96 << 10)
        let table: [(fileBytes: Int, partBytes: Int)] = [
            (70_000, 96 << 10), ((192 << 10) - 1, 96 << 10), (192 << 10, 16 << 10), (500_000, 16 << 10),
            (1 << 20, 16 << 10), (2_000_000, 31_250), (4_000_000, 62_500), (6 << 20, 96 << 10), (20_000_000, 96 << 10),
        ]
        for row in table {
            XCTAssertEqual(Parser.checkedPartBytes(forFileOf: row.fileBytes), row.partBytes, "\(row.fileBytes) bytes")
        }
    }

    /// A journey of about 300 KB is checked in parts of 16 KiB, not 96.
    func testAMidSizedJourneyIsCheckedInSmallParts() {
        var count = 0
        var text = journey(0) { _ in "" }
        while text.utf8.count < 300_000 {
            count += 120
            text = journey(count) { stage($0) }
        }
        let saved = Workspace.parsesInParts
        Workspace.parsesInParts = true
        defer { Workspace.parsesInParts = saved }
        let before = FileChecker.loweredParts.load(ordering: .relaxed)
        let result = check(Array(text.utf8), files: [:])
        let parts = FileChecker.loweredParts.load(ordering: .relaxed) - before
        XCTAssertEqual(result.files[0].journeys[0].stages.count, count)
        XCTAssertGreaterThanOrEqual(parts, text.utf8.count / (16 << 10) - 1)
        XCTAssertLessThanOrEqual(parts, text.utf8.count / (16 << 10) + 1)
    }

    /// A piece of a file is reserved as a large file's, whatever its length: a part of 32 KiB
    /// reserved as a small file grew its arrays by a copy.
    func testAPieceIsReservedAsALargeFiles() {
        let text = journey(200) { stage($0) }
        let source = SourceFile(path: "main.cxj", text: text)
        source.bytes.withUnsafeBufferPointer { buffer in
            let piece = ParserState(source: source, bytes: buffer, fileIndex: 0, indentationRecovery: false,
                                    reserving: 32 << 10)
            XCTAssertGreaterThanOrEqual(piece.tree.nodes.capacity, (32 << 10) / 12)
            XCTAssertGreaterThanOrEqual(piece.tree.arguments.capacity, (32 << 10) / 8)
            let small = SourceFile(path: "small.cxj", bytes: Array(text.utf8.prefix(32 << 10)))
            small.bytes.withUnsafeBufferPointer { smallBuffer in
                let whole = ParserState(source: small, bytes: smallBuffer, fileIndex: 0, indentationRecovery: false)
                XCTAssertLessThan(whole.tree.nodes.capacity, (32 << 10) / 12, "a small file is reserved for its likely size")
            }
        }
    }

    func testExamplesInSmallParts() throws {
        let folder = TestSupport.repository + "/Examples"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".cxj") }.sorted()
        XCTAssertGreaterThan(names.count, 3)
        for name in names {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            let catalogues = try FileManager.default.contentsOfDirectory(atPath: folder + "/catalogue")
            var files: [String: String] = [:]
            for catalogue in catalogues {
                files["catalogue/" + catalogue] = try String(contentsOfFile: folder + "/catalogue/" + catalogue, encoding: .utf8)
            }
            let bytes = Array(text.utf8)
            let check = { (bytes: [UInt8]) in self.check(bytes, files: files) }
            let whole = PipelineExercise.loweredInHalves(check, bytes, halves: false)
            XCTAssertEqual(PipelineExercise.loweredInHalves(check, bytes, inPartsOf: 64), whole, name)
        }
    }
}
