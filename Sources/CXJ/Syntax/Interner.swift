import CXJSystem
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Gives each distinct identifier of a file a small integer, its symbol.
///
/// Names are stored once, back to back, in one byte buffer; a power-of-two open-addressing
/// table maps a name's bytes to its symbol. Lookups hash bytes, so no `String` is built while
/// parsing, and comparing two identifiers later is comparing two integers.
public struct Interner: Sendable {
    /// The names' bytes, back to back: the first `byteCount` (the last of `starts`); after
    /// them, zeros, room for the next (`storeName`). `append(contentsOf:)` took about 90
    /// instructions a name, most of them its generic path.
    private var storage: [UInt8] = []
    private var starts: [Int32] = Interner.noStarts
    /// A table of 2^k slots, at most half full. Each slot holds a symbol plus one in its low
    /// k bits (0 is an empty slot) and the name's hash above bit k in the rest (`entry`), so
    /// that a probe reads one word and a mismatch almost never reads the name. At most half
    /// full, a table of 2^k slots names at most 2^(k-1) symbols, which fit in k bits; the hash's
    /// low k bits are the slot it starts from, and the other 32 - k tell names apart. Four
    /// bytes a slot where a whole hash beside the symbol took eight: the 197,278 names of a
    /// dense 20 MB journey need 2^19 slots, 2 MiB instead of 4. Growing hashes every name
    /// again, since a slot keeps only part of its hash.
    ///
    /// It starts with 64 slots (256 bytes), room for 32 names: a small journey has 30-40, and
    /// 256 slots took 2 KB of every file, a tenth of the memory of checking 1,000 small files.
    private var slots: [UInt32] = Interner.emptyTables.mine

    /// What a new interner starts from, shared until it interns a name: an empty tree (a file
    /// handed back once checked, a slot waiting for its parse) allocates nothing. The table is
    /// one per thread (`PerThreadCopies`): every new interner retains it, and one for both
    /// threads had its count written by both. (`noStarts`, a constant, is no object counted.)
    private static let noStarts: [Int32] = [0]
    private static let emptyTables = PerThreadCopies([UInt32](filling: 0, count: 64)) { $0.map { $0 } }

    public init() {}

    /// The number of distinct names.
    public var count: Int { starts.count - 1 }

    /// Returns the symbol for `name`, adding it if it is new.
    mutating func intern(_ name: String) -> Int32 {
        var name = name
        return name.withUTF8 { intern($0) }
    }

    /// Returns the symbol for `bytes`, adding the name if it is new.
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        if slots.isEmpty { rebuildTable() }
        let hash = Interner.hash(bytes)
        let (found, slot) = probe(bytes, hash: hash)
        if let found { return found }
        let symbol = Int32(count)
        starts.append(storeName(bytes))
        slots[slot] = Interner.entry(symbol, hash: hash, slots: slots.count)
        if count * 2 > slots.count { grow() }
        return symbol
    }

    /// Adds another interner's names and returns, for each of its symbols, the symbol here:
    /// names already present keep theirs, new ones are numbered in the other's order, exactly as
    /// interning them one by one would number them. Used to merge a split parse's second half
    /// (100,000 names for a dense 20 MB journey, which took 10–18 ms one by one on one thread).
    ///
    /// Every name is first hashed and looked up, read-only, on two threads when there are many;
    /// then the new names are stored in runs (one copy per run of consecutive new names) and
    /// put in the table, which is sized once, without comparing: they are absent and distinct.
    mutating func merge(_ other: Interner) -> [Int32] {
        let names = other.count
        guard names > 0 else { return [] }
        if slots.isEmpty { rebuildTable() }
        var hashes = [UInt32](filling: 0, count: names)
        var found = [Int32](filling: -1, count: names)
        // The snapshot shares this interner's arrays only while the lookups run: it is gone
        // before they change, so that changing them copies nothing.
        do {
            let snapshot = self
            hashes.withUnsafeMutableBufferPointer { hashes in
                found.withUnsafeMutableBufferPointer { found in
                    nonisolated(unsafe) let hashBase = hashes.baseAddress!
                    nonisolated(unsafe) let foundBase = found.baseAddress!
                    // Each thread takes its pointers once: touching the shared arrays' reference
                    // counts per name from two threads would cost more than the lookups.
                    let lookUp = { (range: Range<Int>) in
                        snapshot.withTables { table, starts, stored in
                            other.storage.withUnsafeBufferPointer { bytes in
                                other.starts.withUnsafeBufferPointer { bounds in
                                    Interner.lookUp(range, names: bytes, bounds: bounds, hashes: hashBase, found: foundBase,
                                                    table: table, starts: starts, stored: stored)
                                }
                            }
                        }
                    }
                    if names >= Interner.namesWorthASecondThread && Parallel.hasSeveralCores {
                        let helper = BackgroundThread { lookUp(names / 2..<names) }
                        lookUp(0..<names / 2)
                        helper.join()
                    } else {
                        lookUp(0..<names)
                    }
                }
            }
        }
        let added = found.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
        makeRoom(forNames: count + added)
        // Growing by half, not to the exact size: a file checked in parts merges a part's
        // names at a time (an exact reservation copied the whole storage at every part).
        if byteCount + other.byteCount > storage.count { makeRoom(forBytes: byteCount + other.byteCount) }
        Interner.reserve(&starts, starts.count + added)
        var symbols = [Int32](filling: 0, count: names)
        other.storage.withUnsafeBufferPointer { bytes in
            other.starts.withUnsafeBufferPointer { bounds in
                var symbol = 0
                while symbol < names {
                    if found[symbol] >= 0 {
                        symbols[symbol] = found[symbol]
                        symbol += 1
                        continue
                    }
                    var end = symbol
                    while end < names && found[end] < 0 { end += 1 }
                    let shift = Int32(byteCount) - bounds[symbol]
                    _ = storeName(UnsafeBufferPointer(rebasing: bytes[Int(bounds[symbol])..<Int(bounds[end])]))
                    for new in symbol..<end {
                        let assigned = Int32(count)
                        starts.append(bounds[new + 1] + shift)
                        insertAbsent(assigned, hash: hashes[new])
                        symbols[new] = assigned
                    }
                    symbol = end
                }
            }
        }
        return symbols
    }

    /// Hashes and looks up the names `range` of a merged interner (`names`, `bounds`) in a
    /// table, a batch at a time: a batch's names are hashed and their first slots prefetched,
    /// then looked up. A large file's table is larger than the caches (2 MiB for a dense 20 MB
    /// journey, merged a part at a time), and one name looked up after another waited on each
    /// slot's cache miss in turn.
    private static func lookUp(_ range: Range<Int>, names: UnsafeBufferPointer<UInt8>, bounds: UnsafeBufferPointer<Int32>,
                               hashes: UnsafeMutablePointer<UInt32>, found: UnsafeMutablePointer<Int32>,
                               table: UnsafeBufferPointer<UInt32>, starts: UnsafeBufferPointer<Int32>,
                               stored: UnsafeBufferPointer<UInt8>) {
        let mask = table.count - 1
        var batch = range.lowerBound
        while batch < range.upperBound {
            let batchEnd = min(batch + Interner.lookUpBatch, range.upperBound)
            for symbol in batch..<batchEnd {
                let hash = Interner.hash(UnsafeBufferPointer(rebasing: names[Int(bounds[symbol])..<Int(bounds[symbol + 1])]))
                hashes[symbol] = hash
                cxj_prefetch(table.baseAddress! + (Int(hash) & mask))
            }
            for symbol in batch..<batchEnd {
                let name = UnsafeBufferPointer(rebasing: names[Int(bounds[symbol])..<Int(bounds[symbol + 1])])
                found[symbol] = Interner.probe(name, hash: hashes[symbol], table: table, starts: starts, stored: stored).0 ?? -1
            }
            batch = batchEnd
        }
    }

    /// How many names `lookUp` hashes and prefetches before it looks them up.
    static let lookUpBatch = 64

    /// Below this many names a merge looks them up on one thread.
    static let namesWorthASecondThread = 16_384

    /// Puts a symbol whose name is known to be absent in the first empty slot of its probe
    /// sequence. The table must have room (see `merge`).
    private mutating func insertAbsent(_ symbol: Int32, hash: UInt32) {
        slots.withUnsafeMutableBufferPointer { table in Interner.insertAbsent(symbol, hash: hash, into: table) }
    }

    @inline(__always)
    private static func insertAbsent(_ symbol: Int32, hash: UInt32, into table: UnsafeMutableBufferPointer<UInt32>) {
        let mask = table.count - 1
        var slot = Int(hash) & mask
        while table[slot] != 0 { slot = (slot + 1) & mask }
        table[slot] = entry(symbol, hash: hash, slots: table.count)
    }

    /// A slot's word for a symbol in a table of `slots` (a power of two) slots: the symbol plus
    /// one below bit k, the hash's bits from k up above it.
    @inline(__always)
    private static func entry(_ symbol: Int32, hash: UInt32, slots: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: symbol + 1) | tag(hash, slots: slots)
    }

    /// The bits of `hash` a slot keeps beside its symbol: those from k up, in place.
    @inline(__always)
    private static func tag(_ hash: UInt32, slots: Int) -> UInt32 {
        let shift = slots.trailingZeroBitCount
        return shift < 32 ? (hash >> UInt32(shift)) << UInt32(shift) : 0
    }

    /// The symbol of `bytes` if present, and otherwise the empty slot where it would go.
    /// Reads the table and the names through unchecked pointers: the mask keeps every slot in
    /// range, and `starts` holds an end for every symbol a slot names.
    @inline(__always)
    private func probe(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt32) -> (Int32?, Int) {
        withTables { table, starts, stored in Interner.probe(bytes, hash: hash, table: table, starts: starts, stored: stored) }
    }

    /// Calls `body` with the table, the name bounds and the name bytes.
    @inline(__always)
    private func withTables<Result>(_ body: (UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<Int32>, UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        slots.withUnsafeBufferPointer { table in
            starts.withUnsafeBufferPointer { starts in
                storage.withUnsafeBufferPointer { stored in body(table, starts, stored) }
            }
        }
    }

    @inline(__always)
    private static func probe(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt32, table: UnsafeBufferPointer<UInt32>,
                              starts: UnsafeBufferPointer<Int32>, stored: UnsafeBufferPointer<UInt8>) -> (Int32?, Int) {
        let mask = table.count - 1
        let symbolBits = UInt32(truncatingIfNeeded: mask)
        let tag = Interner.tag(hash, slots: table.count)
        var slot = Int(hash) & mask
        while true {
            let entry = table[slot]
            if entry == 0 { return (nil, slot) }
            if entry & ~symbolBits == tag {
                let symbol = Int(entry & symbolBits) - 1
                let start = Int(starts[symbol])
                let length = Int(starts[symbol + 1]) - start
                if length == bytes.count
                    && (length == 0 || sameBytes(stored.baseAddress! + start, bytes.baseAddress!, length)) {
                    return (Int32(symbol), slot)
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Whether `count` bytes at `a` and `b` are equal: eight at a time, then the last one to
    /// seven as at most a load of four, one of two and one of one (as `hash` reads them; one at
    /// a time took six instructions a byte). Names are a word or two long, where a call to
    /// `memcmp` cost more than the comparison.
    @inline(__always)
    static func sameBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let a = UnsafeRawPointer(a)
        let b = UnsafeRawPointer(b)
        var index = 0
        while index + 8 <= count {
            if a.loadUnaligned(fromByteOffset: index, as: UInt64.self) != b.loadUnaligned(fromByteOffset: index, as: UInt64.self) {
                return false
            }
            index += 8
        }
        if count - index >= 4 {
            if a.loadUnaligned(fromByteOffset: index, as: UInt32.self) != b.loadUnaligned(fromByteOffset: index, as: UInt32.self) {
                return false
            }
            index += 4
        }
        if count - index >= 2 {
            if a.loadUnaligned(fromByteOffset: index, as: UInt16.self) != b.loadUnaligned(fromByteOffset: index, as: UInt16.self) {
                return false
            }
            index += 2
        }
        return index == count || a.load(fromByteOffset: index, as: UInt8.self) == b.load(fromByteOffset: index, as: UInt8.self)
    }

    /// Returns the symbol for `name` if the file uses it, without adding it.
    public func lookup(_ name: String) -> Int32? {
        var utf8 = Array(name.utf8)
        return utf8.withUnsafeMutableBufferPointer { buffer in lookup(UnsafeBufferPointer(buffer)) }
    }

    func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard !slots.isEmpty else {
            // Dropped (`dropLookupTable`): a copy with the table built again, once per call.
            var copy = self
            copy.rebuildTable()
            return copy.lookup(bytes)
        }
        return probe(bytes, hash: Interner.hash(bytes)).0
    }

    /// Drops the table that finds a name's symbol, keeping the names: a checked file only
    /// spells its symbols (`name`, `withBytes`), and the table is much of the memory of a large
    /// file's names (2 MiB of 4 for the 197,278 names of a dense 20 MB journey: 4 bytes a slot,
    /// at most half of them used). `intern`, `merge` and `reserveCapacity` build it again first;
    /// `lookup` builds a copy of it, for each call.
    mutating func dropLookupTable() {
        slots = []
    }

    /// Builds the table again from the names (after `dropLookupTable`).
    private mutating func rebuildTable() {
        var size = 64
        while count * 2 > size { size *= 2 }
        rehash(into: size)
    }

    /// Calls `body` with the UTF-8 bytes of a symbol's name.
    public func withBytes<Result>(_ symbol: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let index = Int(symbol)
        return storage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(starts[index])..<Int(starts[index + 1])])) }
    }

    /// Calls `body` with every name, by symbol, read through pointers valid while it runs.
    func withNames<Result>(_ body: (ByteStrings.View) -> Result) -> Result {
        storage.withUnsafeBufferPointer { storage in
            starts.withUnsafeBufferPointer { starts in body(ByteStrings.View(bytes: storage, starts: starts)) }
        }
    }

    /// The name of a symbol.
    public func name(_ symbol: Int32) -> String {
        let index = Int(symbol)
        return String(decoding: storage[Int(starts[index])..<Int(starts[index + 1])], as: UTF8.self)
    }

    /// Makes room for about `names` names of `bytes` bytes in all, so that adding them
    /// neither rehashes the table nor copies the storage.
    mutating func reserveCapacity(names: Int, bytes: Int) {
        makeRoom(forNames: names)
        if bytes > storage.count { makeRoom(forBytes: bytes) }
        starts.reserveCapacity(names + 1)
    }

    /// Sizes the table for `names` names at most half full, rehashing once.
    private mutating func makeRoom(forNames names: Int) {
        if slots.isEmpty { rebuildTable() }
        var size = slots.count
        while names * 2 > size { size *= 2 }
        if size > slots.count { rehash(into: size) }
    }

    /// The bytes of all the names.
    var byteCount: Int { Int(starts[starts.count - 1]) }

    /// Copies `bytes` after the names, into the room that follows them, and returns where they
    /// end. The caller records that end in `starts`.
    @inline(__always)
    private mutating func storeName(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let start = byteCount
        let end = start + bytes.count
        if end > storage.count { makeRoom(forBytes: end) }
        if let source = bytes.baseAddress, bytes.count > 0 {
            storage.withUnsafeMutableBufferPointer { storage in
                let target = storage.baseAddress! + start
                if bytes.count <= 16 {
                    for index in 0..<bytes.count { target[index] = source[index] }
                } else {
                    target.update(from: source, count: bytes.count)
                }
            }
        }
        return Int32(end)
    }

    /// Makes the room after the names reach at least `end` bytes, growing by half (at least
    /// 256 bytes): a new storage, the names copied and the rest zeroed, in one allocation.
    /// (Zeros appended by `append(contentsOf:)` went a byte at a time through its generic path:
    /// 1.8M instructions over 1,000 small files.)
    @inline(never)
    private mutating func makeRoom(forBytes end: Int) {
        let used = byteCount
        let size = max(end, storage.count + max(storage.count / 2, 256))
        // Reserved and appended, not `Array(unsafeUninitializedCapacity:)` (`Array(filling:count:)`).
        var grown: [UInt8] = []
        grown.reserveCapacity(size)
        storage.withUnsafeBufferPointer { grown.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<used])) }
        grown.append(contentsOf: repeatElement(0, count: size - used))
        storage = grown
    }

    /// The bytes of the lookup table (for the tests).
    var tableBytes: Int { slots.count * MemoryLayout<UInt32>.stride }

    private static func reserve<Element>(_ array: inout [Element], _ count: Int) {
        if count > array.capacity { array.reserveCapacity(max(count, array.capacity * 2)) }
    }

    private mutating func grow() {
        rehash(into: slots.count * 2)
    }

    /// Puts every name in a new table of `size` slots, hashing each again.
    private mutating func rehash(into size: Int) {
        slots = []
        var table = [UInt32](filling: 0, count: size)
        let total = count
        table.withUnsafeMutableBufferPointer { table in
            withNames { names in
                for symbol in 0..<total {
                    Interner.insertAbsent(Int32(symbol), hash: Interner.hash(names[symbol]), into: table)
                }
            }
        }
        slots = table
    }

    /// A multiplicative hash over eight bytes at a time (most names fit in one or two
    /// words), where FNV-1a took a multiply per byte.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return UInt32(truncatingIfNeeded: hash >> 32) }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var index = 0
        while index + 8 <= count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            index += 8
        }
        if index < count {
            // The last one to seven bytes, as at most three loads of four, two and one.
            var word: UInt64 = 0
            var shift: UInt64 = 0
            if count - index >= 4 {
                word = UInt64(raw.loadUnaligned(fromByteOffset: index, as: UInt32.self))
                shift = 32
                index += 4
            }
            if count - index >= 2 {
                word |= UInt64(raw.loadUnaligned(fromByteOffset: index, as: UInt16.self)) << shift
                shift += 16
                index += 2
            }
            if index < count {
                word |= UInt64(base[index]) << shift
            }
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
        }
        hash ^= hash >> 29
        hash = hash &* 0xC4CE_B9FE_1A85_EC53
        return UInt32(truncatingIfNeeded: hash >> 32)
    }
}
