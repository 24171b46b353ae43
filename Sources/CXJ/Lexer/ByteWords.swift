/// Byte classes tested eight bytes at a time, in one 64-bit word (SWAR), for the lexer's
/// loops over runs of identifier characters and of a string's plain bytes: the
/// byte-at-a-time loops took 6% of the instructions of checking a dense journey, and their
/// exits were branches mispredicted once a word.
///
/// Each test works on the low seven bits of every byte, so no sum carries into the next byte;
/// a byte with its top bit set (UTF-8 beyond ASCII) belongs to no class here.
enum ByteWords {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let tops: UInt64 = 0x8080_8080_8080_8080

    /// The top bit of each byte of `low` (bytes below 0x80) that lies in `first...last`.
    @inline(__always)
    private static func within(_ low: UInt64, _ first: UInt8, _ last: UInt8) -> UInt64 {
        let atLeastFirst = low &+ UInt64(0x80 - first) &* ones
        let aboveLast = low &+ UInt64(0x7F - last) &* ones
        return atLeastFirst & ~aboveLast & tops
    }

    /// How many of the 8 bytes at `bytes`, from the first, continue an identifier (ASCII
    /// letters, digits and `_`, as `ByteClasses.identifierContinue`): 0 to 8.
    @inline(__always)
    static func identifierRun(at bytes: UnsafeRawPointer) -> Int {
        let word = UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
        let low = word & ~tops
        let continues = (within(low, 0x61, 0x7A) | within(low, 0x41, 0x5A) | within(low, 0x30, 0x39)
            | within(low, 0x5F, 0x5F)) & ~word
        return leading(continues)
    }

    /// How many of the 8 bytes at `bytes`, from the first, a one-line string holds without a
    /// closer look (as `ByteClasses.plainStringByte`: printable ASCII and tab, except `"`
    /// and `\`): 0 to 8.
    @inline(__always)
    static func plainStringRun(at bytes: UnsafeRawPointer) -> Int {
        let word = UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
        let low = word & ~tops
        let printable = within(low, 0x20, 0x7E) & ~within(low, 0x22, 0x22) & ~within(low, 0x5C, 0x5C)
        return leading((printable | within(low, 0x09, 0x09)) & ~word)
    }

    /// Where the run of bytes of class `flag` (of `ByteClasses`) that starts at `position`
    /// ends: eight bytes at a time with `wordRun` (the same class, tested as a word) while
    /// eight remain, then byte by byte with the table.
    @inline(__always)
    static func runEnd(from position: Int, of flag: UInt8, in base: UnsafePointer<UInt8>, count: Int,
                       classes: UnsafePointer<UInt8>, wordRun: (UnsafeRawPointer) -> Int) -> Int {
        var position = position
        while position &+ 8 <= count {
            let run = wordRun(UnsafeRawPointer(base + position))
            position &+= run
            if run < 8 { return position }
        }
        while position < count && classes[Int(base[position])] & flag != 0 { position &+= 1 }
        return position
    }

    /// The number of bytes before the first whose top bit is clear in `marks`.
    @inline(__always)
    private static func leading(_ marks: UInt64) -> Int {
        let stops = ~marks & tops
        return stops == 0 ? 8 : stops.trailingZeroBitCount >> 3
    }
}
