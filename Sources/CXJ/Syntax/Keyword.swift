/// The words that start statements. Keywords are contextual: no word is reserved, and the
/// parser only looks a word up here when it stands at the start of a statement.
public enum Keyword: UInt8, CaseIterable, Sendable {
    case `import`, persona, channel, team, system, journey
    case goal, segment, note, kind, owner
    case strategy, allow, kpi, stage, touchpoint, opportunity
    case phase, reach, targetConversion, loopsTo, customer, organization
    case step, thinks, needs, pain, info, critical, selfService, emotion
    case action, layer, uses, automation
    case via, claimed, perceived
    case actual, target
    case addresses, impact, effort

    /// The number of keywords (a constant; `allCases` allocates).
    static let count = Int(Keyword.effort.rawValue) + 1

    /// The keyword as written in source.
    public var spelling: String { Keyword.spellings[Int(rawValue)] }

    /// The spelling's UTF-8 bytes, in storage that lives as long as the process.
    public var spellingBytes: UnsafeBufferPointer<UInt8> {
        let tables = Keyword.tables
        let start = Int(tables.spellingStart[Int(rawValue)])
        return UnsafeBufferPointer(start: tables.spellings + start, count: Int(tables.spellingStart[Int(rawValue) + 1]) - start)
    }

    /// The length of the spelling in bytes.
    public var length: Int { Int(Keyword.tables.spellingStart[Int(rawValue) + 1] - Keyword.tables.spellingStart[Int(rawValue)]) }

    /// Spelled out rather than taken from `String(describing:)`, which goes through reflection
    /// and cost about 1 ms of every run's start-up.
    private static let spellings: [String] = [
        "import", "persona", "channel", "team", "system", "journey",
        "goal", "segment", "note", "kind", "owner",
        "strategy", "allow", "kpi", "stage", "touchpoint", "opportunity",
        "phase", "reach", "target-conversion", "loops-to", "customer", "organization",
        "step", "thinks", "needs", "pain", "info", "critical", "self-service", "emotion",
        "action", "layer", "uses", "automation",
        "via", "claimed", "perceived",
        "actual", "target",
        "addresses", "impact", "effort",
    ]

    /// The lookup tables, built once and never written again: for each (length, first
    /// letter) a run of candidate keywords, and every spelling back to back.
    fileprivate struct Tables {
        let bucketStart: UnsafePointer<Int32>
        let bucketKeywords: UnsafePointer<UInt8>
        let spellings: UnsafePointer<UInt8>
        let spellingStart: UnsafePointer<Int32>
    }

    nonisolated(unsafe) fileprivate static let tables: Tables = {
        let bucketCount = 18 * 26
        var buckets = [[UInt8]](filling: [], count: bucketCount)
        var spellings: [UInt8] = []
        var starts: [Int32] = []
        for keyword in Keyword.allCases {
            let bytes = Array(keyword.spelling.utf8)
            buckets[bytes.count * 26 + Int(bytes[0] - 0x61)].append(keyword.rawValue)
            starts.append(Int32(spellings.count))
            spellings += bytes
        }
        let bucketStart = UnsafeMutablePointer<Int32>.allocate(capacity: bucketCount + 1)
        let bucketKeywords = UnsafeMutablePointer<UInt8>.allocate(capacity: Keyword.count)
        var offset: Int32 = 0
        for (index, bucket) in buckets.enumerated() {
            bucketStart[index] = offset
            for raw in bucket {
                bucketKeywords[Int(offset)] = raw
                offset += 1
            }
        }
        bucketStart[bucketCount] = offset
        // Padded so that 16 bytes can be read at any spelling's start (`KeywordTable.matches`).
        let spellingPointer = UnsafeMutablePointer<UInt8>.allocate(capacity: spellings.count + 16)
        spellingPointer.initialize(from: spellings, count: spellings.count)
        (spellingPointer + spellings.count).initialize(repeating: 0, count: 16)
        starts.append(Int32(spellings.count))
        let startPointer = UnsafeMutablePointer<Int32>.allocate(capacity: starts.count)
        startPointer.initialize(from: starts, count: starts.count)
        return Tables(bucketStart: bucketStart, bucketKeywords: bucketKeywords, spellings: spellingPointer,
                      spellingStart: startPointer)
    }()

    /// Finds the keyword spelled by `bytes`, if any (see `KeywordTable.lookup`).
    static func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Keyword? {
        KeywordTable().lookup(bytes)
    }
}

/// The keyword lookup tables, taken once by a caller that looks up many words (the parser
/// keeps one): reaching `Keyword.tables`, a lazily made global, costs a check on every use.
struct KeywordTable {
    fileprivate let tables = Keyword.tables

    /// Finds the keyword spelled by `bytes`, if any, comparing bytes against at most a few
    /// candidates that share the length and first letter. Allocates nothing.
    @inline(__always)
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Keyword? {
        lookup(bytes, readableUpTo: bytes.baseAddress.map { $0 + bytes.count })
    }

    /// Finds the keyword spelled by `range` of a buffer: like `lookup(_:)`, and, where 16
    /// bytes from the word's start lie inside the buffer, compared 8 bytes at a time (a word
    /// byte by byte was 2.3% of the instructions of checking a dense journey).
    @inline(__always)
    func lookup(_ range: Range<Int>, in buffer: UnsafeBufferPointer<UInt8>) -> Keyword? {
        guard let base = buffer.baseAddress else { return nil }
        return lookup(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count),
                      readableUpTo: base + buffer.count)
    }

    @inline(__always)
    private func lookup(_ bytes: UnsafeBufferPointer<UInt8>, readableUpTo limit: UnsafePointer<UInt8>?) -> Keyword? {
        let count = bytes.count
        guard count > 0, count < 18, let base = bytes.baseAddress, let limit, base[0] >= 0x61, base[0] <= 0x7A else { return nil }
        let bucket = count * 26 + Int(base[0] - 0x61)
        var candidate = Int(tables.bucketStart[bucket])
        let end = Int(tables.bucketStart[bucket + 1])
        let wide = limit - base >= 16
        while candidate < end {
            let raw = tables.bucketKeywords[candidate]
            let spelling = tables.spellings + Int(tables.spellingStart[Int(raw)])
            if wide ? KeywordTable.matches(base, spelling, count) : KeywordTable.matchesByBytes(base, spelling, count) {
                return Keyword(rawValue: raw)
            }
            candidate += 1
        }
        return nil
    }

    /// Whether the first `count` (1 to 17) bytes at `word` and `spelling` agree, read as two
    /// words of 8 bytes (the bytes past `count` masked off) and, for 17, one byte more. Both
    /// must have 16 readable bytes.
    @inline(__always)
    static func matches(_ word: UnsafePointer<UInt8>, _ spelling: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let a = UnsafeRawPointer(word)
        let b = UnsafeRawPointer(spelling)
        let low = min(count, 8)
        let lowMask: UInt64 = low == 8 ? ~0 : (1 << UInt64(low * 8)) &- 1
        if (a.loadUnaligned(as: UInt64.self) ^ b.loadUnaligned(as: UInt64.self)) & lowMask != 0 { return false }
        if count <= 8 { return true }
        let high = min(count - 8, 8)
        let highMask: UInt64 = high == 8 ? ~0 : (1 << UInt64(high * 8)) &- 1
        if (a.loadUnaligned(fromByteOffset: 8, as: UInt64.self) ^ b.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) & highMask != 0 {
            return false
        }
        return count <= 16 || word[16] == spelling[16]
    }

    /// The same comparison, a byte at a time, for a word near the end of its buffer.
    static func matchesByBytes(_ word: UnsafePointer<UInt8>, _ spelling: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var index = 1
        while index < count && spelling[index] == word[index] { index &+= 1 }
        return index == count
    }
}
