/// What may follow a keyword, before any block.
public enum ArgumentShape: UInt8, Sendable {
    /// `ID "Label"`: declares an element.
    case declaration
    /// `"text"`.
    case text
    /// `ID`: names another element.
    case reference
    /// `ID, ID, …`.
    case referenceList
    /// `ID` from a fixed set of values (checked after parsing, CXJ105).
    case enumeration
    /// A number, maybe with a unit.
    case number
    /// `>= NUMBER` or `<= NUMBER`.
    case comparison
    /// Nothing: the keyword alone is the statement (`critical`).
    case flag
    /// `RULE, RULE, … ["reason"]`.
    case allow
    /// `STEP, … <-> ACTION, …`.
    case pairing
    /// Nothing, then a block (`customer { … }`).
    case blockOnly
}

/// Whether a statement has a block, and what may stand inside it.
public struct StatementShape: Sendable, Equatable {
    public var arguments: ArgumentShape
    /// The context of the statement's block, or nil when it takes no block.
    public var block: BlockContext?
    /// Whether the block must be present.
    public var requiresBlock: Bool

    init(_ arguments: ArgumentShape, block: BlockContext? = nil, required: Bool = false) {
        self.arguments = arguments
        self.block = block
        self.requiresBlock = required
    }

    /// The statements each context admits, in the order the grammar lists them.
    public static func statements(in context: BlockContext) -> [(Keyword, StatementShape)] {
        let note = (Keyword.note, StatementShape(.text))
        let allow = (Keyword.allow, StatementShape(.allow))
        let kpi = (Keyword.kpi, StatementShape(.declaration, block: .kpi, required: true))
        let touchpoint = (Keyword.touchpoint, StatementShape(.pairing, block: .touchpoint))
        switch context {
        case .file:
            return [
                (.import, StatementShape(.text)),
                (.persona, StatementShape(.declaration, block: .persona)),
                (.channel, StatementShape(.declaration, block: .channel)),
                (.team, StatementShape(.declaration, block: .team)),
                (.system, StatementShape(.declaration, block: .system)),
                (.journey, StatementShape(.declaration, block: .journey, required: true)),
            ]
        case .persona:
            return [(.goal, StatementShape(.text)), (.segment, StatementShape(.text)), note, allow]
        case .channel:
            return [(.kind, StatementShape(.enumeration)), note, allow]
        case .team:
            return [note, allow]
        case .system:
            return [(.owner, StatementShape(.reference)), note, allow]
        case .journey:
            return [
                (.persona, StatementShape(.reference)),
                (.strategy, StatementShape(.enumeration)),
                (.owner, StatementShape(.reference)),
                note, allow, kpi,
                (.stage, StatementShape(.declaration, block: .stage, required: true)),
                touchpoint,
                (.opportunity, StatementShape(.declaration, block: .opportunity, required: true)),
            ]
        case .stage:
            return [
                (.phase, StatementShape(.enumeration)),
                (.reach, StatementShape(.number)),
                (.targetConversion, StatementShape(.number)),
                (.loopsTo, StatementShape(.reference)),
                note, allow, kpi,
                (.customer, StatementShape(.blockOnly, block: .customer, required: true)),
                (.organization, StatementShape(.blockOnly, block: .organization, required: true)),
                touchpoint,
            ]
        case .customer:
            return [(.step, StatementShape(.declaration, block: .step)), allow]
        case .step:
            return [
                (.channel, StatementShape(.reference)),
                (.emotion, StatementShape(.number)),
                (.thinks, StatementShape(.text)),
                (.needs, StatementShape(.text)),
                (.pain, StatementShape(.text)),
                (.info, StatementShape(.text)),
                (.critical, StatementShape(.flag)),
                (.selfService, StatementShape(.flag)),
                note, allow,
            ]
        case .organization:
            return [(.action, StatementShape(.declaration, block: .action)), allow]
        case .action:
            return [
                (.owner, StatementShape(.reference)),
                (.layer, StatementShape(.enumeration)),
                (.channel, StatementShape(.reference)),
                (.uses, StatementShape(.referenceList)),
                (.automation, StatementShape(.enumeration)),
                note, allow,
            ]
        case .touchpoint:
            return [
                (.via, StatementShape(.reference)),
                (.claimed, StatementShape(.number)),
                (.perceived, StatementShape(.number)),
                note, allow,
            ]
        case .kpi:
            return [(.actual, StatementShape(.number)), (.target, StatementShape(.comparison)), note, allow]
        case .opportunity:
            return [
                (.addresses, StatementShape(.referenceList)),
                (.kind, StatementShape(.enumeration)),
                (.owner, StatementShape(.reference)),
                (.impact, StatementShape(.enumeration)),
                (.effort, StatementShape(.enumeration)),
                note, allow,
            ]
        }
    }

    fileprivate static let table: [StatementShape?] = {
        var table = [StatementShape?](filling: nil, count: BlockContext.allCases.count * Keyword.count)
        for context in BlockContext.allCases {
            for (keyword, shape) in statements(in: context) {
                table[slot(of: keyword, in: context)] = shape
            }
        }
        return table
    }()

    /// The shape of `keyword` in `context`, or nil when the keyword is not allowed there.
    @inline(__always)
    public static func shape(of keyword: Keyword, in context: BlockContext) -> StatementShape? {
        table[slot(of: keyword, in: context)]
    }

    /// Where a keyword's shape in a context lies in `table`.
    @inline(__always)
    fileprivate static func slot(of keyword: Keyword, in context: BlockContext) -> Int {
        Int(context.rawValue) &* Keyword.count &+ Int(keyword.rawValue)
    }

    /// The contexts that admit `keyword`, in declaration order.
    public static func contexts(admitting keyword: Keyword) -> [BlockContext] {
        BlockContext.allCases.filter { shape(of: keyword, in: $0) != nil }
    }
}

/// The shapes of every keyword in every context, held by a parser: reading `StatementShape`'s
/// lazily made table checked that it was made (`swift_once`) at every statement.
struct ShapeTable {
    private let table = StatementShape.table

    @inline(__always)
    func shape(of keyword: Keyword, in context: BlockContext) -> StatementShape? {
        table[StatementShape.slot(of: keyword, in: context)]
    }
}
