/// Decoding of single Unicode scalars straight from UTF-8 bytes.
///
/// The lexer and the position helpers work on bytes; this is the one place that knows how a
/// scalar is encoded, and it rejects overlong forms, surrogates and values past U+10FFFF.
enum UTF8Decoding {
    /// Decodes the scalar starting at `index`, or returns nil when the bytes there are not
    /// valid UTF-8. `length` is the number of bytes the scalar occupies.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: UInt32, length: Int)? {
        let first = bytes[index]
        if first < 0x80 { return (UInt32(first), 1) }
        let count = bytes.count
        if first >= 0xC2 && first <= 0xDF {
            guard index + 1 < count, isContinuation(bytes[index + 1]) else { return nil }
            return ((UInt32(first & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F), 2)
        }
        if first >= 0xE0 && first <= 0xEF {
            guard index + 2 < count, isContinuation(bytes[index + 1]), isContinuation(bytes[index + 2]) else { return nil }
            let scalar = (UInt32(first & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
            if scalar < 0x800 || (scalar >= 0xD800 && scalar <= 0xDFFF) { return nil }
            return (scalar, 3)
        }
        if first >= 0xF0 && first <= 0xF4 {
            guard index + 3 < count, isContinuation(bytes[index + 1]), isContinuation(bytes[index + 2]),
                  isContinuation(bytes[index + 3]) else { return nil }
            let scalar = (UInt32(first & 0x07) << 18) | (UInt32(bytes[index + 1] & 0x3F) << 12)
                | (UInt32(bytes[index + 2] & 0x3F) << 6) | UInt32(bytes[index + 3] & 0x3F)
            if scalar < 0x10000 || scalar > 0x10FFFF { return nil }
            return (scalar, 4)
        }
        return nil
    }

    @inline(__always)
    static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    /// Decodes every scalar of a byte slice, turning invalid bytes into U+FFFD.
    static func scalars(_ bytes: ArraySlice<UInt8>) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(bytes.count)
        Array(bytes).withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                if let (scalar, length) = decode(buffer, at: index) {
                    result.append(scalar)
                    index += length
                } else {
                    result.append(0xFFFD)
                    index += 1
                }
            }
        }
        return result
    }
}
