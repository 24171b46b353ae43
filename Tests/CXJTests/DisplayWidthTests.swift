import XCTest
@testable import CXJ

/// `DisplayWidth.of` a string decodes UTF-8 itself; it must agree with the width of each scalar.
final class DisplayWidthTests: XCTestCase {
    private func scalarSum<S: StringProtocol>(_ text: S) -> Int {
        text.unicodeScalars.reduce(0) { $0 + DisplayWidth.of(scalar: $1.value) }
    }

    func testStringsAndSubstringsMeasureAsTheirScalars() {
        // -1: no fixed figure here, only agreement with the scalars.
        let table: [(String, Int)] = [
            ("", 0),
            ("Checkout", 8),
            ("ชำระเงิน", -1),
            ("ขั้นตอนที่ 1", -1),              // Thai: marks above and below count 0
            ("付款流程", 8),                 // CJK: 2 each
            ("🧾 receipt", 10),            // emoji 2, space, 7
            ("👩‍💻", -1),                    // two emoji joined by ZWJ
            ("a\u{1B}[0mb", 5),            // ESC counts 0
            ("Ünïcödé ↔ —", -1),
            ("\u{7F}\u{85}\u{200B}x", 1),           // DEL, NEL and a zero-width space count 0
        ]
        for (text, expected) in table {
            if expected >= 0 { XCTAssertEqual(DisplayWidth.of(text), expected, text) }
            XCTAssertEqual(DisplayWidth.of(text), scalarSum(text), text)
            for split in text.indices {
                XCTAssertEqual(DisplayWidth.of(text[split...]), scalarSum(text[split...]), "\(text) from \(split)")
                XCTAssertEqual(DisplayWidth.of(text[..<split]), scalarSum(text[..<split]), "\(text) to \(split)")
            }
        }
    }
}

/// `TextTable.wrap` breaks UTF-8 at spaces where that is safe; it must agree with the
/// character-at-a-time definition (`wrapCharacters`), where a combining mark after a space
/// makes that space no place to break.
final class TextWrapTests: XCTestCase {
    /// The definition: text that fits stays whole, else it is wrapped a character at a time.
    private func reference(_ text: String, _ width: Int) -> [String] {
        DisplayWidth.of(text) > width ? TextTable.wrapCharacters(text, width: width) : [text]
    }

    func testBytesAndCharactersAgree() {
        let table: [(String, Int)] = [
            ("Largest first; a gap of 1 or more is a finding (delivery-gap).", 20),
            ("averyveryverylongwordthatdoesnotfit and more", 10),
            ("a \u{0301}b c d e f g", 3), ("ขั้นตอน ชำระเงิน ผ่านแอป", 8), ("付款 流程 很长很长很长很长", 6),
            ("  double  spaces  ", 5), ("a0 -1 · b0 +1 · a1 0 · b1 +1", 9), ("x — y ↔ z", 3), ("", 0), (" ", 0), ("emoji 😀😀😀😀 row", 4),
        ]
        for (text, width) in table {
            XCTAssertEqual(TextTable.wrap(text, width: width), reference(text, width), "\(text) at \(width)")
        }
    }

    func testRandomTextAgrees() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "word", "longerword", " ", "  ", "\u{0301}", "ก", "ั", "ำ", "付", "😀", "\u{0600}", "-", "é", "·", "—", "↔",
                      "\u{200D}", "\u{FE0F}"]
        for _ in 0..<4_000 {
            let text = (0..<Int.random(in: 0...14, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let width = Int.random(in: 0...12, using: &generator)
            XCTAssertEqual(TextTable.wrap(text, width: width), reference(text, width), "\(text.debugDescription) at \(width)")
        }
    }
}
