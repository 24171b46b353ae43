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
        let length = 1 + depth * 2
        if let space = out.space(length) {
            space[0] = 0x0A
            (space + 1).update(repeating: 0x20, count: length - 1)
            out.commit(length)
            return
        }
        out.write(byte: 0x0A)
        out.write(repeating: 0x20, times: depth * 2)
    }

    public mutating func beginObject() {
        beforeValue()
        out.write(byte: 0x7B)
        push()
    }

    public mutating func endObject() {
        let had = pop()
        if had { newline() }
        out.write(byte: 0x7D)
    }

    public mutating func beginArray() {
        beforeValue()
        out.write(byte: 0x5B)
        push()
    }

    public mutating func endArray() {
        let had = pop()
        if had { newline() }
        out.write(byte: 0x5D)
    }

    /// Writes an object key. Keys are the emitters' own ASCII literals, never user text, so
    /// they are written without an escaping pass.
    public mutating func key(_ name: StaticString) {
        beforeValue()
        // `"name": ` behind one capacity check.
        let length = name.hasPointerRepresentation ? name.utf8CodeUnitCount : 0
        if name.hasPointerRepresentation, let space = out.space(length + 4) {
            space[0] = 0x22
            (space + 1).update(from: name.utf8Start, count: length)
            space[length + 1] = 0x22
            space[length + 2] = 0x3A
            space[length + 3] = 0x20
            out.commit(length + 4)
        } else {
            out.write(byte: 0x22)
            name.withUTF8Buffer { out.write(bytes: $0) }
            out.write(byte: 0x22)
            out.write(byte: 0x3A)
            out.write(byte: 0x20)
        }
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

    /// Writes a quoted string, copying runs that need no escaping in one go.
    private mutating func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        out.write(byte: 0x22)
        var runStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0x7F {
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
}
