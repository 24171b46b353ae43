/// The facts computed from a checked journey (LANGUAGE.md §7), shared by the gap rules and
/// every emitter so that all of them agree.
public struct JourneyFacts: Sendable {
    /// For each step, whether some touchpoint pairs it.
    public let isPaired: [Bool]
    /// For each action, whether some touchpoint pairs it.
    public let isActionPaired: [Bool]
    /// The actions that answer each step through touchpoints, without repeats, in the order
    /// the touchpoints list them: step `i`'s are `answeringPool[answeringStart[i]..<answeringStart[i + 1]]`.
    /// One pool for the journey instead of an array per step.
    public let answeringStart: [Int32]
    public let answeringPool: [Int32]

    /// The actions that answer a step, without repeats.
    @inline(__always)
    public func answeringActions(_ step: Int) -> ArraySlice<Int32> {
        answeringPool[Int(answeringStart[step])..<Int(answeringStart[step + 1])]
    }
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
    /// The steps' emotions in journey order, as (step, emotion). Facts are kept while the
    /// outputs are written, so their per-element arrays hold 32-bit indices (a dense 20 MB
    /// journey has 98,632 emotions).
    public let emotionCurve: [(step: Int32, emotion: Int8)]
    /// Each handoff: two consecutive owned touchpoints, in stage order, whose sets of owners
    /// differ (touchpoints whose actions have no owner are passed over).
    public let handoffPairs: [(from: Int32, to: Int32)]
    /// How many times consecutive touchpoints, in stage order, are answered by different owners.
    public var handoffs: Int { handoffPairs.count }
    /// The mean of `claimed − perceived` over the touchpoints that give both; nil when none does.
    public let averageDeliveryGap: Double?

    public init(_ journey: Journey) {
        var isPaired = [Bool](repeating: false, count: journey.steps.count)
        var isActionPaired = [Bool](repeating: false, count: journey.actions.count)
        // A counting sort of (step, action) pairs by step, keeping touchpoint order, then the
        // repeats dropped within each step: `seen[action]` holds the last step (plus one) that
        // listed it. Linear in the pairs, with three allocations for the whole journey. The
        // pairings are read through pointers by index range: a slice per touchpoint retained
        // and released the pairing arrays (a third of this work on a dense journey).
        var start = [Int32](repeating: 0, count: journey.steps.count + 1)
        var pool: [Int32] = []
        journey.touchpoints.withUnsafeBufferPointer { touchpoints in
            journey.pairedSteps.withUnsafeBufferPointer { pairedSteps in
                journey.pairedActions.withUnsafeBufferPointer { pairedActions in
                    for touchpoint in touchpoints {
                        let actions = Int32(touchpoint.actions.count)
                        for position in touchpoint.actions { isActionPaired[Int(pairedActions[Int(position)])] = true }
                        for position in touchpoint.steps {
                            let step = Int(pairedSteps[Int(position)])
                            isPaired[step] = true
                            start[step + 1] += actions
                        }
                    }
                    for index in 0..<journey.steps.count { start[index + 1] += start[index] }
                    pool = [Int32](repeating: 0, count: Int(start[journey.steps.count]))
                    var fill = start
                    for touchpoint in touchpoints {
                        for stepPosition in touchpoint.steps {
                            let step = Int(pairedSteps[Int(stepPosition)])
                            for actionPosition in touchpoint.actions {
                                pool[Int(fill[step])] = pairedActions[Int(actionPosition)]
                                fill[step] += 1
                            }
                        }
                    }
                }
            }
        }
        var seen = [Int32](repeating: 0, count: journey.actions.count)
        var write: Int32 = 0
        for step in 0..<journey.steps.count {
            let marker = Int32(step + 1)
            let from = start[step], to = start[step + 1]
            start[step] = write
            var read = from
            while read < to {
                let action = pool[Int(read)]
                if seen[Int(action)] != marker {
                    seen[Int(action)] = marker
                    pool[Int(write)] = action
                    write += 1
                }
                read += 1
            }
        }
        start[journey.steps.count] = write
        pool.removeLast(pool.count - Int(write))
        self.isPaired = isPaired
        self.isActionPaired = isActionPaired
        self.answeringStart = start
        self.answeringPool = pool

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
            step.emotion.map { (Int32(index), $0) }
        }

        let order = JourneyFacts.touchpointOrder(journey)
        // Each touchpoint's owners as a small sorted set in a reused buffer, compared with the
        // previous touchpoint's: no allocation per touchpoint.
        var pairs: [(from: Int32, to: Int32)] = []
        var owners: [Int32] = []
        var previousOwners: [Int32] = []
        var last: Int32 = -1
        for index in order {
            owners.removeAll(keepingCapacity: true)
            for position in journey.touchpoints[Int(index)].actions {
                let owner = journey.actions[Int(journey.pairedActions[Int(position)])].owner
                if owner >= 0 && !owners.contains(owner) { owners.append(owner) }
            }
            guard !owners.isEmpty else { continue }
            owners.sort()
            if last >= 0 && previousOwners != owners { pairs.append((last, index)) }
            swap(&owners, &previousOwners)
            last = index
        }
        handoffPairs = pairs
        var gapSum = 0.0
        var gapCount = 0
        for touchpoint in journey.touchpoints {
            guard let gap = touchpoint.deliveryGap else { continue }
            gapSum += gap
            gapCount += 1
        }
        averageDeliveryGap = gapCount == 0 ? nil : gapSum / Double(gapCount)
    }

    /// The stage a touchpoint goes with: its own, or for a journey-level touchpoint the
    /// earliest stage among its steps and actions (`Int32.max` when it pairs nothing).
    static func homeStage(of touchpoint: Touchpoint, in journey: Journey) -> Int32 {
        if touchpoint.stage >= 0 { return touchpoint.stage }
        var earliest = Int32.max
        for step in journey.steps(of: touchpoint) { earliest = min(earliest, journey.steps[Int(step)].stage) }
        for action in journey.actions(of: touchpoint) { earliest = min(earliest, journey.actions[Int(action)].stage) }
        return earliest
    }

    /// Touchpoints sorted by stage: a stage's own touchpoints go with it; a journey-level
    /// touchpoint goes with the earliest stage among its steps and actions. Ties keep source order.
    static func touchpointOrder(_ journey: Journey) -> [Int32] {
        func stageKey(_ touchpoint: Touchpoint) -> Int32 { homeStage(of: touchpoint, in: journey) }
        // By stage, journey-level touchpoints with no stage last.
        let keys = journey.touchpoints.map { touchpoint -> Int32 in
            let key = stageKey(touchpoint)
            return key == Int32.max || Int(key) >= journey.stages.count || key < 0 ? Int32(journey.stages.count) : key
        }
        return BucketOrder.sorted(keys, bucketCount: journey.stages.count + 1).order
    }
}
