/// A sink that escapes, on the way through, every character `Visible` calls unsafe except
/// the line feed: reports for terminals and Markdown can then never carry a raw escape
/// sequence from a label. A character split across two writes is held back until the next.
struct VisibleSink<Base: OutputSink>: OutputSink {
    private(set) var base: Base
    /// The start of a multi-byte sequence that the previous write ended in.
    private var carry: [UInt8] = []

    init(_ base: Base) {
        self.base = base
    }

    mutating func write(_ bytes: UnsafeRawBufferPointer) {
        var input = carry
        carry = []
        input.append(contentsOf: bytes)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == 0xC2 || byte == 0xE2 {
                let length = byte == 0xC2 ? 2 : 3
                if index + length > input.count {
                    carry = Array(input[index...])
                    break
                }
                let value = byte == 0xC2
                    ? UInt32(input[index + 1] & 0x3F) | 0x80
                    : (UInt32(byte & 0x0F) << 12) | (UInt32(input[index + 1] & 0x3F) << 6) | UInt32(input[index + 2] & 0x3F)
                if Visible.isUnsafe(value) {
                    output.append(contentsOf: Visible.escaped(value).utf8)
                } else {
                    output.append(contentsOf: input[index..<index + length])
                }
                index += length
            } else if (byte < 0x20 && byte != 0x0A) || byte == 0x7F {
                output.append(contentsOf: Visible.escaped(UInt32(byte)).utf8)
                index += 1
            } else {
                output.append(byte)
                index += 1
            }
        }
        output.withUnsafeBytes { base.write($0) }
    }

    /// Hands over what is held back and returns the wrapped sink.
    mutating func finish() -> Base {
        if !carry.isEmpty { carry.withUnsafeBytes { base.write($0) } }
        carry = []
        return base
    }
}
