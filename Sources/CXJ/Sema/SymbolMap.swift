/// A map from symbols to small integers (a file's catalogue entries by name).
///
/// Open addressing with a multiplicative hash: a lookup is a multiply, a mask and a compare
/// or two, where a `Dictionary<Int32, Int32>` hashes with SipHash (~150 instructions). Each
/// step, action and touchpoint looks up its channel, owner or system here.
struct SymbolMap: Sendable {
    /// Each slot holds a symbol plus one in its high half and the value in its low half;
    /// 0 is an empty slot.
    private var slots = [UInt64](filling: 0, count: 16)
    private(set) var count = 0

    subscript(symbol: Int32) -> Int32? {
        get {
            guard symbol >= 0 else { return nil }
            let key = UInt64(UInt32(symbol) &+ 1) << 32
            let mask = slots.count - 1
            var slot = SymbolMap.slot(of: symbol, mask: mask)
            while true {
                let entry = slots[slot]
                if entry == 0 { return nil }
                if entry & 0xFFFF_FFFF_0000_0000 == key { return Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) }
                slot = (slot + 1) & mask
            }
        }
        set {
            guard symbol >= 0 else { return }
            precondition(newValue != nil, "entries are never removed")
            insert(symbol, UInt32(bitPattern: newValue!))
        }
    }

    private mutating func insert(_ symbol: Int32, _ value: UInt32) {
        let key = UInt64(UInt32(symbol) &+ 1) << 32
        let mask = slots.count - 1
        var slot = SymbolMap.slot(of: symbol, mask: mask)
        while slots[slot] != 0 && slots[slot] & 0xFFFF_FFFF_0000_0000 != key { slot = (slot + 1) & mask }
        if slots[slot] == 0 { count += 1 }
        slots[slot] = key | UInt64(value)
        if count * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](filling: 0, count: old.count * 2)
        count = 0
        for entry in old where entry != 0 {
            insert(Int32(truncatingIfNeeded: (entry >> 32) - 1), UInt32(truncatingIfNeeded: entry & 0xFFFF_FFFF))
        }
    }

    @inline(__always)
    private static func slot(of symbol: Int32, mask: Int) -> Int {
        // Fibonacci hashing: the high bits of the product are well mixed.
        Int(truncatingIfNeeded: (UInt64(UInt32(symbol)) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }
}
