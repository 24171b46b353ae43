/// Gives each distinct identifier of a file a small integer, its symbol.
///
/// Names are stored once, back to back, in one byte buffer; a power-of-two open-addressing
/// table maps a name's bytes to its symbol. Lookups hash bytes, so no `String` is built while
/// parsing, and comparing two identifiers later is comparing two integers.
public struct Interner: Sendable {
    private var storage: [UInt8] = []
    private var starts: [Int32] = [0]
    /// Each slot holds a name's hash in its high half and its symbol plus one in its low half
    /// (0 is an empty slot), so that a probe reads one word: a mismatch costs no further loads.
    private var slots: [UInt64] = [UInt64](repeating: 0, count: 256)

    public init() {}

    /// The number of distinct names.
    public var count: Int { starts.count - 1 }

    /// Returns the symbol for `bytes`, adding the name if it is new.
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Interner.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if UInt32(truncatingIfNeeded: entry >> 32) == hash {
                let symbol = Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if equals(Int(symbol), bytes) { return symbol }
            }
            slot = (slot + 1) & mask
        }
        let symbol = Int32(count)
        storage.append(contentsOf: bytes)
        starts.append(Int32(storage.count))
        slots[slot] = UInt64(hash) << 32 | UInt64(symbol + 1)
        if count * 2 > slots.count { grow() }
        return symbol
    }

    /// Returns the symbol for `name` if the file uses it, without adding it.
    public func lookup(_ name: String) -> Int32? {
        var utf8 = Array(name.utf8)
        return utf8.withUnsafeMutableBufferPointer { buffer in lookup(UnsafeBufferPointer(buffer)) }
    }

    func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Interner.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if UInt32(truncatingIfNeeded: entry >> 32) == hash {
                let symbol = Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if equals(Int(symbol), bytes) { return symbol }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Calls `body` with the UTF-8 bytes of a symbol's name.
    public func withBytes<Result>(_ symbol: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let index = Int(symbol)
        return storage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(starts[index])..<Int(starts[index + 1])])) }
    }

    /// The name of a symbol.
    public func name(_ symbol: Int32) -> String {
        let index = Int(symbol)
        return String(decoding: storage[Int(starts[index])..<Int(starts[index + 1])], as: UTF8.self)
    }

    private func equals(_ symbol: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[symbol])
        let end = Int(starts[symbol + 1])
        guard end - start == bytes.count else { return false }
        return storage.withUnsafeBufferPointer { stored in
            var index = 0
            while index < bytes.count {
                if stored[start + index] != bytes[index] { return false }
                index += 1
            }
            return true
        }
    }

    private mutating func grow() {
        var larger = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        for entry in slots where entry != 0 {
            var slot = Int(entry >> 32) & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = entry
        }
        slots = larger
    }

    /// FNV-1a, 32 bits.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        return hash
    }
}
