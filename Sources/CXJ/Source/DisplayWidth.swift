/// The number of terminal columns that text occupies.
///
/// Wide East Asian characters (CJK, Hangul, most emoji) take 2 columns, combining marks and
/// format characters (Thai vowel and tone marks, ZWJ, variation selectors) take 0, and every
/// other printable scalar takes 1. The human renderer uses this to draw underlines.
public enum DisplayWidth {
    /// The width of one scalar. Control characters count 0; a tab is expanded before measuring.
    public static func of(scalar: UInt32) -> Int {
        if scalar < 0x7F { return scalar >= 0x20 ? 1 : 0 }
        if scalar < 0xA0 { return 0 }
        if contains(UnicodeTables.zeroWidth, scalar) { return 0 }
        if contains(UnicodeTables.wide, scalar) { return 2 }
        return 1
    }

    /// The width of a string.
    public static func of(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { of(utf8: $0) }
    }

    /// The width of part of a string.
    public static func of(_ text: Substring) -> Int {
        var text = text
        return text.withUTF8 { of(utf8: $0) }
    }

    /// The width of valid UTF-8 (a string's bytes, or a run of them cut at a space), decoded
    /// a byte at a time: reports measure every cell and word they lay out, and walking
    /// `unicodeScalars` was a twentieth of `--to text`.
    static func of(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var width = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                if lead >= 0x20 && lead != 0x7F { width += 1 }
                index += 1
                continue
            }
            var scalar: UInt32
            var length: Int
            if lead < 0xE0 {
                scalar = UInt32(lead & 0x1F)
                length = 2
            } else if lead < 0xF0 {
                scalar = UInt32(lead & 0x0F)
                length = 3
            } else {
                scalar = UInt32(lead & 0x07)
                length = 4
            }
            for next in 1..<length where index + next < count {
                scalar = scalar << 6 | UInt32(bytes[index + next] & 0x3F)
            }
            width += of(scalar: scalar)
            index += length
        }
        return width
    }

    /// The width of a range of UTF-8 bytes; invalid bytes count 1 each (shown as U+FFFD).
    public static func of(bytes: ArraySlice<UInt8>) -> Int {
        var width = 0
        for scalar in UTF8Decoding.scalars(bytes) { width += scalar == 0x09 ? 4 : of(scalar: scalar) }
        return width
    }

    private static func contains(_ table: [(UInt32, UInt32)], _ scalar: UInt32) -> Bool {
        var low = 0
        var high = table.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let (first, last) = table[middle]
            if scalar < first {
                high = middle - 1
            } else if scalar > last {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}
