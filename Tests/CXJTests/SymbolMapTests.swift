import XCTest
@testable import CXJ

/// The symbol map agrees with a dictionary through growth, overwrites and misses.
final class SymbolMapTests: XCTestCase {
    func testAgreesWithADictionary() {
        var map = SymbolMap()
        var reference: [Int32: Int32] = [:]
        var generator = SystemRandomNumberGenerator()
        for step in 0..<20_000 {
            let symbol = Int32.random(in: 0..<5_000, using: &generator)
            let value = Int32(step % 1_000)
            map[symbol] = value
            reference[symbol] = value
        }
        XCTAssertEqual(map.count, reference.count)
        for symbol in Int32(-3)..<6_000 {
            XCTAssertEqual(map[symbol], reference[symbol], "symbol \(symbol)")
        }
        // Symbols far apart, and the largest, still land.
        map[Int32.max - 1] = 7
        map[0] = -1
        XCTAssertEqual(map[Int32.max - 1], 7)
        XCTAssertEqual(map[0], -1)
        XCTAssertNil(map[-1])
    }
}
