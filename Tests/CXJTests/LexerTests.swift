import XCTest
@testable import CXJ

/// Table-driven tests of the lexer: token kinds and ranges, and the diagnostics it reports.
final class LexerTests: XCTestCase {
    /// Lexes `text` and returns "kind:text" for each token (newlines as "nl") and the codes reported.
    private func lex(_ text: String) -> (tokens: [String], codes: [String], comments: [String]) {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            var lexer = Lexer(bytes: buffer, file: 0, start: start)
            var tokens: [String] = []
            while true {
                let token = lexer.next()
                if token.kind == .endOfFile { break }
                let slice = String(decoding: buffer[token.range], as: UTF8.self)
                tokens.append(token.kind == .newline ? "nl" : "\(token.kind):\(slice)")
            }
            let comments = lexer.comments.map { String(decoding: buffer[Int($0.start)..<Int($0.end)], as: UTF8.self) }
            return (tokens, lexer.diagnostics.map { $0.code.id }, comments)
        }
    }

    func testTokens() {
        let cases: [(String, [String])] = [
            ("step tweet \"Tweets\"", ["identifier:step", "identifier:tweet", "string:\"Tweets\""]),
            ("order-late respond-to-desire", ["identifier:order-late", "identifier:respond-to-desire"]),
            ("a-2", ["identifier:a", "number:-2"]),
            ("emotion-2", ["identifier:emotion", "number:-2"]),
            ("ลูกค้ากังวล 担心 pelanggan-baru", ["identifier:ลูกค้ากังวล", "identifier:担心", "identifier:pelanggan-baru"]),
            ("_private x1 é", ["identifier:_private", "identifier:x1", "identifier:é"]),
            // ASCII first, then a non-ASCII letter or a `-`: past the ASCII fast path.
            ("café naïve-plan x_ก zoë", ["identifier:café", "identifier:naïve-plan", "identifier:x_ก", "identifier:zoë"]),
            ("at-end-", ["identifier:at-end", "unknown:-"]),
            ("100_000 -3 4.5 90% 3d 15min 2h 10s 1w", ["number:100_000", "number:-3", "number:4.5", "number:90%", "number:3d",
                                                      "number:15min", "number:2h", "number:10s", "number:1w"]),
            ("{ } , ; <-> >= <=", ["leftBrace:{", "rightBrace:}", "comma:,", "semicolon:;", "arrow:<->",
                                   "greaterEqual:>=", "lessEqual:<="]),
            ("> < -> -", ["unknown:>", "unknown:<", "unknown:->", "unknown:-"]),
            ("a\r\nb\nc", ["identifier:a", "nl", "identifier:b", "nl", "identifier:c"]),
            ("a # comment \"not a string\"\nb", ["identifier:a", "nl", "identifier:b"]),
            ("\u{FEFF}journey", ["identifier:journey"]),
            ("\"\"\"\n  two\n  lines\n  \"\"\"", ["multilineString:\"\"\"\n  two\n  lines\n  \"\"\""]),
            ("\"a \\\"quoted\\\" \\\\ \\n \\t \\u{1F600}\"", ["string:\"a \\\"quoted\\\" \\\\ \\n \\t \\u{1F600}\""]),
        ]
        for (input, expected) in cases {
            let result = lex(input)
            XCTAssertEqual(result.tokens, expected, "tokens of \(input.debugDescription)")
            XCTAssertEqual(result.codes, [], "diagnostics of \(input.debugDescription)")
        }
    }

    func testDiagnostics() {
        let cases: [(String, [String], [String])] = [
            // Unterminated strings still give a token; a trailing brace stays a brace.
            ("note \"open\nnext", ["identifier:note", "string:\"open", "nl", "identifier:next"], ["CXJ002"]),
            ("step a \"Label {\n", ["identifier:step", "identifier:a", "string:\"Label", "leftBrace:{", "nl"], ["CXJ002"]),
            ("\"\"\"never closed", ["multilineString:\"\"\"never closed"], ["CXJ002"]),
            ("\"bad \\q escape\"", ["string:\"bad \\q escape\""], ["CXJ003"]),
            ("\"\\u{D800} \\u{110000} \\u{} \\u12\"", ["string:\"\\u{D800} \\u{110000} \\u{} \\u12\""], ["CXJ003", "CXJ003", "CXJ003", "CXJ003"]),
            ("emotion @ -2", ["identifier:emotion", "number:-2"], ["CXJ005"]),
            ("emotion: -2", ["identifier:emotion", "number:-2"], ["CXJ005"]),
            ("a 😀 b", ["identifier:a", "identifier:b"], ["CXJ005"]),
            ("1__0 1_ 1. 1.2.3", ["number:1__0", "number:1_", "number:1.", "number:1.2.3"], ["CXJ006", "CXJ006", "CXJ006", "CXJ006"]),
            ("3days 5km", ["number:3days", "number:5km"], ["CXJ006", "CXJ006"]),
        ]
        for (input, tokens, codes) in cases {
            let result = lex(input)
            XCTAssertEqual(result.tokens, tokens, "tokens of \(input.debugDescription)")
            XCTAssertEqual(result.codes, codes, "diagnostics of \(input.debugDescription)")
        }
    }

    func testInvalidUTF8IsReportedOnceAndLexingContinues() {
        var bytes = Array("a ".utf8)
        bytes += [0xFF, 0xFE, 0xC3]
        bytes += Array(" b \"x".utf8) + [0xE2, 0x82] + Array("\" # c".utf8) + [0x80] + Array("\nd".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var lexer = Lexer(bytes: buffer, file: 0, start: 0)
            var kinds: [TokenKind] = []
            while true {
                let token = lexer.next()
                if token.kind == .endOfFile { break }
                kinds.append(token.kind)
            }
            XCTAssertEqual(kinds, [.identifier, .identifier, .string, .newline, .identifier])
            // One diagnostic for the file, at the first bad byte, counting them all.
            XCTAssertEqual(lexer.diagnostics.map { $0.code }, [.invalidCharacter])
            XCTAssertEqual(lexer.diagnostics.map { $0.location.start }, [2])
            XCTAssertTrue(lexer.diagnostics[0].notes[0].hasPrefix("6 bytes"), lexer.diagnostics[0].notes[0])
        }
    }

    func testCommentsAreRecorded() {
        let result = lex("# first\nstep a \"A\" # second\r\n")
        XCTAssertEqual(result.comments, ["# first", "# second"])
    }

    func testNumberValues() {
        let cases: [(String, Double, NumberUnit, Bool)] = [
            ("100_000", 100_000, .none, true), ("-3", -3, .none, true), ("4.25", 4.25, .none, false),
            ("90%", 90, .percent, true), ("15min", 15, .minutes, true), ("2.5h", 2.5, .hours, false),
            ("3d", 3, .days, true), ("1w", 1, .weeks, true), ("10s", 10, .seconds, true),
        ]
        for (text, value, unit, isInteger) in cases {
            let literal = Array(text.utf8).withUnsafeBufferPointer { NumberLiteral.parse($0) }
            XCTAssertEqual(literal, NumberLiteral(value: value, unit: unit, isInteger: isInteger), text)
        }
        XCTAssertNil(Array("1__0".utf8).withUnsafeBufferPointer { NumberLiteral.parse($0) })
    }

    /// The lexer decodes a number as it scans it (`Lexer.lastNumber`, which the parser keeps):
    /// the same literal as `NumberLiteral.parse` of the token's bytes, to the bit, and nil for
    /// a malformed body or an unknown unit, over every spelling here and random ones.
    func testScannedNumbersAreDecodedAsParseDecodesThem() {
        var spellings = ["0", "-0", "7", "-1", "3.5", "4.25", "0.1", "0.3", "12.345678901", "100_000", "1_2.3_4", "1e5",
                         "90%", "-5%", "15min", "2.5h", "3d", "1w", "10s", "4x", "12 ", "1__0", "_1", "1_", "1.", ".5",
                         "1..2", "1.2.3", "1._2", "9999999999999999", "123456789.987654321", "5ms", "2min3", "7ก"]
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789_.%-smhdwin".utf8)
        for _ in 0..<2_000 {
            var bytes = [alphabet[Int.random(in: 0..<10, using: &generator)]]
            for _ in 0..<Int.random(in: 0...12, using: &generator) { bytes.append(alphabet.randomElement(using: &generator)!) }
            spellings.append(String(decoding: bytes, as: UTF8.self))
        }
        for spelling in spellings {
            let bytes = Array(spelling.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                var lexer = Lexer(bytes: buffer, file: 0, start: 0)
                let token = lexer.next()
                guard token.kind == .number else { return }
                let expected = NumberLiteral.parse(UnsafeBufferPointer(rebasing: buffer[Int(token.start)..<Int(token.end)]))
                XCTAssertEqual(lexer.lastNumber, expected, spelling)
                XCTAssertEqual(lexer.lastNumber.map { $0.value.bitPattern }, expected.map { $0.value.bitPattern }, spelling)
                XCTAssertEqual(lexer.diagnostics.contains { $0.code == .malformedNumber }, expected == nil, spelling)
                // A layout-only lexer scans the same token and reports the same, decoding nothing.
                var layout = Lexer(bytes: buffer, file: 0, start: 0)
                layout.decodesNumbers = false
                let same = layout.next()
                XCTAssertEqual([same.start, same.end], [token.start, token.end], spelling)
                XCTAssertEqual(layout.diagnostics.map(\.message), lexer.diagnostics.map(\.message), spelling)
                XCTAssertNil(layout.lastNumber, spelling)
            }
        }
    }

    func testStringDecoding() {
        let cases: [(String, Bool, String)] = [
            ("\"plain\"", false, "plain"),
            ("\"a \\\"b\\\" \\\\ \\n\\t\\u{1F600}\"", false, "a \"b\" \\ \n\t😀"),
            ("\"29°F ลูกค้า 担心\"", false, "29°F ลูกค้า 担心"),
            ("\"\"\"\n    first\n      indented\n\n    last\n    \"\"\"", true, "first\n  indented\n\nlast"),
            ("\"\"\"inline\"\"\"", true, "inline"),
            ("\"\"\"\r\n  crlf\r\n  lines\r\n  \"\"\"", true, "crlf\nlines"),
            ("\"\"\"\n  \\tescape after dedent\n  \"\"\"", true, "\tescape after dedent"),
        ]
        for (token, multiline, expected) in cases {
            let decoded = Array(token.utf8).withUnsafeBufferPointer { StringLiteral.decode($0, multiline: multiline) }
            XCTAssertEqual(decoded, expected, token)
        }
    }

    func testQuoteRoundTrips() {
        for text in ["plain", "quote \" and \\ backslash", "line\nbreak\ttab", "ไทย 中文 😀", "\u{7}bell"] {
            let quoted = StringLiteral.quote(text)
            let decoded = Array(quoted.utf8).withUnsafeBufferPointer { StringLiteral.decode($0, multiline: false) }
            XCTAssertEqual(decoded, text)
        }
    }
}

/// The eight-bytes-at-a-time identifier test agrees with the byte table: every byte value at
/// every place of the word, among identifier bytes, and random words.
final class ByteWordsTests: XCTestCase {
    private func byTable(_ word: [UInt8]) -> Int {
        word.firstIndex { ByteClasses.table[Int($0)] & ByteClasses.identifierContinue == 0 } ?? 8
    }

    private func run(_ word: [UInt8]) -> Int {
        word.withUnsafeBytes { ByteWords.identifierRun(at: $0.baseAddress!) }
    }

    private func plainByTable(_ word: [UInt8]) -> Int {
        word.firstIndex { ByteClasses.table[Int($0)] & ByteClasses.plainStringByte == 0 } ?? 8
    }

    private func plainRun(_ word: [UInt8]) -> Int {
        word.withUnsafeBytes { ByteWords.plainStringRun(at: $0.baseAddress!) }
    }

    func testIdentifierRunAgreesWithTheTable() {
        for place in 0..<8 {
            for value in 0...255 {
                var word = Array("aZ09_xQy".utf8)
                word[place] = UInt8(value)
                XCTAssertEqual(run(word), byTable(word), "byte \(value) at \(place)")
                var text = Array("a b~!\t?}".utf8)
                text[place] = UInt8(value)
                XCTAssertEqual(plainRun(text), plainByTable(text), "byte \(value) at \(place) of a string")
            }
        }
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        let alphabet = Array("az_AZ09-. {\"\\\t~".utf8) + [0x80, 0xE0, 0xFF, 0x7F, 0x40, 0x5B, 0x60, 0x7B, 0x2F, 0x3A, 0x0A, 0x0D, 0x1F, 0x00]
        for _ in 0..<20_000 {
            let word = (0..<8).map { _ -> UInt8 in
                state ^= state << 13; state ^= state >> 7; state ^= state << 17
                return alphabet[Int(state % UInt64(alphabet.count))]
            }
            XCTAssertEqual(run(word), byTable(word), "\(word)")
            XCTAssertEqual(plainRun(word), plainByTable(word), "\(word)")
        }
    }
}
