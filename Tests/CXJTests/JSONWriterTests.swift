import Foundation
import XCTest
@testable import CXJ

final class JSONWriterTests: XCTestCase {
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
}
