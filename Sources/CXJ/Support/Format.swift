/// Number formatting that does not depend on the locale, for messages and outputs.
public enum Format {
    /// A number with at most `digits` fraction digits and no trailing zeros: 84.0 → "84", 0.125 → "0.13".
    public static func decimal(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        // Beyond 2^53 a Double has no fraction and `Int` may overflow: use its shortest form.
        guard abs(value) < 9e15 else { return value.description }
        let digits = max(min(digits, 15 - String(Int(abs(value))).count), 0)
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = scaled / scale
        let integerPart = whole.rounded(.down)
        var fraction = Int((scaled - integerPart * scale).rounded())
        var text = String(Int(integerPart))
        if digits > 0 && fraction > 0 {
            var fractionDigits = String(fraction)
            fractionDigits = String(repeating: "0", count: digits - fractionDigits.count) + fractionDigits
            while fractionDigits.hasSuffix("0") { fractionDigits.removeLast() }
            fraction = 0
            text += "." + fractionDigits
        }
        if value < 0 && text != "0" { text = "-" + text }
        return text
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
