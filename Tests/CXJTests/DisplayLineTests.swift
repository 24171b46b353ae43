import XCTest
@testable import CXJ

/// A source line as a terminal shows it (`DisplayLine`): the text, built as UTF-8 bytes, and the
/// display column of each byte offset, which underlines are drawn from.
final class DisplayLineTests: XCTestCase {
    func testTextAndColumns() {
        let cases: [(name: String, line: [UInt8], text: String, columns: [(offset: Int, column: Int)])] = [
            ("ascii", Array("step a".utf8), "step a", [(0, 0), (5, 5), (6, 6)]),
            ("tab", Array("a\tb".utf8), "a    b", [(1, 1), (2, 5), (3, 6)]),
            ("control", [0x78, 0x01, 0x79], "x\u{2401}y", [(1, 1), (2, 2)]),
            ("delete", [0x78, 0x7F, 0x79], "x\u{2421}y", [(2, 2)]),
            ("bidi override", Array("x\u{202E}y".utf8), "x\\u{202E}y", [(1, 1), (4, 9)]),
            ("invalid UTF-8", [0x61, 0xFF, 0x62], "a\u{FFFD}b", [(1, 1), (2, 2), (3, 3)]),
            // ก, then a combining tone mark of width 0, then อ and น.
            ("thai", Array("ก่อน".utf8), "ก่อน", [(3, 1), (6, 1), (9, 2), (12, 3)]),
            ("cjk and emoji", Array("中文😀!".utf8), "中文😀!", [(3, 2), (6, 4), (10, 6), (11, 7)]),
        ]
        for (name, line, text, columns) in cases {
            let source = SourceFile(path: "t.cxj", bytes: line + [0x0A] + Array("next".utf8))
            let display = DisplayLine(source: source, line: 0)
            XCTAssertEqual(display.text, text, name)
            XCTAssertEqual(display.range, 0..<line.count, name)
            for (offset, column) in columns {
                XCTAssertEqual(display.column(of: offset), column, "\(name), offset \(offset)")
            }
        }
    }

    /// A line wider than the window is cut around the focus, with `…` at each cut.
    func testALongLineIsWindowedAroundItsFocus() {
        let line = String(repeating: "中", count: 100) + "target" + String(repeating: "文", count: 100)
        let source = SourceFile(path: "t.cxj", bytes: Array(line.utf8))
        let focus = 300
        let display = DisplayLine(source: source, line: 0, focus: focus)
        XCTAssertTrue(display.text.hasPrefix("…"))
        XCTAssertTrue(display.text.hasSuffix("…"))
        XCTAssertTrue(display.text.contains("target"))
        // Forty columns of context: twenty CJK characters, after the `…`.
        XCTAssertEqual(display.column(of: focus), 1 + DisplayLine.contextBefore)
        XCTAssertLessThanOrEqual(display.text.unicodeScalars.reduce(0) { $0 + DisplayWidth.of(scalar: $1.value) },
                                 DisplayLine.windowWidth + 2)
    }
}
