import XCTest
@testable import CXJ

/// The formatter streams its output (`Formatter.stream`, `Formatter.isFormatted`): the bytes
/// handed on are those of printing the whole text into memory and trimming its end, however
/// they are cut into chunks.
final class FormatterStreamTests: XCTestCase {
    /// The reference: the whole text printed into memory, its trailing line ends replaced by
    /// one (what the formatter did before it streamed).
    private func printedWhole(_ tree: SyntaxTree) -> [UInt8] {
        var bytes = tree.source.bytes.withUnsafeBufferPointer { source -> [UInt8] in
            var printer = Printer(tree: tree, bytes: source, sink: PrinterSink(reusing: []))
            printer.printBlock(parent: nil, depth: 0, start: tree.source.contentStart, end: source.count)
            return printer.out.finish().bytes
        }
        while bytes.last == 0x0A { bytes.removeLast() }
        if !bytes.isEmpty { bytes.append(0x0A) }
        return bytes
    }

    private var inputs: [String] {
        var texts = InputDiscovery.cxjFiles(under: TestSupport.repository + "/Examples")
            .compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }
        texts += InputDiscovery.cxjFiles(under: TestSupport.fixtures + "/diagnostics")
            .compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }
        texts += ["", "\n", "\n\n\n", "# only a comment", "# a comment\n\n\n\n", "\n\n\nteam care \"Care\"\n\n\n\n",
                  "team care \"Care\"", "team  care   \"Care\"\r\n\r\n", "team care \"Care\" # trailing\n\n"]
        return texts
    }

    func testStreamedTextIsTheWholeTextTrimmed() {
        var compared = 0
        for text in inputs {
            let tree = Formatter.layout(of: SourceFile(path: "s.cxj", text: text))
            guard !tree.hasErrors else { continue }
            let expected = printedWhole(tree)
            var streamed: [UInt8] = []
            var chunks = 0
            Formatter.stream(tree) { streamed.append(contentsOf: $0); chunks += 1 }
            XCTAssertEqual(streamed, expected, text.prefix(60).debugDescription)
            XCTAssertEqual(Formatter.format(tree), expected)
            XCTAssertEqual(Formatter.isFormatted(tree), tree.source.bytes.equals(expected), text.prefix(60).debugDescription)
            compared += 1
        }
        XCTAssertGreaterThan(compared, 20)
    }

    /// A large journey goes out in many chunks, some printed on the other core.
    func testLargeJourneyStreamsInChunks() {
        var text = "team care \"Care\"\njourney j \"J\" {\n"
        var index = 0
        while text.utf8.count < 1_500_000 {
            text += "  stage s\(index) \"Stage \(index) ลูกค้า\" {\n    phase respond\n\n\n\n    customer {\n"
            text += "      step a\(index) \"A\" {emotion 1}  # why\n    }\n  }\n"
            index += 1
        }
        text += "}\n\n\n"
        let tree = Formatter.layout(of: SourceFile(path: "big.cxj", text: text))
        XCTAssertFalse(tree.hasErrors)
        var streamed: [UInt8] = []
        var chunks = 0
        Formatter.stream(tree) { streamed.append(contentsOf: $0); chunks += 1 }
        XCTAssertGreaterThan(chunks, 10)
        XCTAssertEqual(streamed, printedWhole(tree))
        XCTAssertFalse(Formatter.isFormatted(tree))
        let formatted = Formatter.layout(of: SourceFile(path: "big.cxj", bytes: streamed))
        XCTAssertTrue(Formatter.isFormatted(formatted))
    }

    /// Line ends are held back across chunk boundaries: random texts of letters and line ends,
    /// cut at random, come out with exactly one line end at the end.
    func testFinalNewlineOverRandomChunks() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let length = Int.random(in: 0..<40, using: &generator)
            let text = (0..<length).map { _ in Bool.random(using: &generator) ? UInt8(0x0A) : UInt8(0x61) }
            var expected = text
            while expected.last == 0x0A { expected.removeLast() }
            if !expected.isEmpty { expected.append(0x0A) }
            var output: [UInt8] = []
            let ending = FinalNewline { output.append(contentsOf: $0) }
            var start = 0
            while start < text.count {
                let end = min(text.count, start + Int.random(in: 0...5, using: &generator))
                text.withUnsafeBytes { ending.write(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
                start = end
            }
            ending.finish()
            XCTAssertEqual(output, expected, "\(text)")
        }
        // More line ends in a row than the buffer that releases them holds.
        var output: [UInt8] = []
        let ending = FinalNewline { output.append(contentsOf: $0) }
        let text: [UInt8] = [0x61] + [UInt8](repeating: 0x0A, count: 150) + [0x62, 0x0A, 0x0A]
        text.withUnsafeBytes { ending.write($0) }
        ending.finish()
        XCTAssertEqual(output, [0x61] + [UInt8](repeating: 0x0A, count: 150) + [0x62, 0x0A])
    }

    func testSourceComparisonOverChunks() {
        let source = Array("journey j \"J\" {\n}\n".utf8)
        func compare(_ printed: [UInt8], cut: Int) -> Bool {
            source.withUnsafeBufferPointer { bytes in
                let comparison = SourceComparison(bytes)
                var start = 0
                while start < printed.count {
                    let end = min(printed.count, start + cut)
                    printed.withUnsafeBytes { comparison.write(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
                    start = end
                }
                return comparison.matches
            }
        }
        for cut in 1...20 {
            XCTAssertTrue(compare(source, cut: cut))
            XCTAssertFalse(compare(Array(source.dropLast()), cut: cut), "a prefix")
            XCTAssertFalse(compare(source + [0x0A], cut: cut), "longer")
            var changed = source
            changed[5] = 0x6B
            XCTAssertFalse(compare(changed, cut: cut), "one byte changed")
        }
        XCTAssertFalse(compare([], cut: 1))
    }
}
