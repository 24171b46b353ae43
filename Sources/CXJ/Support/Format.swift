/// Number formatting that does not depend on the locale, for messages and outputs.
public enum Format {
    /// A number with at most `digits` fraction digits and no trailing zeros: 84.0 → "84", 0.125 → "0.13".
    public static func decimal(_ value: Double, digits: Int) -> String {
        withDecimal(value, digits: digits) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 of `decimal(value, digits:)`, built in a buffer on the stack:
    /// a diagram writes three numbers per touchpoint, and building `String`s cost about 1,300
    /// instructions a number.
    public static func withDecimal<Result>(_ value: Double, digits: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        guard value.isFinite else { return withStaticText(value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf"), body) }
        // Beyond 2^53 a Double has no fraction and `Int` may overflow: use its shortest form.
        guard abs(value) < 9e15 else {
            var text = value.description
            return text.withUTF8(body)
        }
        let digits = max(min(digits, 15 - decimalDigitCount(UInt(abs(value)))), 0)
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let integerPart = Int((scaled / scale).rounded(.down))
        let fraction = Int((scaled - Double(integerPart) * scale).rounded())
        // At most a sign, 15 integer digits, a point and 15 fraction digits.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buffer in
            var count = 0
            let hasFraction = digits > 0 && fraction > 0
            if value < 0 && (integerPart != 0 || hasFraction) {
                buffer[0] = 0x2D
                count = 1
            }
            count += writeDigits(UInt(integerPart), into: buffer, at: count)
            if hasFraction {
                buffer[count] = 0x2E
                // Zero-padded to `digits`, then without trailing zeros.
                var last = count + digits
                var remaining = fraction
                for position in stride(from: last, to: count, by: -1) {
                    buffer[position] = 0x30 + UInt8(remaining % 10)
                    remaining /= 10
                }
                while buffer[last] == 0x30 { last -= 1 }
                count = last + 1
            }
            return body(UnsafeBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    private static func withStaticText<Result>(_ text: StaticString, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        body(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// How many decimal digits a number has.
    private static func decimalDigitCount(_ value: UInt) -> Int {
        var count = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            count += 1
        }
        return count
    }

    /// Writes a number in decimal at `start` (at most 20 digits); returns how many digits.
    /// Shared by `withDecimal` and `JSONWriter`'s whole numbers.
    static func writeDigits(_ value: UInt, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        let count = decimalDigitCount(value)
        var rest = value
        for position in stride(from: start + count - 1, through: start, by: -1) {
            buffer[position] = 0x30 + UInt8(rest % 10)
            rest /= 10
        }
        return count
    }

    /// Source text cut to at most `limit` characters, with `…` where it was cut, for quoting a
    /// value in a message.
    public static func excerpt(_ text: String, limit: Int = 40) -> String {
        guard text.unicodeScalars.count > limit else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit))) + "…"
    }

    /// A fraction as a percentage: 0.8421 → "84.2%".
    public static func percent(_ fraction: Double, digits: Int = 1) -> String {
        decimal(fraction * 100, digits: digits) + "%"
    }

    /// A count with its noun, singular or plural: (1, "error") → "1 error".
    public static func count(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count) " + (count == 1 ? noun : (plural ?? noun + "s"))
    }
}
