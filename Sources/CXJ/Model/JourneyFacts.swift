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

    /// The facts of `journey`, computed on this thread.
    public init(_ journey: Journey) {
        self.init(journey, onTwoThreads: false)
    }

    /// The facts of `journey`; `onTwoThreads`, its pairings, its flow and its emotion curve are
    /// computed at once, on this thread and a worker, each taking the next when done (a dense
    /// 20 MB journey: 4.5 ms on one thread, the serial step between lowering and the gap rules;
    /// each part reads a few MB of elements).
    init(_ journey: Journey, onTwoThreads: Bool) {
        let (paired, ordered, curve) = onTwoThreads && Parallel.hasSeveralCores
            ? JourneyFacts.partsOnTwoThreads(of: journey)
            : (Pairings(journey), Flow(journey), Flow.emotionCurve(of: journey))
        isPaired = paired.isPaired
        isActionPaired = paired.isActionPaired
        answeringStart = paired.answeringStart
        answeringPool = paired.answeringPool
        stageCoverage = paired.stageCoverage
        coverage = paired.coverage
        conversion = ordered.conversion
        previousReachStage = ordered.previousReachStage
        largestDrop = ordered.largestDrop
        emotionCurve = curve
        handoffPairs = ordered.handoffPairs
        averageDeliveryGap = ordered.averageDeliveryGap
    }

    /// The three parts of the facts, computed at once by this thread and a worker.
    private static func partsOnTwoThreads(of journey: Journey) -> (Pairings, Flow, [(step: Int32, emotion: Int8)]) {
        var pairings: Pairings? = nil
        var flow: Flow? = nil
        var curve: [(step: Int32, emotion: Int8)] = []
        WorkerPool.shared.forEach(3) { part in
            switch part {
            case 0: pairings = Pairings(journey)
            case 1: flow = Flow(journey)
            default: curve = Flow.emotionCurve(of: journey)
            }
        }
        return (pairings!, flow!, curve)
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
        // By stage, journey-level touchpoints with no stage last.
        let last = Int32(journey.stages.count)
        var keys = [Int32](filling: last, count: journey.touchpoints.count)
        journey.touchpoints.withUnsafeBufferPointer { touchpoints in
            keys.withUnsafeMutableBufferPointer { keys in
                for index in touchpoints.indices {
                    let stage = touchpoints[index].stage
                    let key = stage >= 0 ? stage : homeStage(of: touchpoints[index], in: journey)
                    if key >= 0 && key < last { keys[index] = key }
                }
            }
        }
        return BucketOrder.sorted(keys, bucketCount: journey.stages.count + 1).order
    }
}
