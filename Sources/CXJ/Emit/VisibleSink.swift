/// A sink that escapes, on the way through, every character `Visible` calls unsafe except
/// the line feed: reports for terminals and Markdown can then never carry a raw escape
/// sequence from a label. A character split across two writes is held back until the next.
///
/// Runs of safe bytes go to the wrapped sink as they are, without a copy: a byte at a time
/// into a fresh array, this sink was a twentieth of `cxj compile --to text` over 1,000 files.
struct VisibleSink<Base: OutputSink>: OutputSink {
    private(set) var base: Base
    /// The start of a multi-byte sequence that the previous write ended in.
    private var carry: [UInt8] = []

    init(_ base: Base) {
        self.base = base
    }

    mutating func write(_ bytes: UnsafeRawBufferPointer) {
        guard carry.isEmpty else {
            var input = carry
            carry = []
            input.append(contentsOf: bytes)
            input.withUnsafeBytes { pass($0) }
            return
        }
        pass(bytes)
    }

    /// Hands `input` on, escaping what is unsafe; keeps an unfinished sequence at its end.
    private mutating func pass(_ input: UnsafeRawBufferPointer) {
        var run = 0
        var index = 0
        let count = input.count
        while index < count {
            let byte = input[index]
            if byte == 0xC2 || byte == 0xE2 {
                // U+0080–U+009F, U+202A–U+202E and U+2066–U+2069 start with one of these.
                let length = byte == 0xC2 ? 2 : 3
                if index + length > count {
                    flush(input, from: run, to: index)
                    carry = Array(input[index...])
                    return
                }
                let value = byte == 0xC2
                    ? UInt32(input[index + 1] & 0x3F) | 0x80
                    : (UInt32(byte & 0x0F) << 12) | (UInt32(input[index + 1] & 0x3F) << 6) | UInt32(input[index + 2] & 0x3F)
                if Visible.isUnsafe(value) {
                    flush(input, from: run, to: index)
                    escape(value)
                    run = index + length
                }
                index += length
            } else if (byte < 0x20 && byte != 0x0A) || byte == 0x7F {
                flush(input, from: run, to: index)
                escape(UInt32(byte))
                index += 1
                run = index
            } else {
                index += 1
            }
        }
        flush(input, from: run, to: count)
    }

    private mutating func flush(_ input: UnsafeRawBufferPointer, from start: Int, to end: Int) {
        if start < end { base.write(UnsafeRawBufferPointer(rebasing: input[start..<end])) }
    }

    private mutating func escape(_ value: UInt32) {
        var text = Visible.escaped(value)
        text.withUTF8 { base.write(UnsafeRawBufferPointer($0)) }
    }

    /// Hands over what is held back and returns the wrapped sink.
    mutating func finish() -> Base {
        if !carry.isEmpty { carry.withUnsafeBytes { base.write($0) } }
        carry = []
        return base
    }
}
