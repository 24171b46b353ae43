import XCTest
@testable import CXJ

/// Positions derived from byte offsets: line, Unicode-scalar column, UTF-16 column and
/// display width, with Thai, Chinese and emoji.
final class SourcePositionTests: XCTestCase {
    func testColumnsCountScalarsAndUTF16Units() {
        let source = SourceFile(path: "t", text: "a\nลูกค้า 担心 😀x\r\nz")
        let bytes = source.bytes
        func offset(of needle: String) -> Int {
            let pattern = Array(needle.utf8)
            for start in 0...(bytes.count - pattern.count) where Array(bytes[start..<start + pattern.count]) == pattern {
                return start
            }
            return -1
        }
        let cases: [(String, Int, Int, Int)] = [
            ("a", 1, 1, 1),
            ("ลูกค้า", 2, 1, 1),
            ("担心", 2, 8, 8),      // ลูกค้า is 6 scalars, then a space
            ("😀", 2, 11, 11),
            ("x", 2, 12, 13),        // the emoji is one scalar but two UTF-16 units
            ("z", 3, 1, 1),          // CRLF ends line 2
        ]
        for (needle, line, column, utf16) in cases {
            let position = source.position(of: offset(of: needle))
            XCTAssertEqual(position.line, line, needle)
            XCTAssertEqual(position.column, column, needle)
            XCTAssertEqual(position.utf16Column, utf16, needle)
        }
        XCTAssertEqual(source.text(source.lineContentRange(1)), "ลูกค้า 担心 😀x")
    }

    func testByteOrderMarkIsNotAColumn() {
        let source = SourceFile(path: "t", bytes: [0xEF, 0xBB, 0xBF] + Array("team".utf8))
        XCTAssertEqual(source.position(of: 3).column, 1)
        XCTAssertEqual(source.lineContentRange(0), 3..<7)
    }

    func testDisplayWidth() {
        let cases: [(String, Int)] = [
            ("abc", 3),
            ("担心", 4),                 // CJK: 2 columns each
            ("ลูกค้า", 4),               // Thai: ู and ้ are combining marks, 0 columns
            ("กังวล", 4),                 // ั is a combining mark
            ("😀", 2),                    // emoji presentation: 2 columns
            ("e\u{301}", 1),              // e + combining acute
            ("한국어", 6),
            ("ｆｕｌｌ", 8),              // fullwidth forms
            ("a\u{200D}b", 2),            // zero width joiner
        ]
        for (text, width) in cases {
            XCTAssertEqual(DisplayWidth.of(text), width, text)
        }
    }

    func testUnderlinesAlignUnderWideAndCombiningCharacters() {
        let text = "step ลูกค้า \"担心 😀\" { emotion 9 }"
        let source = SourceFile(path: "t.cxj", text: text)
        let start = Array(text.utf8).firstIndex(of: UInt8(ascii: "9"))!
        let diagnostic = Diagnostic(.valueOutOfRange, "out of range", at: SourceLocation(file: 0, start: start, end: start + 1), label: "here")
        let rendered = HumanRenderer(colors: false).render(diagnostic, sources: [source])
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // "step " 5 + ลูกค้า 4 + " " 1 + "\"担心 😀\"" 9 + " { emotion " 11 = column 30 (0-based).
        XCTAssertEqual(lines[3], "1 | " + text)
        XCTAssertEqual(lines[4], "  | " + String(repeating: " ", count: 30) + "^ here")
    }

    func testSuggestionsCountScalarsNotBytes() {
        XCTAssertEqual(Suggestions.closest(to: "担忧", among: ["担心", "开心", "快递"]), ["担心"])
        XCTAssertEqual(Suggestions.closest(to: "Care", among: ["care", "core", "logistics"]), ["care"])
        XCTAssertEqual(Suggestions.closest(to: "twiter", among: ["twitter", "courier", "email"]), ["twitter"])
        XCTAssertEqual(Suggestions.closest(to: "zzzz", among: ["care"]), [])
    }

    /// The line table is built only as far as the positions asked for (a note near the top of
    /// a large file reads no further): positions asked in any order, and every line's range,
    /// are those of a table of the whole file, across many stretches of scanning.
    func testPositionsFromALineTableBuiltAsFarAsNeeded() {
        var text = "\u{FEFF}"
        for index in 0..<60_000 {
            text += index % 7 == 0 ? "ลูกค้า 担心 😀 \(index)\r\n" : index % 5 == 0 ? "\n" : "step s\(index) \"x\"\n"
        }
        text += "last line without a terminator 担心"
        let bytes = Array(text.utf8)
        XCTAssertGreaterThan(bytes.count, 3 * (256 << 10))
        var starts = [3]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        func expected(_ offset: Int) -> SourcePosition {
            let line = starts.lastIndex { $0 <= offset }!
            let prefix = bytes[starts[line]..<offset]
            let scalars = String(decoding: prefix, as: UTF8.self).unicodeScalars
            return SourcePosition(offset: offset, line: line + 1, column: scalars.count + 1,
                                  utf16Column: scalars.reduce(0) { $0 + ($1.value > 0xFFFF ? 2 : 1) } + 1)
        }
        var state: UInt64 = 7
        var offsets = [3, bytes.count, bytes.count - 1, starts[starts.count / 2], starts[starts.count / 2] - 1]
        for _ in 0..<300 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var offset = 3 + Int(state >> 33) % (bytes.count - 3)
            while offset < bytes.count && bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            offsets.append(offset)
        }
        let source = SourceFile(path: "t.cxj", bytes: bytes)
        XCTAssertEqual(source.position(of: 10), expected(10), "near the top first")
        for offset in offsets {
            XCTAssertEqual(source.position(of: offset), expected(offset), "offset \(offset)")
        }
        let fresh = SourceFile(path: "t.cxj", bytes: bytes)
        for line in [0, 1, starts.count / 3, starts.count - 2, starts.count - 1] {
            let end = line + 1 < starts.count ? starts[line + 1] - 1 : bytes.count
            let trimmed = end > starts[line] && bytes[end - 1] == 0x0D ? end - 1 : end
            XCTAssertEqual(fresh.lineContentRange(line), starts[line]..<trimmed, "line \(line)")
        }
        XCTAssertEqual(SourceFile(path: "t.cxj", bytes: bytes).lineStarts, starts)
        XCTAssertEqual(fresh.lineStarts, starts)
        // A table handed back (`forgetLines`) is scanned again: the same starts and positions,
        // from a position near the end first.
        for (index, offset) in offsets.reversed().enumerated() {
            if index % 7 == 0 { source.forgetLines() }
            XCTAssertEqual(source.position(of: offset), expected(offset), "offset \(offset), forgotten")
        }
        fresh.forgetLines()
        for line in [starts.count - 1, 0, starts.count / 2] { XCTAssertEqual(fresh.lineStart(line), starts[line], "line \(line)") }
    }
}

extension SourcePositionTests {
    /// A file's line state is made when a position is first asked for, by whichever thread asks
    /// first: many threads asking at once of fresh files get the positions one thread gets, and
    /// a file whose positions were never asked for can hand back a table it never made.
    func testTheLineStateIsMadeOnceWhenThreadsAskAtOnce() {
        let text = (0..<200).map { "ลูกค้า \($0) 担心 😀\n" }.joined()
        let reference = SourceFile(path: "r.cxj", text: text)
        let offsets = Array(stride(from: 0, to: reference.bytes.count, by: 37))
        let expected = offsets.map { reference.position(of: $0) }
        for _ in 0..<20 {
            let shared = SourceFile(path: "s.cxj", text: text)
            shared.forgetLines()
            let positions = Parallel.map(Array(0..<16)) { task in
                (task % 2 == 0 ? offsets : offsets.reversed()).map { shared.position(of: $0) }
            }
            for (task, found) in positions.enumerated() {
                XCTAssertEqual(task % 2 == 0 ? found : found.reversed(), expected, "task \(task)")
            }
        }
    }
}

extension SourcePositionTests {
    /// A cursor gives the positions a file gives, for offsets asked for in increasing order
    /// (every offset, inside a scalar too, and past the end), and leaves the file no line
    /// state; an offset behind the last one is asked of the file.
    func testACursorGivesTheFilesPositionsWithoutItsLineState() {
        let texts: [[UInt8]] = [
            Array("journey j {\n  ลูกค้า 担心 😀x\r\n\n\tz é\rq\n".utf8),
            [0xEF, 0xBB, 0xBF] + Array("team t \"ทีม\"\n😀😀\n".utf8),
            Array("no line feed at all 担心".utf8),
            [],
        ]
        for bytes in texts {
            let reference = SourceFile(path: "r.cxj", bytes: bytes)
            let source = SourceFile(path: "s.cxj", bytes: bytes)
            var cursor = PositionCursor(source)
            for offset in source.contentStart...(bytes.count + 2) {
                XCTAssertEqual(cursor.position(of: offset), reference.position(of: offset), "offset \(offset) of \(bytes.count)")
                // Asked twice, the same.
                XCTAssertEqual(cursor.position(of: offset), reference.position(of: offset), "offset \(offset) again")
            }
            XCTAssertFalse(source.holdsLineState, "the cursor made the file's line state")
            // Inside a byte order mark: asked of the file.
            var fresh = PositionCursor(source)
            XCTAssertEqual(fresh.position(of: 0), reference.position(of: 0))
            XCTAssertEqual(cursor.position(of: source.contentStart), reference.position(of: source.contentStart))
            XCTAssertTrue(source.holdsLineState || bytes.count == source.contentStart, "an offset behind is the file's")
        }
    }

    /// The JSON of a file's journeys gives its findings' and allows' lines and columns without
    /// making its line state: `cxj compile` over many files made it for each of them.
    func testTheJSONOfJourneysLeavesTheFileNoLineState() throws {
        let text = """
        persona shopper "ผู้ซื้อ"
        team care "ฝ่ายดูแล 客服"
        channel app "App 😀" { kind digital }

        journey j0 "担心: order" {
          persona shopper
          owner care
          allow no-repeat-loop

          stage s0 "ขั้นแรก" {
            customer {
              step a0 "Orders 担心 😀 in the app" { channel app; emotion -1 }
            }
            organization {
              action x0 "Confirms the order" { owner care; channel app }
            }
            touchpoint a0 <-> x0 { via app; claimed 4.5; perceived 2.5 }
          }
        }

        journey j1 "Second" {
          persona shopper
          owner care
          allow no-repeat-loop "ลูกค้า"

          stage s0 "S" {
            customer {
              step a0 "Orders" { channel app; emotion 1 }
            }
            organization {
              action x0 "Confirms" { owner care; channel app }
            }
            touchpoint a0 <-> x0 { via app; claimed 4.5; perceived 2.5 }
          }
        }

        """
        let result = Compiler.check([.text(path: "j.cxj", bytes: Array(text.utf8))])
        let file = result.files[0]
        XCTAssertEqual(file.allows.count, 2)
        XCTAssertEqual(file.findings.count, 2)
        XCTAssertFalse(file.source.holdsLineState, "checking asked for a position")
        var document = JSONDocument(MemorySink())
        document.append(file)
        let json = String(decoding: document.finish(diagnostics: [], sources: result.sources).bytes, as: UTF8.self)
        // The allows (lines 8 and 24), then the findings (lines 17 and 33, column 5).
        let fresh = SourceFile(path: "j.cxj", text: text)
        let lines = (file.allows.map { $0.location.start } + file.findings.map { $0.diagnostic.location.start })
            .map { fresh.position(of: $0).line }
        XCTAssertEqual(lines.sorted(), [8, 17, 24, 33])
        for line in lines { XCTAssertTrue(json.contains("\"line\": \(line),\n"), "line \(line)") }
        XCTAssertEqual(json.components(separatedBy: "\"column\": 5,").count - 1, 2)
        XCTAssertFalse(file.source.holdsLineState)
    }
}
