import XCTest
@testable import CXJ

/// `SplitPoint.topLevelLine` jumps from one line feed to the next with `memchr`; it must find
/// exactly the line a byte-at-a-time reading finds. (A rewrite that read sixteen bytes at a time
/// through Swift's `SIMD16` was dropped: 0.93 → 28 instructions a byte, the comparisons not
/// inlined. The scan's cost is in reaching the file's pages, not in its instructions.)
final class TopLevelLineTests: XCTestCase {
    /// Each line feed in turn, and the line after it.
    private func reference(_ bytes: [UInt8], after index: Int) -> Int? {
        var position = index
        while position + 1 < bytes.count {
            if bytes[position] == 0x0A {
                let line = position + 1
                var end = line
                while end < bytes.count && bytes[end] >= 0x61 && bytes[end] <= 0x7A { end += 1 }
                if end > line, end < bytes.count, bytes[end] == 0x20,
                   let keyword = Array(bytes[line..<end]).withUnsafeBufferPointer({ Keyword.lookup($0) }),
                   [Keyword.journey, .persona, .channel, .team, .system].contains(keyword) {
                    return line
                }
                // An `import`, at any indentation, as a whole word.
                var word = line
                while word < bytes.count && (bytes[word] == 0x20 || bytes[word] == 0x09) { word += 1 }
                if Array(bytes[word...].prefix(6)) == Array("import".utf8) {
                    if word + 6 == bytes.count { return line }
                    let next = Character(Unicode.Scalar(bytes[word + 6]))
                    if !(next.isLetter || next.isNumber || next == "_" || next == "-") && bytes[word + 6] < 0x80 { return line }
                }
            }
            position += 1
        }
        return nil
    }

    private func found(_ bytes: [UInt8], after index: Int) -> Int? {
        bytes.withUnsafeBufferPointer { SplitPoint.topLevelLine(in: $0, after: index) }
    }

    func testTable() {
        let table: [(text: String, after: Int, line: Int?)] = [
            ("", 0, nil),
            ("journey j {\n}\n", 0, nil), // the first line follows no line feed
            ("x\njourney j {\n}\n", 0, 2),
            ("x\njourney j {\n}\n", 2, nil), // the line feed before it is behind `after`
            ("x\n  journey j {\n}\n", 0, nil), // indented
            ("x\nstage s {\n", 0, nil), // not a top-level keyword
            ("x\nJourney j {\n", 0, nil), // not lowercase
            ("x\njourney", 0, nil), // the word runs to the end
            ("x\njourney\tj", 0, nil), // a tab, not a space, after it
            ("x\njourneys j {\n", 0, nil),
            ("x\nimport \"a.cxj\"\n", 0, 2), // an import, unindented
            ("x\n    import \"a.cxj\"\n", 0, 2), // or indented, as a broken journey runs over it
            ("x\n\timport\n", 0, 2),
            ("x\n  imports \"a\"\n", 0, nil), ("x\n  import-x\n", 0, nil), ("x\n  step important \"I\"\n", 0, nil),
            ("x\nimport", 0, 2),
            ("x\n\u{0E01}journey j\n", 0, nil), // Thai first
            ("  stage s {}\n  stage t {}\n}\npersona p \"P\"\n", 0, 28),
            (String(repeating: "a", count: 15) + "\npersona p\n", 0, 16), // line feed at the last of sixteen
            (String(repeating: "a", count: 16) + "\npersona p\n", 0, 17), // at the first of the next sixteen
            (String(repeating: "a", count: 30) + "\nteam t \"T\"", 0, 31),
            (String(repeating: "a", count: 30) + "\nteam t \"T\"", 31, nil),
        ]
        for row in table {
            let bytes = Array(row.text.utf8)
            XCTAssertEqual(found(bytes, after: row.after), row.line, row.text.debugDescription)
            XCTAssertEqual(reference(bytes, after: row.after), row.line, "reference: " + row.text.debugDescription)
        }
    }

    /// Random lines of stages, comments, Thai and CJK labels and top-level statements: the same
    /// line as the reference, from starts across the text.
    func testAgreesWithTheByteAtATimeReading() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["  stage s \"ขั้น\" {\n", "    step a \"下单\" { emotion 2 }\n", "  }\n", "}\n", "\n", "// journey in a comment\n", "    import \"c.cxj\"\n", "  importer\n",
                      "journey j \"J\" {\n", "persona p \"P\"\n", "team t\n", "x", "journey", " ", "\u{1F600}", "system q \"Q\" { owner t }\n"]
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                text += pieces.randomElement(using: &generator)!
            }
            let bytes = Array(text.utf8)
            for after in stride(from: 0, to: bytes.count + 1, by: max(1, bytes.count / 16)) {
                let expected = reference(bytes, after: after)
                XCTAssertEqual(found(bytes, after: after), expected, "\(text.debugDescription) after \(after)")
                // Cut in two anywhere, as on two threads: the first half's line, else the second's.
                let middle = Int.random(in: after...bytes.count, using: &generator)
                let halves = bytes.withUnsafeBufferPointer { buffer in
                    SplitPoint.topLevelLine(in: buffer, after: after, before: middle) ?? SplitPoint.topLevelLine(in: buffer, after: middle, before: buffer.count)
                }
                XCTAssertEqual(halves, expected, "\(text.debugDescription) after \(after), cut at \(middle)")
            }
        }
    }

    /// A rest of 1 MiB or more is read on two threads: the same line as one thread finds,
    /// wherever it lies against the middle, and none when there is none.
    func testALargeRestIsReadInHalvesWithTheSameResult() {
        let stage = Array("  stage s \"ขั้น\" {\n    step a \"下单\" { emotion 2 }\n  }\n".utf8)
        var body: [UInt8] = []
        while body.count < SplitPoint.twoThreadScanBytes * 2 { body += stage }
        let next = Array("}\njourney k \"K\" {\n}\n".utf8)
        for at in [0, 7, body.count / 2 - 3, body.count / 2, body.count / 2 + 40, body.count - stage.count] {
            let cut = at - at % stage.count
            let bytes = Array(body[..<cut]) + next + Array(body[cut...])
            XCTAssertEqual(found(bytes, after: 0), cut + 2, "a journey after \(cut) bytes")
            XCTAssertEqual(found(bytes, after: 0), reference(bytes, after: 0))
        }
        XCTAssertNil(found(body, after: 0))
        XCTAssertNil(found(body, after: 5))
    }
}
