import XCTest
@testable import CXJ

/// The namespace packs each element into 4 bytes: every kind and every index up to 29 bits
/// reads back, the first declaration of a name wins, and clearing forgets exactly the
/// journey's names.
final class NamespaceTests: XCTestCase {
    private let kinds: [ElementKind] = [.stage, .step, .action, .kpi, .opportunity]

    func testEveryKindAndIndexReadsBack() {
        let indices: [Int32] = [0, 1, 2, 1_000, 65_535, 65_536, (1 << 28) + 3, (1 << 29) - 1]
        var namespace = Namespace(symbolCount: kinds.count * indices.count)
        var symbol: Int32 = 0
        for kind in kinds {
            for index in indices {
                XCTAssertNil(namespace.declare(symbol, as: ElementRef(kind: kind, index: index)))
                symbol += 1
            }
        }
        symbol = 0
        for kind in kinds {
            for index in indices {
                XCTAssertEqual(namespace[symbol], ElementRef(kind: kind, index: index))
                symbol += 1
            }
        }
        XCTAssertEqual(namespace.declared.map { $0.0 }, Array(0..<symbol))
        XCTAssertEqual(namespace.declared.map { $0.1 }, kinds.flatMap { kind in indices.map { ElementRef(kind: kind, index: $0) } })
    }

    func testFirstDeclarationWinsAndClearForgetsIt() {
        var namespace = Namespace(symbolCount: 10)
        XCTAssertNil(namespace[3])
        XCTAssertNil(namespace[-1])
        XCTAssertNil(namespace[10])
        XCTAssertNil(namespace.declare(3, as: ElementRef(kind: .step, index: 0)))
        XCTAssertEqual(namespace.declare(3, as: ElementRef(kind: .action, index: 5)), ElementRef(kind: .step, index: 0))
        XCTAssertNil(namespace.declare(7, as: ElementRef(kind: .kpi, index: 2)))
        XCTAssertEqual(namespace.declared.count, 2)
        namespace.clear()
        XCTAssertNil(namespace[3])
        XCTAssertNil(namespace[7])
        XCTAssertEqual(namespace.declared.count, 0)
        XCTAssertNil(namespace.declare(7, as: ElementRef(kind: .opportunity, index: 1)))
        XCTAssertEqual(namespace[7], ElementRef(kind: .opportunity, index: 1))
    }
}
