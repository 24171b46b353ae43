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
