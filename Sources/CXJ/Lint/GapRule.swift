import Synchronization

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

    /// Below this many steps, actions and touchpoints, a second thread costs more than it saves.
    static let elementsWorthASecondThread = 20_000
    /// How many files' rules have run as tasks on both threads, in this process (read by the tests).
    static let filesLintedOnTwoThreads = Atomic<Int>(0)

    /// Runs every rule over a checked file, before `allow` and configuration are applied: each
    /// rule over each journey, in order, then each rule over the file. The journeys' facts are
    /// kept in the file for the emitters.
    ///
    /// A large file's facts are computed on two threads, and its rules run as tasks that both
    /// threads take (a dense 20 MB journey's rules took 0.1–1.8 ms each); the findings are
    /// joined in the same order, so the result never depends on scheduling.
    static func run(on file: inout CheckedFile) -> [Finding] {
        let isLarge = Parallel.hasSeveralCores && file.journeys.reduce(0) { $0 + elements(of: $1) } >= elementsWorthASecondThread
        file.journeyFacts = file.journeys.map { journey in
            JourneyFacts(journey, onTwoThreads: isLarge && elements(of: journey) >= elementsWorthASecondThread)
        }
        let checked = file
        let contexts = checked.journeys.indices.map { index in
            LintContext(file: checked, journeyIndex: index, journey: checked.journeys[index], facts: checked.journeyFacts[index])
        }
        guard isLarge else {
            var findings: [Finding] = []
            for context in contexts {
                for rule in all { rule.check(context, into: &findings) }
            }
            for rule in all { rule.checkFile(checked, into: &findings) }
            return findings
        }
        // Task `t`: rule `t % all.count` over journey `t / all.count`, or over the file after
        // the last journey.
        let tasks = (contexts.count + 1) * all.count
        let check: @Sendable (Int) -> [Finding] = { task in
            var findings: [Finding] = []
            let rule = all[task % all.count]
            let journey = task / all.count
            if journey < contexts.count {
                rule.check(contexts[journey], into: &findings)
            } else {
                rule.checkFile(checked, into: &findings)
            }
            return findings
        }
        filesLintedOnTwoThreads.add(1, ordering: .relaxed)
        return Array(Parallel.map(Array(0..<tasks), check).joined())
    }

    /// The steps, actions and touchpoints of a journey: the measure of its rules' work.
    private static func elements(of journey: Journey) -> Int {
        journey.steps.count + journey.actions.count + journey.touchpoints.count
    }
}
