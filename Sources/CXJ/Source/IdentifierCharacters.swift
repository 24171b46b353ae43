/// Which Unicode scalars may start and continue an identifier.
///
/// An identifier starts with a letter (any `L*` category or `Nl`) or `_`, and continues with
/// letters, combining marks (`Mn`, `Mc`), decimal digits (`Nd`), `_`, ZWNJ and ZWJ. So Thai
/// (`ลูกค้ากังวล`, whose vowel and tone marks are `Mn`), Chinese (`担心`) and Indonesian
/// identifiers all work. ASCII is decided without consulting Unicode tables.
enum IdentifierCharacters {
    @inline(__always)
    static func isASCIIStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F
    }

    @inline(__always)
    static func isASCIIContinue(_ byte: UInt8) -> Bool {
        isASCIIStart(byte) || (byte >= 0x30 && byte <= 0x39)
    }

    /// Never inlined: the stdlib's Unicode property types are resilient, and inlining them into
    /// the lexer's loop would fetch their metadata on every token, not only on non-ASCII ones.
    @inline(never)
    static func isStart(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 { return isASCIIStart(UInt8(scalar)) }
        guard let value = Unicode.Scalar(scalar) else { return false }
        switch value.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .letterNumber:
            return true
        default:
            return false
        }
    }

    @inline(never)
    static func isContinue(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 { return isASCIIContinue(UInt8(scalar)) }
        if scalar == 0x200C || scalar == 0x200D { return true }
        guard let value = Unicode.Scalar(scalar) else { return false }
        switch value.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .letterNumber,
             .nonspacingMark, .spacingMark, .decimalNumber:
            return true
        default:
            return false
        }
    }
}
