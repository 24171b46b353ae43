import XCTest
@testable import CXJ

/// `MarkdownReport.escape` works a byte at a time where that is safe; it must give what the
/// character-at-a-time definition (`escapeCharacters`) gives, including where a character to
/// escape is part of a larger one.
final class ReportEscapeTests: XCTestCase {
    func testBytesAndCharactersAgree() {
        let table = [
            "", "plain text", "a|b", "*bold* _it_ `code` [link](x) #1 <b> & \\",
            "line\nbreak\ttab\rcr", "crlf\r\nend", "\r\n", "ends with *",
            "*\u{0301} a star with an acute accent", "x*\u{0301}", "ชำระ|เงิน", "付款*流程", "🧾#", "#🧾",
            "\u{0600}* prepend", "é*", "a\u{200D}*", "__init__", "<<>>&&",
        ]
        for text in table {
            XCTAssertEqual(MarkdownReport.escape(text), MarkdownReport.escapeCharacters(text), text)
        }
        XCTAssertEqual(MarkdownReport.escape("a|b *c* <d>\n"), "a\\|b \\*c\\* &lt;d&gt; ")
        XCTAssertEqual(MarkdownReport.escape("*\u{0301}"), "*\u{0301}")
    }

    func testRandomTextAgrees() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", " ", "|", "*", "_", "`", "[", "]", "#", "<", ">", "&", "\\", "\n", "\r", "\t", "\u{0301}", "ก", "ั",
                      "付", "🧾", "\u{200D}", "\u{0600}", "é"]
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(MarkdownReport.escape(text), MarkdownReport.escapeCharacters(text), text.debugDescription)
        }
    }
}
