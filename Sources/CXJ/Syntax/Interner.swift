/// Gives each distinct identifier of a file a small integer, its symbol.
///
/// Names are stored once, back to back, in one byte buffer; a power-of-two open-addressing
/// table maps a name's bytes to its symbol. Lookups hash bytes, so no `String` is built while
/// parsing, and comparing two identifiers later is comparing two integers.
public struct Interner: Sendable {
    private var storage: [UInt8] = []
    private var starts: [Int32] = [0]
    private var hashes: [UInt32] = []
    private var slots: [Int32] = [Int32](repeating: -1, count: 256)

    public init() {}

    /// The number of distinct names.
    public var count: Int { hashes.count }

    /// Returns the symbol for `bytes`, adding the name if it is new.
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Interner.hash(bytes)
        var slot = Int(hash) & (slots.count - 1)
        while true {
            let symbol = slots[slot]
            if symbol < 0 { break }
            if hashes[Int(symbol)] == hash && equals(Int(symbol), bytes) { return symbol }
            slot = (slot + 1) & (slots.count - 1)
        }
        let symbol = Int32(hashes.count)
        storage.append(contentsOf: bytes)
        starts.append(Int32(storage.count))
        hashes.append(hash)
        slots[slot] = symbol
        if hashes.count * 2 > slots.count { grow() }
        return symbol
    }

    /// Returns the symbol for `name` if the file uses it, without adding it.
    public func lookup(_ name: String) -> Int32? {
        var utf8 = Array(name.utf8)
        return utf8.withUnsafeMutableBufferPointer { buffer in lookup(UnsafeBufferPointer(buffer)) }
    }

    func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Interner.hash(bytes)
        var slot = Int(hash) & (slots.count - 1)
        while true {
            let symbol = slots[slot]
            if symbol < 0 { return nil }
            if hashes[Int(symbol)] == hash && equals(Int(symbol), bytes) { return symbol }
            slot = (slot + 1) & (slots.count - 1)
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
        var larger = [Int32](repeating: -1, count: slots.count * 2)
        for symbol in 0..<hashes.count {
            var slot = Int(hashes[symbol]) & (larger.count - 1)
            while larger[slot] >= 0 { slot = (slot + 1) & (larger.count - 1) }
            larger[slot] = Int32(symbol)
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
