import XCTest
@testable import CXJ

/// `VisibleSink` hands safe runs through without copying them; these tests hold it to the
/// byte-at-a-time definition it replaced, on text split across writes at every point.
final class VisibleSinkTests: XCTestCase {
    /// The definition: each unsafe character escaped, everything else as it is, read in one piece.
    private func reference(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == 0xC2 || byte == 0xE2 {
                let length = byte == 0xC2 ? 2 : 3
                if index + length > input.count {
                    output += input[index...]
                    break
                }
                let value = byte == 0xC2
                    ? UInt32(input[index + 1] & 0x3F) | 0x80
                    : (UInt32(byte & 0x0F) << 12) | (UInt32(input[index + 1] & 0x3F) << 6) | UInt32(input[index + 2] & 0x3F)
                output += Visible.isUnsafe(value) ? Array(Visible.escaped(value).utf8) : Array(input[index..<index + length])
                index += length
            } else if (byte < 0x20 && byte != 0x0A) || byte == 0x7F {
                output += Visible.escaped(UInt32(byte)).utf8
                index += 1
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }

    private func throughSink(_ pieces: [[UInt8]]) -> [UInt8] {
        var sink = VisibleSink(MemorySink())
        for piece in pieces { piece.withUnsafeBytes { sink.write($0) } }
        return sink.finish().bytes
    }

    func testLabelsWithControlsAndBidiOverridesAreEscapedAtEverySplit() {
        let text = Array("ขั้นตอน 付款 🧾\u{1B}[31mred\u{1B}[0m ↔ \u{202E}evil\u{202C} ━━ \u{85}\u{9B}x\u{7F}\n\u{2066}ok\u{2069}".utf8)
        let whole = reference(text)
        XCTAssertEqual(String(decoding: whole, as: UTF8.self),
                       "ขั้นตอน 付款 🧾\\u{1B}[31mred\\u{1B}[0m ↔ \\u{202E}evil\\u{202C} ━━ \\u{85}\\u{9B}x\\u{7F}\n\\u{2066}ok\\u{2069}")
        XCTAssertEqual(throughSink([text]), whole)
        for split in 0...text.count {
            XCTAssertEqual(throughSink([Array(text[..<split]), Array(text[split...])]), whole, "split at \(split)")
        }
    }

    func testRandomBytesInRandomPiecesMatchTheDefinition() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x41, 0x20, 0x0A, 0x09, 0x1B, 0x7F, 0xC2, 0x80, 0x85, 0x9F, 0xA0, 0xE2, 0x80, 0x81, 0xAA,
                                 0xAE, 0xA6, 0xA9, 0x94, 0xE0, 0xB8, 0x81, 0xF0, 0x9F]
        for _ in 0..<2_000 {
            let input = (0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            var pieces: [[UInt8]] = []
            var start = 0
            while start < input.count {
                let end = min(input.count, start + Int.random(in: 0...6, using: &generator))
                pieces.append(Array(input[start..<end]))
                start = end
            }
            XCTAssertEqual(throughSink(pieces), reference(input), "input \(input), pieces \(pieces)")
        }
    }
}
