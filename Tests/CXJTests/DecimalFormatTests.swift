import XCTest
@testable import CXJ

/// `Format.decimal` builds its digits in a stack buffer; it must spell every number as the
/// `String`-based version it replaced did.
final class DecimalFormatTests: XCTestCase {
    /// The former implementation, kept as the reference.
    private func reference(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        guard abs(value) < 9e15 else { return value.description }
        let digits = max(min(digits, 15 - String(Int(abs(value))).count), 0)
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = scaled / scale
        let integerPart = whole.rounded(.down)
        let fraction = Int((scaled - integerPart * scale).rounded())
        var text = String(Int(integerPart))
        if digits > 0 && fraction > 0 {
            var fractionDigits = String(fraction)
            fractionDigits = String(repeating: "0", count: digits - fractionDigits.count) + fractionDigits
            while fractionDigits.hasSuffix("0") { fractionDigits.removeLast() }
            text += "." + fractionDigits
        }
        if value < 0 && text != "0" { text = "-" + text }
        return text
    }

    func testEdgeCases() {
        let values: [Double] = [0, -0.0, 0.5, -0.5, 0.004, -0.004, 0.005, 0.125, 1, -1, 9.999, 84, 84.0001, 1.05, 2.675,
                                1e-9, 123_456_789.123, 999_999_999_999_999, 8_999_999_999_999_998, 9e15, -9e15, 1e300,
                                .nan, .infinity, -.infinity, .pi, -.pi, 0.1 + 0.2]
        for value in values {
            for digits in [0, 1, 2, 3, 6, 15, 40, -1] {
                XCTAssertEqual(Format.decimal(value, digits: digits), reference(value, digits: digits), "\(value), \(digits)")
            }
        }
    }

    func testManyValues() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let magnitude = Double(Int.random(in: -6...15, using: &generator))
            let value = Double.random(in: -1...1, using: &generator) * pow(10, magnitude)
            let digits = Int.random(in: 0...4, using: &generator)
            XCTAssertEqual(Format.decimal(value, digits: digits), reference(value, digits: digits), "\(value), \(digits)")
        }
        // Scores and gaps as diagrams show them.
        for tenths in -60...60 {
            let value = Double(tenths) / 10
            XCTAssertEqual(Format.decimal(value, digits: 2), reference(value, digits: 2))
        }
    }
}
