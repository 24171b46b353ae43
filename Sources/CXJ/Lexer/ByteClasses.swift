/// Byte classes for the lexer's inner loops, as flags in a 256-entry table.
///
/// The table lives in memory allocated once and is reached through a raw pointer that the
/// lexer copies, so the hot loops pay neither lazy-global checks nor bounds checks.
enum ByteClasses {
    /// ASCII letters, digits and `_`: bytes that continue an identifier.
    static let identifierContinue: UInt8 = 1
    /// Bytes that a one-line string can hold without a closer look: printable ASCII and tab,
    /// except `"` and `\`.
    static let plainStringByte: UInt8 = 2
    /// Space and tab.
    static let blank: UInt8 = 4

    /// The table, allocated once for the life of the process and never written after that.
    nonisolated(unsafe) static let table: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        table.initialize(repeating: 0, count: 256)
        for byte in 0..<256 {
            var flags: UInt8 = 0
            let value = UInt8(byte)
            if IdentifierCharacters.isASCIIContinue(value) { flags |= identifierContinue }
            if (value >= 0x20 && value < 0x7F && value != 0x22 && value != 0x5C) || value == 0x09 { flags |= plainStringByte }
            if value == 0x20 || value == 0x09 { flags |= blank }
            table[byte] = flags
        }
        return UnsafePointer(table)
    }()
}
