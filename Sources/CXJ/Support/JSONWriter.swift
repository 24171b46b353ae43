/// Writes JSON as it goes: objects, arrays, keys and values in the order the emitter gives
/// them, indented by two spaces, with commas and escaping handled here. Output is byte-stable:
/// the same calls always give the same bytes.
public struct JSONWriter<Sink: OutputSink> {
    public var out: OutputWriter<Sink>
    /// For each open container, whether it has an element yet: one bit per level for the
    /// first 64 levels (all that cxj's documents use), an array beyond.
    private(set) var depth = 0
    private(set) var hasElementBits: UInt64 = 0
    private(set) var deeper: [Bool] = []
    private var afterKey = false

    @inline(__always) private var lastHasElement: Bool {
        depth > 64 ? deeper[depth - 65] : hasElementBits & (1 << UInt64(depth - 1)) != 0
    }

    @inline(__always) private mutating func markElement() {
        if depth > 64 { deeper[depth - 65] = true } else { hasElementBits |= 1 << UInt64(depth - 1) }
    }

    private mutating func push() {
        depth += 1
        if depth > 64 { deeper.append(false) } else { hasElementBits &= ~(1 << UInt64(depth - 1)) }
    }

    /// Closes a container; returns whether it had an element.
    private mutating func pop() -> Bool {
        let had = lastHasElement
        if depth > 64 { deeper.removeLast() }
        depth -= 1
        return had
    }

    public init(_ sink: Sink) {
        out = OutputWriter(sink)
    }

    /// A writer whose buffer is `buffer` (see `OutputWriter.init(_:buffer:)`).
    init(_ sink: Sink, buffer: ByteBuffer) {
        out = OutputWriter(sink, buffer: buffer)
    }

    /// Takes another writer's nesting (see `continuation`).
    mutating func adoptState(depth: Int, bits: UInt64, deeper: [Bool]) {
        self.depth = depth
        hasElementBits = bits
        self.deeper = deeper
        afterKey = false
    }

    /// Records that the current container has an element, written some other way.
    mutating func markElementWritten() {
        if depth > 0 { markElement() }
    }

    private mutating func beforeValue() {
        if afterKey {
            afterKey = false
            return
        }
        if depth > 0 {
            if lastHasElement { out.write(byte: 0x2C) }
            markElement()
            newline()
        }
    }

    private mutating func newline() {
        let indent = depth * 2
        if let space = out.space(JSONWriter.newlineRoom(indent)) {
            JSONWriter.putNewline(at: space, indent: indent)
            out.commit(indent + 1)
            return
        }
        out.write(byte: 0x0A)
        out.write(repeating: 0x20, times: indent)
    }

    /// Writes a newline and `indent` spaces at `space`, which has room for
    /// `JSONWriter.newlineRoom(indent)` bytes. Up to 32 spaces go down as four 8-byte stores,
    /// whatever the indentation (those past it are written but not counted): cheaper than the
    /// `memset` call a loop of stores becomes.
    @inline(__always)
    private static func putNewline(at space: UnsafeMutablePointer<UInt8>, indent: Int) {
        space[0] = 0x0A
        guard indent <= 32 else {
            putSpaces(at: space + 1, count: indent)
            return
        }
        let spaces = UnsafeMutableRawPointer(space + 1)
        let eight: UInt64 = 0x2020_2020_2020_2020
        spaces.storeBytes(of: eight, as: UInt64.self)
        spaces.storeBytes(of: eight, toByteOffset: 8, as: UInt64.self)
        spaces.storeBytes(of: eight, toByteOffset: 16, as: UInt64.self)
        spaces.storeBytes(of: eight, toByteOffset: 24, as: UInt64.self)
    }

    /// A deep indentation, out of line: inlined, its variable-length fill and the four fixed
    /// stores above were merged into one `memset` call for every newline.
    @inline(never)
    private static func putSpaces(at start: UnsafeMutablePointer<UInt8>, count: Int) {
        start.update(repeating: 0x20, count: count)
    }

    /// The room `putNewline` needs for an indentation, and `extra` bytes after it.
    @inline(__always)
    private static func newlineRoom(_ indent: Int, extra: Int = 0) -> Int {
        1 + max(indent, 32) + extra
    }

    public mutating func beginObject() {
        beforeValue()
        out.write(byte: 0x7B)
        push()
    }

    public mutating func endObject() {
        close(0x7D)
    }

    /// Closes a container with `bracket`, on a line of its own when it has elements, behind one
    /// capacity check.
    private mutating func close(_ bracket: UInt8) {
        let had = pop()
        guard had else {
            out.write(byte: bracket)
            return
        }
        let indent = depth * 2
        if let space = out.space(JSONWriter.newlineRoom(indent, extra: 1)) {
            JSONWriter.putNewline(at: space, indent: indent)
            space[indent + 1] = bracket
            out.commit(indent + 2)
            return
        }
        newline()
        out.write(byte: bracket)
    }

    public mutating func beginArray() {
        beforeValue()
        out.write(byte: 0x5B)
        push()
    }

    public mutating func endArray() {
        close(0x5D)
    }

    /// Writes an object key. Keys are the emitters' own ASCII literals, never user text, so
    /// they are written without an escaping pass.
    public mutating func key(_ name: StaticString) {
        // In an object of the first 64 levels (every key cxj writes): the comma, the newline,
        // the indentation and `"name": ` behind one capacity check.
        if !afterKey, depth > 0, depth <= 64, name.hasPointerRepresentation {
            let bit: UInt64 = 1 << UInt64(depth - 1)
            let comma = hasElementBits & bit != 0 ? 1 : 0
            let indent = depth * 2
            let length = name.utf8CodeUnitCount
            let total = comma + 1 + indent + length + 4
            if let space = out.space(comma + JSONWriter.newlineRoom(indent, extra: length + 4)) {
                hasElementBits |= bit
                space[0] = 0x2C
                JSONWriter.putNewline(at: space + comma, indent: indent)
                let quote = space + comma + 1 + indent
                quote[0] = 0x22
                OutputWriter<Sink>.copySmall(name.utf8Start, to: quote + 1, count: length)
                quote[length + 1] = 0x22
                quote[length + 2] = 0x3A
                quote[length + 3] = 0x20
                out.commit(total)
                afterKey = true
                return
            }
        }
        beforeValue()
        out.write(byte: 0x22)
        out.write(name)
        out.write(byte: 0x22)
        out.write(byte: 0x3A)
        out.write(byte: 0x20)
        afterKey = true
    }

    public mutating func string(_ value: String) {
        beforeValue()
        writeString(value)
    }

    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    public mutating func int(_ value: Int) {
        beforeValue()
        writeDigits(value)
    }

    /// Writes a whole number's decimal digits without making a `String`.
    private mutating func writeDigits(_ value: Int) {
        if value < 0 { out.write(byte: 0x2D) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            let count = Format.writeDigits(value.magnitude, into: buffer, at: 0)
            out.write(bytes: UnsafeBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    public mutating func int(_ value: Int?) {
        if let value { int(value) } else { null() }
    }

    /// A number: whole values without a fraction, others in their shortest exact form.
    public mutating func number(_ value: Double) {
        beforeValue()
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            writeDigits(Int(value))
        } else if let (scaled, fractionDigits) = JSONWriter.shortDecimal(value) {
            writeDecimal(scaled, fractionDigits: fractionDigits)
        } else {
            out.write(JSONWriter.format(value))
        }
    }

    /// For a value that is exactly the `Double` of a decimal with one or two fraction digits
    /// (a score such as 3.5, a share such as 0.25), that decimal as an integer and its number
    /// of fraction digits. That decimal is then the value's shortest exact form, the one
    /// `String(value)` gives: below 2^40 two such decimals never round to the same `Double`, and
    /// from 0.01 up `String` writes no exponent. Nil otherwise. Scores and gaps are most of a
    /// large journey's numbers, and `String(value)` cost a few hundred instructions and an
    /// allocation each.
    static func shortDecimal(_ value: Double) -> (scaled: Int, fractionDigits: Int)? {
        let magnitude = abs(value)
        guard magnitude >= 0.01, magnitude < 0x1p40 else { return nil }
        let tenths = (value * 10).rounded()
        if tenths / 10 == value { return (Int(tenths), 1) }
        let hundredths = (value * 100).rounded()
        if hundredths / 100 == value { return (Int(hundredths), 2) }
        return nil
    }

    /// Writes `scaled` / 10^`fractionDigits` with exactly that many fraction digits.
    private mutating func writeDecimal(_ scaled: Int, fractionDigits: Int) {
        if scaled < 0 { out.write(byte: 0x2D) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var divisor: UInt = 1
            for _ in 0..<fractionDigits { divisor *= 10 }
            var count = Format.writeDigits(scaled.magnitude / divisor, into: buffer, at: 0)
            buffer[count] = 0x2E
            var fraction = scaled.magnitude % divisor
            for position in stride(from: count + fractionDigits, to: count, by: -1) {
                buffer[position] = 0x30 + UInt8(fraction % 10)
                fraction /= 10
            }
            count += 1 + fractionDigits
            out.write(bytes: UnsafeBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    public mutating func number(_ value: Double?) {
        if let value { number(value) } else { null() }
    }

    public mutating func bool(_ value: Bool) {
        beforeValue()
        out.write(value ? "true" : "false")
    }

    public mutating func null() {
        beforeValue()
        out.write("null")
    }

    /// `"key": value` shorthands.
    public mutating func field(_ name: StaticString, _ value: String?) { key(name); string(value) }
    public mutating func field(_ name: StaticString, _ value: Int?) { key(name); int(value) }
    public mutating func field(_ name: StaticString, _ value: Double?) { key(name); number(value) }
    public mutating func field(_ name: StaticString, _ value: Bool) { key(name); bool(value) }

    public mutating func field(_ name: StaticString, strings values: [String]) {
        key(name)
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    /// Ends the document with a newline and returns the sink.
    public mutating func finish() -> Sink {
        out.write(byte: 0x0A)
        return out.finish()
    }

    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    private mutating func writeString(_ value: String) {
        var value = value
        value.withUTF8 { writeEscaped($0) }
    }

    /// A string given as UTF-8 bytes, such as a name or label straight from the source.
    public mutating func string(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        beforeValue()
        writeEscaped(bytes)
    }

    /// Writes a quoted string. Most strings need no escaping: they are copied and checked in
    /// one pass behind one capacity check. From the first byte that needs escaping on, runs
    /// that need none are copied in one go.
    private mutating func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        var clean = 0
        if let source = bytes.baseAddress, let space = out.space(bytes.count + 2) {
            space[0] = 0x22
            let target = space + 1
            while clean < bytes.count {
                let byte = source[clean]
                if JSONWriter.needsEscape(byte) { break }
                target[clean] = byte
                clean &+= 1
            }
            if clean == bytes.count {
                target[clean] = 0x22
                out.commit(clean + 2)
                return
            }
            out.commit(clean + 1)
        } else {
            out.write(byte: 0x22)
        }
        var runStart = clean
        var index = clean
        while index < bytes.count {
            let byte = bytes[index]
            if !JSONWriter.needsEscape(byte) {
                index += 1
                continue
            }
            out.write(bytes: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            switch byte {
            case 0x22: out.write("\\\"")
            case 0x5C: out.write("\\\\")
            case 0x0A: out.write("\\n")
            case 0x0D: out.write("\\r")
            case 0x09: out.write("\\t")
            default:
                let hex = String(byte, radix: 16, uppercase: false)
                out.write("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            }
            index += 1
            runStart = index
        }
        out.write(bytes: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        out.write(byte: 0x22)
    }

    /// Whether a byte of a string must be escaped: a control character, `"` or `\`.
    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F
    }
}
