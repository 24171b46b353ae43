import XCTest
@testable import CXJ

/// A large file is formatted from a layout with a hole, its long run parsed and printed a part
/// at a time (`SyntaxHole`): the text must be the one the whole tree prints, the held tree
/// must be small, and anything doubtful must fall back to the whole tree.
final class FormatterHoleTests: XCTestCase {
    /// Whether `assertSameText` expects a quick verdict wherever a hole is made.
    private var quickVerdictExpected = true
    private var savedPartBytes = 0
    private var savedHoledBytes = 0

    override func setUp() {
        savedPartBytes = Formatter.holePartBytes
        savedHoledBytes = Formatter.holedLayoutBytes
        // Parts of about 4 KB in files of tens of kilobytes.
        Formatter.holePartBytes = 4_096
        Formatter.holedLayoutBytes = 0
    }

    override func tearDown() {
        Formatter.holePartBytes = savedPartBytes
        Formatter.holedLayoutBytes = savedHoledBytes
    }

    private let catalogue = "team care \"Care\"\nchannel app \"App\" { kind digital }\n"

    /// Stages in a loose style, to be reformatted: odd spacing and indentation, comments on
    /// lines of their own and after statements, blank lines (one kept, several folded), blocks
    /// that go on one line and blocks that do not, a multi-line string, and non-Latin text.
    private func stages(_ count: Int, from first: Int = 0, extra: (Int) -> String = { _ in "" }) -> String {
        (first..<first + count).map { index in
            let comment = index % 3 == 0 ? "    # before stage \(index): 担心 ลูกค้า 😀\n" : ""
            let blank = index % 4 == 0 ? "\n\n\n" : index % 4 == 1 ? "\n" : ""
            let note = index % 5 == 0
                ? "      step c\(index) \"C\" {\n        thinks \"\"\"\n          Line one of \(index)\n            indented more\n          \"\"\"\n      }\n" : ""
            return """
            \(blank)\(comment)  stage   s\(index) "Stage \(index) 担心 ลูกค้า" {   # trailing \(index)
               phase respond
                customer {
                  step a\(index) "A" { emotion \(index % 7 - 3) ; channel app }
                  step b\(index)   "Step with a long label that keeps its block over several lines when printed" { emotion 1; channel app; pain "Waits" }
            \(note)    }
                organization {
                  action x\(index) "X" { owner care }   # owner
                }
                touchpoint a\(index) <-> x\(index) { via app; claimed 4; perceived 3.5 }
            \(extra(index))  }

            """
        }.joined()
    }

    private func journey(_ stageCount: Int, extra: (Int) -> String = { _ in "" }) -> String {
        catalogue + "# a journey of \(stageCount) stages\njourney big \"Big\" {\n" + stages(stageCount, extra: extra) + "  # the last comment\n}\n# after\n"
    }

    /// Prints `text` both ways; returns the holed layout for further checks.
    @discardableResult
    private func assertSameText(_ text: String, parts expectParts: Bool, file: StaticString = #filePath,
                                line: UInt = #line) -> FormatterLayout {
        let source = SourceFile(path: "big.cxj", bytes: Array(text.utf8))
        let whole = Formatter.layout(of: source)
        let layout = Formatter.printableLayout(of: source)
        XCTAssertEqual(layout.partCount > 1, expectParts, "parts: \(layout.partCount)", file: file, line: line)
        XCTAssertEqual(layout.hasErrors, whole.hasErrors, file: file, line: line)
        XCTAssertEqual(layout.diagnostics.map(\.code), whole.diagnostics.map(\.code), file: file, line: line)
        // Printed once, its parts checked as they go: the whole text, or a verdict to drop it.
        var once: [UInt8] = []
        let printedOnce = Formatter.printLargeCheckingAsItGoes(source) { once.append(contentsOf: $0) }
        if whole.hasErrors {
            XCTAssertNotEqual(printedOnce, true, "a file with errors printed whole", file: file, line: line)
            return layout
        }
        if printedOnce == true {
            XCTAssertTrue(once == Formatter.format(whole), "the text printed once differs", file: file, line: line)
        } else {
            XCTAssertFalse(expectParts && quickVerdictExpected, "not printed once: \(String(describing: printedOnce))", file: file, line: line)
            XCTAssertTrue(once.isEmpty || printedOnce == false, file: file, line: line)
        }
        let expected = Formatter.format(whole)
        let printed = Formatter.format(layout)
        XCTAssertTrue(printed == expected, "the text printed in parts differs from the whole tree's", file: file, line: line)
        var streamed: [UInt8] = []
        Formatter.stream(layout) { streamed.append(contentsOf: $0) }
        XCTAssertTrue(streamed == expected, file: file, line: line)
        XCTAssertEqual(Formatter.isFormatted(layout), Formatter.isFormatted(whole), file: file, line: line)
        // Compared as the parts are checked, the verdict is the same, or none at all.
        if let quick = Formatter.isFormattedIfLarge(source) {
            XCTAssertEqual(quick, Formatter.isFormatted(whole), file: file, line: line)
        } else {
            XCTAssertFalse(expectParts && !layout.hasErrors && quickVerdictExpected, "no quick verdict", file: file, line: line)
        }
        // Printing the output again, in parts, changes nothing.
        let again = Formatter.printableLayout(of: SourceFile(path: "big.cxj", bytes: expected))
        XCTAssertTrue(Formatter.isFormatted(again), file: file, line: line)
        return layout
    }

    func testAJourneysStagesArePrintedInParts() {
        let text = journey(120)
        let layout = assertSameText(text, parts: true)
        let whole = Formatter.layout(of: SourceFile(path: "big.cxj", bytes: Array(text.utf8)))
        XCTAssertGreaterThan(layout.partCount, 10)
        // The tree held while printing is a small part of the whole one.
        XCTAssertLessThan(layout.heldStatements * 5, whole.nodes.count,
                          "held \(layout.heldStatements) statements of \(whole.nodes.count)")
    }

    /// A large file's parts are a 64th of it, from 16 KiB to `holePartBytes` (256 KiB).
    func testPartSizeFollowsTheFileSize() {
        Formatter.holePartBytes = savedPartBytes
        XCTAssertEqual(Formatter.holePartBytes, 256 << 10)
        let table: [(fileBytes: Int, partBytes: Int)] = [
            (100_000, 16 << 10), (1 << 20, 16 << 10), (2_000_000, 31_250), (4_000_000, 62_500),
            (8 << 20, 128 << 10), (16 << 20, 256 << 10), (20_000_000, 256 << 10),
        ]
        for row in table {
            XCTAssertEqual(Formatter.holePartBytes(forFileOf: row.fileBytes), row.partBytes, "\(row.fileBytes) bytes")
        }
    }

    /// With the parts' usual size, a file of about 200 KB is printed in parts of 16 KiB (with
    /// parts of 256 KiB it had no hole at all), and the text is the whole tree's.
    func testAFileOfAFewHundredKilobytesIsPrintedInSmallParts() {
        Formatter.holePartBytes = savedPartBytes
        var count = 0
        var text = journey(0)
        while text.utf8.count < 200_000 {
            count += 50
            text = journey(count)
        }
        let layout = assertSameText(text, parts: true)
        XCTAssertGreaterThanOrEqual(layout.partCount, text.utf8.count / (16 << 10) - 1)
    }

    func testCanonicalTextIsFoundFormatted() {
        let text = journey(120)
        let formatted = Formatter.format(Formatter.layout(of: SourceFile(path: "big.cxj", bytes: Array(text.utf8))))
        let layout = assertSameText(String(decoding: formatted, as: UTF8.self), parts: true)
        XCTAssertTrue(Formatter.isFormatted(layout))
        XCTAssertFalse(Formatter.isFormatted(Formatter.printableLayout(of: SourceFile(path: "big.cxj", bytes: Array(text.utf8)))))
    }

    func testTopLevelStatementsArePrintedInParts() {
        // Many journeys, each a top-level statement: the hole lies in the file itself.
        let text = catalogue + (0..<150).map { "journey j\($0) \"J\" {\n" + stages(1, from: $0) + "}\n\n" }.joined()
        assertSameText(text, parts: true)
    }

    func testAHoleAtTheStartOfItsBlock() {
        // The journey's first stage is the first place a part can start (its label is longer
        // than a part): its block holds nothing before the hole, not even a comment.
        let label = String(repeating: "Customers buy shoes in the size that fits. ", count: 120)
        let text = catalogue + "journey big \"\(label)\" {\n" + stages(60, from: 1) + "}\n"
        let layout = assertSameText(text, parts: true)
        XCTAssertLessThan(layout.heldStatements, 10)
    }

    func testAGuessInsideAStringFallsBack() {
        // Every `stage` line of the middle is inside a `"""` string: no part can start there.
        var body = ""
        for index in 0..<2_000 { body += "  stage fake\(index) \"not a stage\" {\n" }
        let text = catalogue + "journey j \"J\" {\n" + stages(3) + "  note \"\"\"\n" + body + "  \"\"\"\n" + stages(3, from: 3) + "}\n"
        assertSameText(text, parts: false)
    }

    func testErrorsAnywhereFallBackToTheWholeTree() {
        // In a part, and after the hole.
        assertSameText(journey(120) { $0 == 90 ? "    emotion: 1\n    step \"x\n" : "" }, parts: false)
        assertSameText(journey(120) + "journey broken {\n", parts: false)
        assertSameText(journey(120) { $0 == 2 ? "    reach: 5\n" : "" }, parts: false)
    }

    /// An error that only its part's parse finds stops a print made once, after earlier parts
    /// were printed: the caller must drop them (`SpoolFile`, `AtomicFile.write(to:keepingIf:)`).
    func testAnErrorInAPartStopsAPrintMadeOnce() {
        let broken = journey(120) { $0 == 90 ? "    emotion: 1\n" : "" }
        var printed = 0
        XCTAssertEqual(Formatter.printLargeCheckingAsItGoes(SourceFile(path: "big.cxj", bytes: Array(broken.utf8))) { printed += $0.count }, false)
        XCTAssertGreaterThan(printed, 0, "the parts before the error were printed")
        Formatter.holedLayoutBytes = 1 << 20
        XCTAssertNil(Formatter.printLargeCheckingAsItGoes(SourceFile(path: "big.cxj", bytes: Array(broken.utf8))) { _ in XCTFail("printed") })
    }

    func testAnUnclosedJourneyFallsBack() {
        assertSameText(catalogue + "journey j \"J\" {\n" + stages(120), parts: false)
    }

    /// By default a file is printed in parts from 64 KiB, in parts of 16 KiB, as `check` takes
    /// it a part at a time (1 MiB until the thirty-seventh round).
    func testFilesFrom64KiBArePrintedInPartsByDefault() {
        Formatter.holePartBytes = savedPartBytes
        Formatter.holedLayoutBytes = AllocationPolicy.holedLayoutBytes
        XCTAssertEqual(AllocationPolicy.holedLayoutBytes, 64 << 10)
        var stageCount = 1
        while journey(stageCount).utf8.count < 200_000 { stageCount *= 2 }
        let large = SourceFile(path: "big.cxj", bytes: Array(journey(stageCount).utf8))
        let layout = Formatter.printableLayout(of: large)
        XCTAssertGreaterThanOrEqual(layout.partCount, 8, "\(large.bytes.count) bytes in parts of 16 KiB")
        XCTAssertEqual(Formatter.format(Formatter.layout(of: large)), Formatter.format(layout))
        let small = SourceFile(path: "small.cxj", bytes: Array(journey(20).utf8))
        XCTAssertLessThan(small.bytes.count, 64 << 10)
        XCTAssertEqual(Formatter.printableLayout(of: small).partCount, 0, "printed whole")
    }

    func testSmallFilesArePrintedWhole() {
        Formatter.holedLayoutBytes = 1 << 20
        assertSameText(journey(120), parts: false)
    }

    func testQuickVerdictsAgreeOrAbstain() {
        let loose = journey(120)
        let source = SourceFile(path: "big.cxj", bytes: Array(loose.utf8))
        XCTAssertEqual(Formatter.isFormattedIfLarge(source), false)
        let tidy = Formatter.format(Formatter.layout(of: source))
        XCTAssertEqual(Formatter.isFormattedIfLarge(SourceFile(path: "big.cxj", bytes: tidy)), true)
        // An error inside a part, which only that part's parse finds: no verdict.
        let broken = journey(120) { $0 == 60 ? "    emotion: 1\n" : "" }
        XCTAssertNil(Formatter.isFormattedIfLarge(SourceFile(path: "big.cxj", bytes: Array(broken.utf8))))
        // Small files get none.
        Formatter.holedLayoutBytes = 1 << 20
        XCTAssertNil(Formatter.isFormattedIfLarge(source))
    }

    func testPartsAcrossTwoJourneys() {
        // `stage` lines in two journeys: the last part lies in the second, so a hole made
        // without checking every part reaches past the first journey's `}`; the part that
        // meets it fails, and there is no quick verdict. Checked first, the hole ends with
        // the first journey.
        quickVerdictExpected = false
        let text = journey(80) + "journey second \"Second\" {\n" + stages(80, from: 80) + "}\n"
        assertSameText(text, parts: true)
        XCTAssertNil(Formatter.isFormattedIfLarge(SourceFile(path: "big.cxj", bytes: Array(text.utf8))))
    }
}
