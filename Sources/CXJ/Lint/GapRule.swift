/// The long-form description of a code, shared by `cxj explain`, `cxj rules` and SARIF.
public struct CodeDocumentation: Sendable {
    /// One line: what the code reports.
    public var summary: String
    /// What the code means, in a few sentences.
    public var meaning: String
    /// Why it matters to a customer-experience team.
    public var rationale: String
    /// A complete file that produces the code.
    public var failing: String
    /// The same file, fixed: it does not produce the code.
    public var fixed: String
}

/// A gap rule: finds one way in which the customer strand and the organization strand fail to
/// meet. Rules read only the checked model and produce findings; they know nothing of output.
protocol GapRule: Sendable {
    static var code: Code { get }
    static var documentation: CodeDocumentation { get }
    /// Checks one journey.
    static func check(_ context: LintContext, into findings: inout [Finding])
    /// Checks the file as a whole (rules about the catalogue).
    static func checkFile(_ file: CheckedFile, into findings: inout [Finding])
}

extension GapRule {
    static func check(_ context: LintContext, into findings: inout [Finding]) {}
    static func checkFile(_ file: CheckedFile, into findings: inout [Finding]) {}
}

/// What a rule sees of one journey.
struct LintContext: Sendable {
    let file: CheckedFile
    let journeyIndex: Int
    let journey: Journey
    let facts: JourneyFacts

    func name(_ symbol: Int32) -> String { file.name(symbol) }

    func catalogueName(_ index: Int32) -> String { file.catalogue.entries[Int(index)].name }

    /// Wraps a diagnostic as a finding about `element` (named in `name`), inside the `allow`
    /// scope `scope`.
    func finding(_ diagnostic: Diagnostic, about subject: FindingSubject, element: String, scope: Int32) -> Finding {
        var diagnostic = diagnostic
        diagnostic.element = element
        return Finding(diagnostic: diagnostic, journey: journeyIndex, subject: subject, allowScope: scope)
    }

    /// How a touchpoint is named in messages: `tweet <-> listen`.
    func describe(_ touchpoint: Touchpoint) -> String {
        let steps = journey.steps(of: touchpoint).map { name(journey.steps[Int($0)].id) }.joined(separator: ", ")
        let actions = journey.actions(of: touchpoint).map { name(journey.actions[Int($0)].id) }.joined(separator: ", ")
        return "\(steps) <-> \(actions)"
    }
}

/// The registry of gap rules, in code order.
public enum GapRules {
    static let all: [any GapRule.Type] = [
        UnansweredStep.self, OrphanAction.self, OneSidedStage.self, DeliveryGap.self, FunnelLeak.self,
        KPIOffTarget.self, UnownedAction.self, ChannelMismatch.self, AutomatedMomentOfTruth.self,
        StrategyMismatch.self, NoRepeatLoop.self, UnaddressedLowPoint.self, UnusedDeclaration.self, PhaseOrder.self,
        UnusedAllow.self,
    ]

    /// The documentation of a rule's code, or nil for codes that are not rules.
    public static func documentation(of code: Code) -> CodeDocumentation? {
        all.first { $0.code == code }?.documentation
    }

    /// Runs every rule over a checked file, before `allow` and configuration are applied.
    /// The findings of `rules` over one journey, in rule order. A large journey's rules run in
    /// two groups on two threads; the findings are joined in the same order.
    static func run(_ rules: [any GapRule.Type], in context: LintContext) -> [Finding] {
        let journey = context.journey
        let size = journey.steps.count + journey.actions.count + journey.touchpoints.count
        guard size >= GapRules.elementsWorthASecondThread, Parallel.hasSeveralCores else {
            var findings: [Finding] = []
            for rule in rules { rule.check(context, into: &findings) }
            return findings
        }
        let middle = rules.count / 2
        let later = Array(rules[middle...])
        let second = BackgroundThread { () -> [Finding] in
            var findings: [Finding] = []
            for rule in later { rule.check(context, into: &findings) }
            return findings
        }
        var findings: [Finding] = []
        for rule in rules[..<middle] { rule.check(context, into: &findings) }
        return findings + second.join()
    }

    /// Below this many steps, actions and touchpoints, a thread costs more than it saves.
    static let elementsWorthASecondThread = 20_000

    /// The journeys' facts are kept in the file for the emitters.
    static func run(on file: inout CheckedFile) -> [Finding] {
        var findings: [Finding] = []
        file.journeyFacts = file.journeys.map { JourneyFacts($0) }
        for (index, journey) in file.journeys.enumerated() {
            let context = LintContext(file: file, journeyIndex: index, journey: journey, facts: file.journeyFacts[index])
            findings += run(all, in: context)
        }
        for rule in all { rule.checkFile(file, into: &findings) }
        return findings
    }
}
