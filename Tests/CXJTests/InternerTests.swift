import XCTest
@testable import CXJ

/// The interner gives each distinct name one symbol, in order of first appearance, through
/// growth, for names of every length (the hash reads eight bytes at a time) and outside ASCII.
final class InternerTests: XCTestCase {
    func testDistinctNamesGetDistinctSymbolsInOrder() {
        var names = ["", "a", "ab", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghabcdefgh", "abcdefghabcdefgh1",
                     "ลูกค้า", "客户旅程", "pelanggan-baru", "😀", "a0_0", "a0_1", "b0_0"]
        for index in 0..<3_000 { names.append("step_\(index)") }
        var interner = Interner()
        var symbols: [Int32] = []
        for name in names {
            symbols.append(Array(name.utf8).withUnsafeBufferPointer { interner.intern($0) })
        }
        XCTAssertEqual(symbols, (0..<Int32(names.count)).map { $0 })
        XCTAssertEqual(interner.count, names.count)
        for (name, symbol) in zip(names, symbols) {
            XCTAssertEqual(Array(name.utf8).withUnsafeBufferPointer { interner.intern($0) }, symbol, name)
            XCTAssertEqual(interner.lookup(name), symbol, name)
            XCTAssertEqual(interner.name(symbol), name)
        }
        XCTAssertNil(interner.lookup("abcdefgh2"))
        XCTAssertNil(interner.lookup("step_3000"))
        XCTAssertEqual(interner.count, names.count, "looking up adds nothing")
    }
}
