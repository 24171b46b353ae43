import XCTest
@testable import CXJ

/// Graphviz identifiers keep ASCII letters and digits, double `_`, spell `-` as `_h` and any
/// other character as `_u` + its hexadecimal code point + `_`, so two names never collide.
final class DOTTextTests: XCTestCase {
    func testIdentifiersSpellEveryCharacter() {
        let table: [(StaticString, String, String)] = [
            ("step", "order", "step_order"),
            ("step", "order-late", "step_order_hlate"),
            ("action", "a_b", "action_a__b"),
            ("step", "", "step_"),
            ("step", "Zz09", "step_Zz09"),
            ("step", "ลูกค้า", "step__uE25__uE39__uE01__uE04__uE49__uE32_"),
            ("step", "客户", "step__u5BA2__u6237_"),
            ("step", "a😀", "step_a_u1F600_"),
            ("cluster_stage", "é", "cluster_stage__uE9_"),
            ("action", "a_very_long_name_over_15_bytes", "action_a__very__long__name__over__15__bytes"),
            ("step", "x.y", "step_x_u2E_y"),
            ("step", "_", "step___"),
        ]
        for (prefix, name, expected) in table {
            XCTAssertEqual(DOTText.identifier(prefix, name), expected, name)
            // From UTF-8 bytes, as a diagram names its steps and actions: the same spelling.
            var bytes = name
            XCTAssertEqual(bytes.withUTF8 { DOTText.identifier(prefix, utf8: $0) }, expected, name)
            // Appended to bytes, as a diagram keeps its node ids: the same again.
            var appended: [UInt8] = [0x21]
            bytes.withUTF8 { DOTText.appendIdentifier(prefix, utf8: $0, to: &appended) }
            XCTAssertEqual(String(decoding: appended.dropFirst(), as: UTF8.self), expected, name)
            // Spelled into a writer's buffer, as a diagram writes a plain name each time.
            if bytes.withUTF8({ DOTText.isPlain($0) }) {
                var out = OutputWriter(MemorySink())
                out.write("!")
                bytes.withUTF8 { out.writePlainIdentifier(prefix, $0) }
                XCTAssertEqual(String(decoding: out.finish().bytes.dropFirst(), as: UTF8.self), expected, name)
            }
        }
    }

    /// A diagram writes its steps' and actions' identifiers from their names each time (plain
    /// ones) or from the spelling it kept (the others): every node and every edge names the
    /// same identifier as `DOTText.identifier`, in a journey that mixes both kinds.
    func testADiagramNamesEveryNodeAsTheIdentifierSpellsIt() {
        let source = """
        team care "Care"
        channel phone "Phone"
        journey mixed "Mixed names" {
          allow no-repeat-loop
          stage one "One" {
            customer {
              step calls "Calls" { channel phone }
              step ลูกค้า_โทร "Calls in Thai" { channel phone }
              step late-reply "Waits" { channel phone }
              step a_b "Underscores" { channel phone }
            }
            organization {
              action 接听 "Answers" { owner care }
              action answers "Answers again" { owner care }
              action x_y-z "Files it" { owner care }
            }
            touchpoint calls <-> 接听 { via phone }
            touchpoint ลูกค้า_โทร <-> answers { via phone }
            touchpoint late-reply <-> x_y-z { via phone }
            touchpoint a_b <-> answers { via phone }
          }
        }
        """
        let result = TestSupport.check(source)
        XCTAssertEqual(result.count(.error), 0, "\(TestSupport.codes(result))")
        for layout in [DiagramLayout.tall, .wide] {
            let dot = String(decoding: OutputFormat.dot.emit(result.files, diagnostics: [], options: EmitOptions(layout: layout)),
                             as: UTF8.self)
            let steps = ["calls", "ลูกค้า_โทร", "late-reply", "a_b"].map { DOTText.identifier("step", $0) }
            let actions = ["接听", "answers", "x_y-z"].map { DOTText.identifier("action", $0) }
            for id in steps + actions {
                XCTAssertTrue(dot.contains("  \(id) ["), "\(layout): no node \(id)")
            }
            // Each touchpoint's rungs name its step and its action.
            for (step, action) in [(0, 0), (1, 1), (2, 2), (3, 1)] {
                XCTAssertTrue(dot.contains("\(steps[step]) -> touchpoint_"), "\(layout): no rung of \(steps[step])")
                XCTAssertTrue(dot.contains(" -> \(actions[action]);"), "\(layout): no rung of \(actions[action])")
            }
        }
    }
}

/// Labels are wrapped with a fast path for plain ASCII words; the result must equal wrapping
/// scalar by scalar, as the writer did before it.
final class DOTLabelWrapTests: XCTestCase {
    /// The former implementation: every word measured and written scalar by scalar.
    /// (Swift strings hold valid UTF-8; invalid bytes are covered by `testInvalidUTF8`.)
    private func reference(_ text: String, width: Int) -> String {
        var out = ""
        var lineWidth = 0
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
        for word in words {
            let scalars = Array(word.unicodeScalars)
            let wordWidth = scalars.reduce(0) { $0 + DisplayWidth.of(scalar: $1.value) }
            if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                out += " "
                lineWidth += 1
            } else if lineWidth > 0 {
                out += "<br/>"
                lineWidth = 0
            }
            for scalar in scalars {
                let scalarWidth = DisplayWidth.of(scalar: scalar.value)
                if lineWidth > 0 && scalarWidth > 0 && lineWidth + scalarWidth > width {
                    out += "<br/>"
                    lineWidth = 0
                }
                switch scalar.value {
                case 0x26: out += "&amp;"
                case 0x3C: out += "&lt;"
                case 0x3E: out += "&gt;"
                case 0x22: out += "&quot;"
                case 0..<0x20, 0x7F: out += " "
                default: out.unicodeScalars.append(scalar)
                }
                lineWidth += scalarWidth
            }
        }
        return out
    }

    private func wrapped(_ text: String, width: Int) -> String {
        var writer = OutputWriter(MemorySink())
        var text = text
        text.withUTF8 { writer.writeLabel($0, width: width) }
        return writer.finish().text
    }

    func testFastPathEqualsScalarByScalar() {
        let pieces = ["Opens", "the", "app", "a", "verylongwordthatneedsbreaking", "R&D", "<b>", "\"q\"", "รอรถ", "ที่",
                      "客户旅程", "🚆", "e\u{301}", "x\u{7}y", "DEL\u{7F}", "-", "100%", "  ", "\n", "\t"]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<2_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                text += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
                text += Bool.random(using: &generator) ? " " : ""
            }
            for width in [1, 2, 3, 5, 8, 18, 32] {
                XCTAssertEqual(wrapped(text, width: width), reference(text, width: width), "round \(round), width \(width): \(text.debugDescription)")
            }
        }
    }

    func testInvalidUTF8() {
        // Byte by byte, as the former writer did: an invalid byte is U+FFFD, one column.
        func reference(_ bytes: [UInt8], width: Int) -> String {
            var out = ""
            var lineWidth = 0
            var index = 0
            let separators: Set<UInt8> = [0x20, 0x0A, 0x09, 0x0D]
            bytes.withUnsafeBufferPointer { buffer in
                while index < buffer.count {
                    while index < buffer.count && separators.contains(buffer[index]) { index += 1 }
                    guard index < buffer.count else { break }
                    var scalars: [(UInt32, Int)] = []
                    var end = index
                    while end < buffer.count && !separators.contains(buffer[end]) {
                        let (scalar, length) = UTF8Decoding.decode(buffer, at: end) ?? (0xFFFD, 1)
                        scalars.append((scalar, DisplayWidth.of(scalar: scalar)))
                        end += length
                    }
                    let wordWidth = scalars.reduce(0) { $0 + $1.1 }
                    if lineWidth > 0 && lineWidth + 1 + wordWidth <= width { out += " "; lineWidth += 1 }
                    else if lineWidth > 0 { out += "<br/>"; lineWidth = 0 }
                    for (scalar, scalarWidth) in scalars {
                        if lineWidth > 0 && scalarWidth > 0 && lineWidth + scalarWidth > width { out += "<br/>"; lineWidth = 0 }
                        out.unicodeScalars.append(Unicode.Scalar(scalar)!)
                        lineWidth += scalarWidth
                    }
                    index = end
                }
            }
            return out
        }
        let pieces: [[UInt8]] = [Array("ab".utf8), [0x80], [0xC3], [0xE0, 0xB8], Array("รอ".utf8), [0xF0, 0x9F, 0x9A],
                                 Array("🚆".utf8), [0x20], [0x0A], Array("word".utf8)]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...10, using: &generator) {
                bytes += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
            }
            for width in [1, 2, 4, 80] {
                var writer = OutputWriter(MemorySink())
                bytes.withUnsafeBufferPointer { writer.writeLabel($0, width: width) }
                // Bytes, not text: decoding the output would hide invalid bytes written raw.
                XCTAssertEqual(writer.finish().bytes, Array(reference(bytes, width: width).utf8), "round \(round), width \(width): \(bytes)")
            }
        }
    }
}

/// Node ids are written as bytes (`DiagramNodeIDs`): a touchpoint's is `touchpoint_` and its
/// index, digit by digit, however full the writer's buffer is.
final class DiagramNodeIDTests: XCTestCase {
    func testTouchpointIdentifiersAreDecimal() {
        let indices = [0, 1, 9, 10, 99, 100, 12_345, 99_999, 100_000, 1_234_567, Int(Int32.max)]
        // Written after fillers of every length around the 64 KiB buffer's end.
        for filler in [0, 1, 65_500, 65_520, 65_526, 65_530, 65_535, 65_536] {
            var out = OutputWriter(MemorySink())
            out.write(repeating: 0x2E, times: filler)
            var expected = String(repeating: ".", count: filler)
            for index in indices {
                out.writeTouchpointID(index)
                out.write(byte: 0x3B)
                expected += "touchpoint_\(index);"
            }
            let text = out.finish().text
            XCTAssertTrue(text == expected, "after \(filler) bytes, the end: …\(text.suffix(160))")
        }
    }

    /// Past 10,000 touchpoints an id no longer fits a small string: every one is declared as a
    /// node, listed in its row and joined by its rungs under the same spelling.
    func testManyTouchpointsKeepTheirIdentifiers() {
        let count = 10_002
        var text = "team care \"Care\"\njourney j \"J\" {\n  stage s \"S\" {\n    customer { step a \"A\" }\n    organization {\n"
        for index in 0..<count { text += "      action x\(index) \"X\" { owner care }\n" }
        text += "    }\n"
        for index in 0..<count { text += "    touchpoint a <-> x\(index)\n" }
        text += "  }\n}\n"
        let result = TestSupport.check(text)
        XCTAssertEqual(result.count(.error), 0)
        let dot = String(decoding: OutputFormat.dot.emit([result.files[0]], diagnostics: []), as: UTF8.self)
        for index in [0, 9_999, 10_000, count - 1] {
            XCTAssertTrue(dot.contains("\n    touchpoint_\(index) ["), "node \(index)")
            XCTAssertTrue(dot.contains(" touchpoint_\(index);"), "row \(index)")
            XCTAssertTrue(dot.contains("\n  step_a -> touchpoint_\(index);"), "rung to \(index)")
            XCTAssertTrue(dot.contains("\n  touchpoint_\(index) -> action_x\(index);"), "rung from \(index)")
        }
        XCTAssertFalse(dot.contains("touchpoint_\(count) "))
        XCTAssertFalse(dot.contains("touchpoint_-"))
    }
}

/// Touchpoints are ordered by home stage, then by their steps' mean position, then by index:
/// a counting sort by stage with a sort inside each stage must give what one comparison sort
/// of them all gives.
final class DiagramOrderTests: XCTestCase {
    /// The one counting sort that the diagram's order and the journey's facts share.
    func testBucketOrderIsStableAndGivesEachBucketsStart() {
        let cases: [(keys: [Int32], buckets: Int, order: [Int32], starts: [Int32])] = [
            ([2, 0, 2, 1, 0], 3, [1, 4, 3, 0, 2], [0, 2, 3, 5]),
            ([], 2, [], [0, 0, 0]),
            ([0, 0, 0], 1, [0, 1, 2], [0, 3]),
            ([3, 3], 5, [0, 1], [0, 0, 0, 0, 2, 2]),
        ]
        for (keys, buckets, order, starts) in cases {
            let sorted = BucketOrder.sorted(keys, bucketCount: buckets)
            XCTAssertEqual(sorted.order, order, "\(keys)")
            XCTAssertEqual(sorted.starts, starts, "\(keys)")
        }
    }

    private func reference(_ home: [Int32], _ stepKey: [Double]) -> [Int32] {
        home.indices.sorted { left, right in
            if home[left] != home[right] { return home[left] < home[right] }
            if stepKey[left] != stepKey[right] { return stepKey[left] < stepKey[right] }
            return left < right
        }.map { Int32($0) }
    }

    func testCountingSortByStageIsTheComparisonSort() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<200 {
            let stages = Int.random(in: 1...12, using: &generator)
            let count = Int.random(in: 0...300, using: &generator)
            let home = (0..<count).map { _ -> Int32 in
                Int.random(in: 0..<10, using: &generator) == 0 ? Int32.max : Int32.random(in: 0..<Int32(stages), using: &generator)
            }
            let stepKey = (0..<count).map { _ -> Double in
                switch Int.random(in: 0..<6, using: &generator) {
                case 0: return .infinity
                case 1: return 2.5
                default: return Double(Int.random(in: 0..<20, using: &generator)) / 2
                }
            }
            XCTAssertEqual(DiagramOrder.sortedByHome(home, stepKey, stageCount: stages), reference(home, stepKey), "round \(round)")
        }
        // A home outside the stages (never made by the checker) falls back to the one sort.
        let odd: [Int32] = [3, -1, 7, 0, Int32.max, 7]
        let keys: [Double] = [1, 1, 0, 2, 0, -1]
        XCTAssertEqual(DiagramOrder.sortedByHome(odd, keys, stageCount: 2), reference(odd, keys))
    }
}
