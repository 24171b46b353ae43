/// Where a statement stands: at the top of a file, or inside the block of some statement.
/// Each context admits its own set of keywords (see `StatementShape.table`).
public enum BlockContext: UInt8, CaseIterable, Sendable {
    case file
    case persona, channel, team, system
    case journey, stage, customer, step, organization, action
    case touchpoint, kpi, opportunity

    /// The name used for this context in Grammar/cxj.ebnf (`<name>_block`).
    public var grammarName: String { String(describing: self) }

    /// How messages refer to this context: "in a step", "at the top level of a file".
    public var phrase: String {
        switch self {
        case .file: return "at the top level of a file"
        case .customer: return "in a `customer` block"
        case .organization: return "in an `organization` block"
        case .action, .opportunity: return "in an `\(self)` block"
        default: return "in a `\(self)` block"
        }
    }
}
