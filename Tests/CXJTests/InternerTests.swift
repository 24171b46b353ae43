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

    /// A large table keeps few bits of each hash beside its symbol (12 at 2^20 slots): names
    /// whose kept bits agree are told apart by their bytes, through every growth and rebuild.
    func testManyNamesInALargeTable() {
        var interner = Interner()
        let names = (0..<300_000).map { index in index % 3 == 0 ? "ขั้น_\(index)" : index % 3 == 1 ? "a\(index)_0" : "阶段-\(index)-😀" }
        for (index, name) in names.enumerated() {
            XCTAssertEqual(Array(name.utf8).withUnsafeBufferPointer { interner.intern($0) }, Int32(index))
        }
        XCTAssertEqual(interner.tableBytes, 4 << 20, "2^20 slots of 4 bytes for 300,000 names")
        var copy = interner
        copy.dropLookupTable()
        for (index, name) in names.enumerated() where index % 7 == 0 {
            XCTAssertEqual(interner.lookup(name), Int32(index), name)
            XCTAssertEqual(interner.name(Int32(index)), name)
        }
        // Without its table, each lookup builds one: a few of them.
        for index in [0, 1, 2, 65_537, 299_999] {
            XCTAssertEqual(copy.lookup(names[index]), Int32(index), names[index])
        }
        for absent in ["a300000_0", "ขั้น_300000", "阶段-1-😀x", "a1_1"] {
            XCTAssertNil(interner.lookup(absent), absent)
        }
        var small = Interner()
        for index in 0..<197_278 { _ = Array("n\(index)".utf8).withUnsafeBufferPointer { small.intern($0) } }
        XCTAssertEqual(small.tableBytes, 2 << 20, "a dense 20 MB journey's names: 2^19 slots, 2 MiB")
    }

    /// A checked file in parts drops its names' lookup table (`dropLookupTable`): names are
    /// still spelled, looked up, interned and merged as before, the table built again first.
    func testNamesWithoutTheirTable() {
        let names = (0..<500).map { "name_\($0)" } + ["ลูกค้า", "客户旅程", ""]
        var interner = Interner()
        for name in names { _ = interner.intern(name) }
        for operation in ["spell and look up", "intern", "merge", "reserve"] {
            var dropped = interner
            dropped.dropLookupTable()
            for (index, name) in names.enumerated() {
                XCTAssertEqual(dropped.name(Int32(index)), name, operation)
            }
            switch operation {
            case "spell and look up":
                XCTAssertEqual(dropped.lookup("ลูกค้า"), 500)
                XCTAssertNil(dropped.lookup("name_500"))
            case "intern":
                XCTAssertEqual(dropped.intern("name_7"), 7)
                XCTAssertEqual(dropped.intern("new"), Int32(names.count))
                XCTAssertEqual(dropped.lookup("new"), Int32(names.count))
            case "merge":
                var other = Interner()
                for name in ["name_3", "fresh", "客户旅程", "other"] { _ = other.intern(name) }
                XCTAssertEqual(dropped.merge(other), [3, Int32(names.count), 501, Int32(names.count) + 1])
                XCTAssertEqual(dropped.intern("fresh"), Int32(names.count))
            default:
                dropped.reserveCapacity(names: 5_000, bytes: 50_000)
                XCTAssertEqual(dropped.intern("name_499"), 499)
            }
            XCTAssertEqual(interner.lookup("name_42"), 42, "the original keeps its table")
        }
    }

    /// Merging another interner (a split parse's second half) numbers its names as interning
    /// them one by one after this one's would: present names keep their symbol, new ones follow
    /// in the other's order; through growth of the table, with names in both, on one thread
    /// and (past `namesWorthASecondThread`) on two.
    func testMergeEqualsInterningOneByOne() {
        func intern(_ names: [String], into interner: inout Interner) -> [Int32] {
            names.map { name in Array(name.utf8).withUnsafeBufferPointer { interner.intern($0) } }
        }
        var generator = SystemRandomNumberGenerator()
        for round in 0..<12 {
            let large = round >= 9
            let poolSize = large ? 4 * Interner.namesWorthASecondThread : round * 300 + 5
            // A large pool is mostly distinct names, so that the other interner holds more than
            // `namesWorthASecondThread` of them (asserted below).
            let pool = (0..<poolSize).map { index in
                large ? ["step_\(index)", "ลูกค้า\(index)", "客户\(index % 11)", "", "a", "abcdefgh\(index)", "x\(index)"][index % 7]
                    : ["step_\(index)", "ลูกค้า\(index % 7)", "客户\(index % 11)", "", "a", "abcdefgh\(index % 3)", "x\(index)"][index % 7]
            }
            let first = (0..<Int.random(in: large ? 5_000...20_000 : 0...2_000, using: &generator)).map { _ in pool.randomElement(using: &generator)! }
            let second = (0..<Int.random(in: large ? 60_000...80_000 : 0...4_000, using: &generator)).map { _ in pool.randomElement(using: &generator)! }
            var oneByOne = Interner()
            _ = intern(first, into: &oneByOne)
            let expected = intern(second, into: &oneByOne)
            var merged = Interner()
            _ = intern(first, into: &merged)
            let before = merged
            var other = Interner()
            let local = intern(second, into: &other)
            if large { XCTAssertGreaterThanOrEqual(other.count, Interner.namesWorthASecondThread, "round \(round)") }
            let map = merged.merge(other)
            XCTAssertEqual(local.map { map[Int($0)] }, expected, "round \(round)")
            XCTAssertEqual(merged.count, oneByOne.count)
            for symbol in 0..<Int32(merged.count) {
                XCTAssertEqual(merged.name(symbol), oneByOne.name(symbol))
                XCTAssertEqual(merged.lookup(merged.name(symbol)), symbol)
            }
            // Interning goes on as usual after a merge, and the copy taken before is untouched.
            XCTAssertEqual(Array("after-merge".utf8).withUnsafeBufferPointer { merged.intern($0) }, Int32(oneByOne.count))
            XCTAssertEqual(before.count, first.isEmpty ? 0 : Set(first).count)
            // Names go into room after the stored ones (`storeName`): the copy's names, which
            // shared that storage, are still its own.
            XCTAssertEqual(before.byteCount, (0..<Int32(before.count)).reduce(0) { $0 + oneByOne.name($1).utf8.count })
            for symbol in 0..<Int32(before.count) { XCTAssertEqual(before.name(symbol), oneByOne.name(symbol)) }
        }
    }

    /// Names are compared eight bytes at a time, then byte by byte: equal names of every length
    /// up to 24 bytes, and names that differ in any one byte, in either order.
    func testNamesCompareByEveryByte() {
        for length in 0...24 {
            let name = (0..<length).map { UInt8(0x61 + $0 % 26) }
            name.withUnsafeBufferPointer { a in
                let copy = Array(name)
                copy.withUnsafeBufferPointer { b in
                    XCTAssertTrue(Interner.sameBytes(a.baseAddress ?? UnsafePointer(bitPattern: 1)!, b.baseAddress ?? UnsafePointer(bitPattern: 1)!, length))
                }
            }
            for position in 0..<length {
                var other = name
                other[position] ^= 0x20
                name.withUnsafeBufferPointer { a in
                    other.withUnsafeBufferPointer { b in
                        XCTAssertFalse(Interner.sameBytes(a.baseAddress!, b.baseAddress!, length), "\(length) at \(position)")
                        XCTAssertFalse(Interner.sameBytes(b.baseAddress!, a.baseAddress!, length), "\(length) at \(position)")
                    }
                }
            }
        }
        // Through the interner: names of a word and more, one byte apart, keep their own symbols.
        var interner = Interner()
        let names = ["abcdefgh", "abcdefgi", "abcdefghi", "abcdefghj", "ทางเลือก", "ทางเลือข", "路线一", "路线二", "a😀", "a😁"]
        let symbols = names.map { name -> Int32 in
            var bytes = Array(name.utf8)
            return bytes.withUnsafeMutableBufferPointer { interner.intern(UnsafeBufferPointer($0)) }
        }
        XCTAssertEqual(symbols, (0..<Int32(names.count)).map { $0 })
        XCTAssertEqual(names.map { interner.lookup($0) }, symbols.map { Optional($0) })
    }
}
