/// The facts computed from a checked journey (LANGUAGE.md §7), shared by the gap rules and
/// every emitter so that all of them agree.
public struct JourneyFacts: Sendable {
    /// For each step, whether some touchpoint pairs it.
    public let isPaired: [Bool]
    /// For each action, whether some touchpoint pairs it.
    public let isActionPaired: [Bool]
    /// For each step, the actions that answer it through touchpoints, without repeats.
    public let answeringActions: [[Int32]]
    /// For each stage, the share of its steps that are paired or self-service; nil without steps.
    public let stageCoverage: [Double?]
    /// The same share over every step of the journey; nil without steps.
    public let coverage: Double?
    /// For each stage, its reach divided by the reach of the nearest earlier stage with a reach.
    public let conversion: [Double?]
    /// For each stage, the nearest earlier stage with a reach, or -1.
    public let previousReachStage: [Int]
    /// The stage with the lowest conversion, and that conversion.
    public let largestDrop: (stage: Int, conversion: Double)?
    /// The steps' emotions in journey order, as (step, emotion).
    public let emotionCurve: [(step: Int, emotion: Int)]
    /// The touchpoints in stage order (see `touchpointOrder`).
    public let orderedTouchpoints: [Int]
    /// How many times consecutive touchpoints, in stage order, are answered by different owners.
    public let handoffs: Int

    public init(_ journey: Journey) {
        var isPaired = [Bool](repeating: false, count: journey.steps.count)
        var isActionPaired = [Bool](repeating: false, count: journey.actions.count)
        var answering = [[Int32]](repeating: [], count: journey.steps.count)
        for touchpoint in journey.touchpoints {
            for action in journey.actions(of: touchpoint) { isActionPaired[Int(action)] = true }
            for step in journey.steps(of: touchpoint) {
                isPaired[Int(step)] = true
                answering[Int(step)].append(contentsOf: journey.actions(of: touchpoint))
            }
        }
        // Drop repeats, keeping first-seen order, in one pass: `seen[action]` holds the last
        // step (plus one) that listed it. A step in N touchpoints costs N, not N².
        var seen = [Int32](repeating: 0, count: journey.actions.count)
        for step in answering.indices where answering[step].count > 1 {
            let marker = Int32(step + 1)
            answering[step] = answering[step].filter { action in
                guard seen[Int(action)] != marker else { return false }
                seen[Int(action)] = marker
                return true
            }
        }
        self.isPaired = isPaired
        self.isActionPaired = isActionPaired
        self.answeringActions = answering

        func covered(_ steps: Range<Int32>) -> Double? {
            guard !steps.isEmpty else { return nil }
            var count = 0
            for step in steps where isPaired[Int(step)] || journey.steps[Int(step)].isSelfService { count += 1 }
            return Double(count) / Double(steps.count)
        }
        stageCoverage = journey.stages.map { covered($0.steps) }
        coverage = covered(0..<Int32(journey.steps.count))

        var conversion = [Double?](repeating: nil, count: journey.stages.count)
        var previous = [Int](repeating: -1, count: journey.stages.count)
        var lastWithReach = -1
        var drop: (stage: Int, conversion: Double)? = nil
        for (index, stage) in journey.stages.enumerated() {
            previous[index] = lastWithReach
            guard let reach = stage.reach else { continue }
            if lastWithReach >= 0, let before = journey.stages[lastWithReach].reach, before > 0 {
                let value = Double(reach) / Double(before)
                conversion[index] = value
                if drop == nil || value < drop!.conversion { drop = (index, value) }
            }
            lastWithReach = index
        }
        self.conversion = conversion
        self.previousReachStage = previous
        self.largestDrop = drop

        emotionCurve = journey.steps.enumerated().compactMap { index, step in
            step.emotion.map { (index, Int($0)) }
        }

        let order = JourneyFacts.touchpointOrder(journey)
        orderedTouchpoints = order
        var handoffs = 0
        var previousOwners: [Int32]? = nil
        for index in order {
            let owners = Set(journey.actions(of: journey.touchpoints[index]).map { journey.actions[Int($0)].owner }
                .filter { $0 >= 0 }).sorted()
            guard !owners.isEmpty else { continue }
            if let before = previousOwners, before != owners { handoffs += 1 }
            previousOwners = owners
        }
        self.handoffs = handoffs
    }

    /// Touchpoints sorted by stage: a stage's own touchpoints go with it; a journey-level
    /// touchpoint goes with the earliest stage among its steps and actions. Ties keep source order.
    static func touchpointOrder(_ journey: Journey) -> [Int] {
        func stageKey(_ touchpoint: Touchpoint) -> Int32 {
            if touchpoint.stage >= 0 { return touchpoint.stage }
            let stages = journey.steps(of: touchpoint).map { journey.steps[Int($0)].stage }
                + journey.actions(of: touchpoint).map { journey.actions[Int($0)].stage }
            return stages.min() ?? Int32.max
        }
        let keys = journey.touchpoints.map(stageKey)
        return journey.touchpoints.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
    }
}
