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
    public var spelling: String {
        switch self {
        case .targetConversion: return "target-conversion"
        case .loopsTo: return "loops-to"
        case .selfService: return "self-service"
        case .import: return "import"
        default: return String(describing: self)
        }
    }

    private static let table: [[(Keyword, [UInt8])]] = {
        var byLength = [[(Keyword, [UInt8])]](repeating: [], count: 18)
        for keyword in Keyword.allCases {
            let bytes = Array(keyword.spelling.utf8)
            byLength[bytes.count].append((keyword, bytes))
        }
        return byLength
    }()

    /// Finds the keyword spelled by `bytes`, if any.
    static func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Keyword? {
        guard bytes.count < 18 else { return nil }
        for (keyword, spelling) in table[bytes.count] {
            var equal = true
            for index in 0..<spelling.count where spelling[index] != bytes[index] {
                equal = false
                break
            }
            if equal { return keyword }
        }
        return nil
    }
}
