import XCTest
@testable import CXJ

/// `MermaidText.escape` works over UTF-8; it must agree with the scalar-at-a-time definition
/// it replaced, on text built from every character it treats specially.
final class MermaidEscapeTests: XCTestCase {
    /// The definition, as it was written over `unicodeScalars`.
    private func reference(_ text: String, as place: MermaidText.Place) -> String {
        var result = String.UnicodeScalarView()
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            var replacement: Unicode.Scalar = scalar
            switch scalar {
            case "#": replacement = "\u{FF03}"
            case ";": replacement = "\u{FF1B}"
            case ":" where place != .title: replacement = "\u{2236}"
            case "," where place == .actor: replacement = "\u{201A}"
            case "%" where previous == "%": replacement = "\u{FF05}"
            case "{" where place == .task && result.isEmpty, "}" where place == .task && result.isEmpty: replacement = "\u{2060}"
            default:
                if Visible.isUnsafe(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}" { replacement = " " }
            }
            if replacement == " " && (previous == " " || result.isEmpty) { continue }
            result.append(replacement)
            previous = replacement
        }
        while result.last == " " { result.removeLast() }
        var escaped = String(result)
        if place == .task {
            let lowered = escaped.lowercased()
            if ["journey", "title", "section", "acctitle", "accdescr"].contains(where: { lowered.hasPrefix($0) }) {
                escaped = "\u{2060}" + escaped
            }
        }
        return escaped
    }

    func testRandomTextAgreesInEveryPlace() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "J", "journey", "Title", "SECTION", "accDescr", " ", "  ", "#", ";", ":", ",", "%", "%%", "{", "}", "\n", "\t",
                      "\u{1B}", "\u{7F}", "\u{85}", "\u{202E}", "\u{2066}", "\u{2028}", "\u{2029}", "\u{2060}", "ก", "ั", "付", "😀",
                      "\u{212A}", "\u{0130}", "é", "e\u{0301}", "ǰ"]
        let places: [MermaidText.Place] = [.title, .section, .task, .actor]
        for _ in 0..<4_000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            for place in places {
                XCTAssertEqual(MermaidText.escape(text, as: place), reference(text, as: place), "\(text.debugDescription) as \(place)")
            }
        }
    }
}
