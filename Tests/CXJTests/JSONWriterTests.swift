import Foundation
import XCTest
@testable import CXJ

final class JSONWriterTests: XCTestCase {
    /// Plain output written in blocks on two threads is the output written piece by piece.
    func testOutputElementsInBlocksMatchOneByOne() {
        @Sendable func piece(_ index: Int) -> String { "  node_\(index) [label=\"\(String(repeating: "x", count: index % 50))\"];\n" }
        for count in [0, 1, 5, 999] {
            for perBlock in [1, 4, 1000] {
                var blocks = OutputWriter(MemorySink())
                blocks.write("head\n")
                blocks.elements(count: count, perBlock: perBlock) { index, writer in writer.write(piece(index)) }
                blocks.write("tail\n")
                let expected = "head\n" + (0..<count).map(piece).joined() + "tail\n"
                XCTAssertEqual(blocks.finish().text, expected, "count \(count), perBlock \(perBlock)")
            }
        }
    }

    /// Blocks are rendered ahead on both threads, at most a window ahead of the last one
    /// written, and handed on in order: `written` is told after each block, in increasing
    /// order up to the count, and the output is the pieces in order whatever the block size
    /// (one element a block: far more blocks than the window). A short run's blocks are smaller
    /// than asked (`BlockWaves.elementsPerBlock`): `written` tells the blocks it was cut into.
    func testBlocksAreWrittenInOrderAndReported() {
        final class Counts: @unchecked Sendable { var values: [Int] = [] }
        @Sendable func piece(_ index: Int) -> String { "\(index)," }
        for (count, asked, perBlock) in [(1, 1, 1), (9, 1, 1), (500, 1, 1), (500, 7, 3), (500, 500, 125), (5_000, 7, 7)] {
            let counts = Counts()
            var out = OutputWriter(MemorySink())
            out.elements(count: count, perBlock: asked, written: { counts.values.append($0) }) { index, writer in
                writer.write(piece(index))
            }
            XCTAssertEqual(out.finish().text, (0..<count).map(piece).joined(), "count \(count), perBlock \(perBlock)")
            let blocks = (count + perBlock - 1) / perBlock
            XCTAssertEqual(counts.values, (1...blocks).map { min($0 * perBlock, count) }, "count \(count), perBlock \(perBlock)")
        }
    }

    /// An emitter's blocks get smaller for a short run, down to a quarter of the size asked,
    /// so that the run is cut into at least 128 blocks.
    func testShortRunsHaveSmallerBlocks() {
        let table: [(largest: Int, count: Int, perBlock: Int)] = [
            (256, 100_000, 256), (256, 32_768, 256), (256, 20_800, 162), (256, 10_400, 81), (256, 1_000, 64),
            (256, 10, 64), (32, 1_300, 10), (32, 100, 8), (1024, 10_400, 256), (4096, 200_000, 1562),
            (4096, 10_000, 1024), (1, 5, 1), (4, 1_000, 4),
        ]
        for row in table {
            XCTAssertEqual(BlockWaves.elementsPerBlock(row.largest, count: row.count), row.perBlock,
                           "\(row.largest) asked, \(row.count) elements")
        }
    }

    /// JSON's elements are written in the smaller blocks: 1,000 elements asked in blocks of
    /// 256 go out in blocks of 64, and the bytes are those of one element after another.
    func testJSONElementsOfAShortRunGoOutInSmallerBlocks() {
        final class Counts: @unchecked Sendable { var values: [Int] = [] }
        let counts = Counts()
        var blocks = JSONWriter(MemorySink())
        blocks.beginArray()
        blocks.elements(count: 1_000, perBlock: 256, written: { counts.values.append($0) }) { index, writer in
            JSONWriterTests.writeElement(index, to: &writer)
        }
        blocks.endArray()
        var one = JSONWriter(MemorySink())
        one.beginArray()
        for index in 0..<1_000 { JSONWriterTests.writeElement(index, to: &one) }
        one.endArray()
        XCTAssertEqual(blocks.finish().text, one.finish().text)
        XCTAssertEqual(counts.values, (1...16).map { min($0 * 64, 1_000) })
    }

    private static func writeElement<Sink>(_ index: Int, to writer: inout JSONWriter<Sink>) {
        writer.beginObject()
        writer.field("index", index)
        writer.key("items")
        writer.beginArray()
        for item in 0..<(index % 3) { writer.string("item \(item) \"q\"") }
        writer.endArray()
        writer.endObject()
    }

    /// An array written in blocks on two threads is byte for byte the array written element
    /// by element, whatever the block size, nesting, and elements before it.
    func testElementsInBlocksMatchOneByOne() {
        for count in [0, 1, 2, 7, 100] {
            for perBlock in [1, 2, 3, 64, 1000] {
                for before in [0, 2] {
                    for depth in [0, 3, 70] {
                        func document(blocks: Bool) -> String {
                            var json = JSONWriter(MemorySink())
                            for _ in 0..<depth { json.beginArray() }
                            json.beginArray()
                            for value in 0..<before { json.int(value) }
                            if blocks {
                                json.elements(count: count, perBlock: perBlock) { index, writer in
                                    JSONWriterTests.writeElement(index, to: &writer)
                                }
                            } else {
                                for index in 0..<count { JSONWriterTests.writeElement(index, to: &json) }
                            }
                            json.int(-1)
                            json.endArray()
                            for _ in 0..<depth { json.endArray() }
                            return json.finish().text
                        }
                        XCTAssertEqual(document(blocks: true), document(blocks: false),
                                       "count \(count), perBlock \(perBlock), before \(before), depth \(depth)")
                    }
                }
            }
        }
    }


    /// Keys of one character and longer ones, nested, come out quoted with `: ` after them.
    func testKeysAndIndentation() {
        var json = JSONWriter(MemorySink())
        json.beginObject()
        json.field("x", 1)
        json.key("identifier")
        json.beginObject()
        json.field("y", "z")
        json.endObject()
        json.endObject()
        XCTAssertEqual(json.finish().text, "{\n  \"x\": 1,\n  \"identifier\": {\n    \"y\": \"z\"\n  }\n}\n")
    }

    /// Whole numbers are written digit by digit, without a `String`; they read back the same,
    /// and numbers with a fraction keep their shortest exact form.
    func testNumbersAreWrittenExactly() throws {
        let ints = [0, 1, -1, 9, 10, 42, -305, 1_000_000, Int.max, Int.min, Int(Int32.max), -99_999_999_999]
        let doubles: [Double] = [0, -0.0, 3, -3, 3.5, 0.25, 1e14, -1e14, 1e15, 123.456, 0.1]
        var json = JSONWriter(MemorySink())
        json.beginArray()
        for value in ints { json.int(value) }
        for value in doubles { json.number(value) }
        json.endArray()
        let text = json.finish().text
        let lines = text.split(separator: "\n").dropFirst().dropLast().map { $0.trimmingCharacters(in: .whitespaces) }
            .map { $0.hasSuffix(",") ? String($0.dropLast()) : $0 }
        XCTAssertEqual(Array(lines[0..<ints.count]), ints.map { String($0) })
        XCTAssertEqual(Array(lines[ints.count...]), doubles.map { JSONWriter<MemorySink>.format($0) })
        XCTAssertEqual(Array(lines[ints.count...]), ["0", "0", "3", "-3", "3.5", "0.25", "100000000000000", "-100000000000000",
                                                      "1000000000000000.0", "123.456", "0.1"])
    }


    /// Short decimals are written without `String(value)`, and must read exactly as it does:
    /// every tenth up to ±20,000 and hundredth up to ±3,000, what the lexer decodes from such literals, and
    /// random values of every magnitude (which mostly take the general path).
    func testShortDecimalsReadAsStringDoes() {
        func written(_ value: Double) -> String {
            var json = JSONWriter(MemorySink())
            json.number(value)
            var text = json.finish().text
            if text.hasSuffix("\n") { text.removeLast() }
            return text
        }
        var values: [Double] = []
        for n in -300_000...300_000 where n % 10 != 0 {
            values.append(Double(n) / 100)
            if n % 10 == 5 || n % 3 == 0 { values.append(Double(n / 10) / 10 + (n < 0 ? -0.05 : 0.05)) }
        }
        for n in stride(from: -200_000, through: 200_000, by: 1) where n % 10 != 0 { values.append(Double(n) / 10) }
        for literal in ["3.5", "0.25", "4.75", "0.01", "0.1", "99.99", "-2.5", "1234567.89", "0.07", "1e3", "12.345"] {
            let bytes = Array(literal.utf8)
            if let parsed = bytes.withUnsafeBufferPointer({ NumberLiteral.parse($0) }) { values.append(parsed.value) }
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50_000 {
            let magnitude = Double.random(in: -8...17, using: &generator)
            values.append((Bool.random(using: &generator) ? 1 : -1) * Double.random(in: 1..<10, using: &generator)
                          * pow(10, magnitude.rounded(.down)))
        }
        values += [0.01, -0.01, 0.009999, 0x1p40 - 0.5, 0x1p40 + 0.5, 1e15 + 0.5, 0.005, 1e-5]
        var fast = 0
        for value in values {
            XCTAssertEqual(written(value), JSONWriter<MemorySink>.format(value), "\(value)")
            if JSONWriter<MemorySink>.shortDecimal(value) != nil { fast += 1 }
        }
        XCTAssertGreaterThan(fast, 800_000, "the short path was taken")
    }

    /// Nesting is tracked in a 64-bit stack with an array beyond it: documents deeper than 64
    /// levels keep their commas and indentation right on both sides of the boundary.
    func testNestingBeyondSixtyFourLevels() throws {
        for depth in [1, 63, 64, 65, 70, 130] {
            var json = JSONWriter(MemorySink())
            for _ in 0..<depth {
                json.beginArray()
                json.int(1)
            }
            for _ in 0..<depth { json.endArray() }
            let text = json.finish().text
            var expected = ""
            func write(_ level: Int) {
                let pad = String(repeating: " ", count: level * 2)
                expected += "[\n" + pad + "  1"
                if level + 1 < depth {
                    expected += ",\n" + pad + "  "
                    write(level + 1)
                }
                expected += "\n" + pad + "]"
            }
            write(0)
            expected += "\n"
            XCTAssertEqual(text, expected, "depth \(depth)")
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(text.utf8)), "depth \(depth)")
        }
    }
    /// Keys, values and closing brackets are written behind one capacity check each, with the
    /// indentation stored eight spaces at a time and short keys copied without a call. Against
    /// a plain reference: keys of every length up to 40 bytes, objects nested to depths on both
    /// sides of 16 (32 spaces) and 64 levels, strings that need escaping at their start, middle
    /// or end, and enough of them to cross the writer's 64 KiB buffer many times.
    func testKeysAndValuesMatchAPlainWriterAtEveryDepthAndLength() throws {
        let keyNames: [StaticString] = ["", "a", "ab", "abc", "abcd", "abcde", "abcdefg", "abcdefgh", "abcdefghi",
                                        "abcdefghijklmno", "abcdefghijklmnop", "abcdefghijklmnopq",
                                        "abcdefghijklmnopqrstuvwxyz0123456789abcd"]
        let values = ["", "x", "plain label", "\"quoted\"", "tab\there", "end\\", "\u{1}start", "ไทย 中文 🙂",
                      String(repeating: "long ", count: 30) + "\n"]
        func escaped(_ text: String) -> String {
            var out: [UInt8] = [0x22]
            for byte in text.utf8 {
                switch byte {
                case 0x22: out += Array("\\\"".utf8)
                case 0x5C: out += Array("\\\\".utf8)
                case 0x0A: out += Array("\\n".utf8)
                case 0x0D: out += Array("\\r".utf8)
                case 0x09: out += Array("\\t".utf8)
                case 0..<0x20, 0x7F: out += Array(String(format: "\\u%04x", byte).utf8)
                default: out.append(byte)
                }
            }
            return String(decoding: out + [0x22], as: UTF8.self)
        }
        for depth in [1, 2, 15, 16, 17, 40, 64, 65, 66] {
            var json = JSONWriter(MemorySink())
            var expected = ""
            func pad(_ level: Int) -> String { "\n" + String(repeating: " ", count: level * 2) }
            for level in 0..<depth {
                json.beginObject()
                json.key("k")
                expected += "{" + pad(level + 1) + "\"k\": "
            }
            json.beginArray()
            expected += "["
            for round in 0..<60 {
                for (index, name) in keyNames.enumerated() {
                    json.beginObject()
                    expected += (round == 0 && index == 0 ? "" : ",") + pad(depth + 1) + "{"
                    let value = values[(index + round) % values.count]
                    json.key(name)
                    json.string(value)
                    json.key("flag")
                    json.bool(round % 2 == 0)
                    json.key("none")
                    json.null()
                    json.key("empty")
                    json.beginArray()
                    json.endArray()
                    let key = "\(name)"
                    expected += pad(depth + 2) + "\"\(key)\": " + escaped(value) + ","
                    expected += pad(depth + 2) + "\"flag\": " + (round % 2 == 0 ? "true" : "false") + ","
                    expected += pad(depth + 2) + "\"none\": null,"
                    expected += pad(depth + 2) + "\"empty\": []"
                    json.endObject()
                    expected += pad(depth + 1) + "}"
                }
            }
            json.endArray()
            expected += pad(depth) + "]"
            for level in stride(from: depth - 1, through: 0, by: -1) {
                json.endObject()
                expected += pad(level) + "}"
            }
            expected += "\n"
            let text = json.finish().text
            XCTAssertGreaterThan(text.utf8.count, 65_536, "depth \(depth): crosses the buffer")
            XCTAssertEqual(text, expected, "depth \(depth)")
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(text.utf8)), "depth \(depth)")
        }
    }
}
