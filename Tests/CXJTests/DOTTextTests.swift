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
        }
    }
}
