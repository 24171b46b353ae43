import XCTest
@testable import CXJ

/// A large block is printed in pieces on two threads; the output must be exactly a single
/// pass's, with comments inside statements, between them, and trailing them.
final class FormatterPiecesTests: XCTestCase {
    private func largeText(commentsBetween: Bool) -> String {
        var text = "# a catalogue\nteam care \"Care\"   # trailing\nchannel app \"App\" { kind digital }\n\njourney j \"J\" {\n"
        var index = 0
        while text.utf8.count < 1_300_000 {
            text += "  stage s\(index) \"Stage \(index) ลูกค้า\" {  # stage \(index)\n    phase respond\n\n\n"
            text += "    customer {\n      # steps\n      step a\(index) \"A\" {channel app;emotion 1}\n"
            text += "      step b\(index) \"B \\u{E01}\" {\n        emotion -1\n        needs \"x\"  # why\n      }\n    }\n"
            if index % 3 == 0 { text += "\n\n" }
            text += "  }\n"
            if commentsBetween && index == 1_023 { text += "  # between stages\n" }
            index += 1
        }
        return text + "  # last\n}\n# end\n"
    }

    private func format(_ text: String, inPieces: Bool) -> [UInt8] {
        Printer.printsInPieces = inPieces
        defer { Printer.printsInPieces = true }
        let (output, diagnostics) = Formatter.format(SourceFile(path: "big.cxj", text: text))
        XCTAssertTrue(diagnostics.isEmpty, "\(diagnostics.first.map { $0.message } ?? "")")
        return output ?? []
    }

    func testPiecesPrintWhatOnePassPrints() {
        for between in [false, true] {
            let text = largeText(commentsBetween: between)
            let source = SourceFile(path: "big.cxj", text: text)
            let tree = Parser.parse(source, fileIndex: 0)
            let printer = source.bytes.withUnsafeBufferPointer { Printer(tree: tree, bytes: $0, sink: PrinterSink(reusing: [])) }
            let journey = tree.nodes.firstIndex { $0.keyword == .journey }.map(Int32.init)!
            // A comment where two pieces would meet (after stage 1023) keeps the block in one piece.
            XCTAssertEqual(printer.largeRun(from: tree.firstChild(of: journey)) != nil, !between)
            let single = format(text, inPieces: false)
            let pieces = format(text, inPieces: true)
            XCTAssertGreaterThan(single.count, 1_000_000)
            XCTAssertTrue(Formatter.sameBytes(single, pieces), "comments between stages: \(between)")
            XCTAssertTrue(Formatter.sameBytes(format(String(decoding: pieces, as: UTF8.self), inPieces: true), pieces), "idempotent")
        }
    }
}
