/// The left-to-right (or top-to-bottom) order of the nodes in each row of a journey diagram.
///
/// Steps keep source order: it is the customer's time. Touchpoints follow the steps they pair
/// (by the mean position of those steps), and each stage's actions follow the touchpoints that
/// pair them, so rungs do not cross wherever an order without crossings exists for one-to-one
/// and nested pairings. An action that answers nothing stays beside the action declared before
/// it. Ties keep source order, so the order is deterministic.
///
/// Kept in flat arrays of 32-bit indices: an array per stage (twelve thousand in a dense 20 MB
/// journey) and 64-bit indices took 3 MiB of a DOT output's peak memory, where these take 1.
struct DiagramOrder {
    /// Touchpoint indices, by stage then by the steps they pair.
    let touchpoints: [Int32]
    /// Every action, each stage's in drawing order at the place of the stage's own range of
    /// `journey.actions` (see `actions(of:)`).
    private let actionOrder: [Int32]
    /// The touchpoints drawn in each stage, in source order, stage after stage
    /// (`touchpoints(ofStage:)`); then those outside every stage.
    private let stageTouchpoints: [Int32]
    private let stageTouchpointStarts: [Int32]

    /// The touchpoints outside every stage, in source order.
    var touchpointsOutside: ArraySlice<Int32> { touchpoints(ofStage: stageTouchpointStarts.count - 2) }

    /// A stage's actions in drawing order.
    func actions(of stage: Stage) -> ArraySlice<Int32> {
        actionOrder[Int(stage.actions.lowerBound)..<Int(stage.actions.upperBound)]
    }

    /// The touchpoints drawn in the stage at `index`, in source order (`index` one past the
    /// last stage: those outside every stage).
    func touchpoints(ofStage index: Int) -> ArraySlice<Int32> {
        stageTouchpoints[Int(stageTouchpointStarts[index])..<Int(stageTouchpointStarts[index + 1])]
    }

    init(_ journey: Journey) {
        let stageCount = Int32(journey.stages.count)
        let touchpointCount = journey.touchpoints.count
        // Each touchpoint's stage for drawing, its home for ordering (journey-level ones sort
        // with the earliest stage among their elements) and the mean position of its steps:
        // one pass through pointers (three passes, a slice and a closure per touchpoint took
        // 2 ms of a dense 20 MB journey's diagram).
        var drawnIn = [Int32](filling: 0, count: touchpointCount)
        var home = [Int32](filling: 0, count: touchpointCount)
        var stepKey = [Double](filling: 0, count: touchpointCount)
        journey.touchpoints.withUnsafeBufferPointer { touchpoints in
            journey.pairedSteps.withUnsafeBufferPointer { pairedSteps in
                drawnIn.withUnsafeMutableBufferPointer { drawnIn in
                    home.withUnsafeMutableBufferPointer { home in
                        stepKey.withUnsafeMutableBufferPointer { stepKey in
                            for index in touchpoints.indices {
                                let stage = touchpoints[index].stage
                                drawnIn[index] = stage >= 0 ? stage : stageCount
                                home[index] = stage >= 0 ? stage : JourneyFacts.homeStage(of: touchpoints[index], in: journey)
                                let steps = touchpoints[index].steps
                                guard !steps.isEmpty else {
                                    stepKey[index] = .infinity
                                    continue
                                }
                                var sum = 0
                                for position in steps { sum += Int(pairedSteps[Int(position)]) }
                                stepKey[index] = Double(sum) / Double(steps.count)
                            }
                        }
                    }
                }
            }
        }
        (stageTouchpoints, stageTouchpointStarts) = BucketOrder.sorted(drawnIn, bucketCount: journey.stages.count + 1)
        let touchpoints = DiagramOrder.sortedByHome(home, stepKey, stageCount: journey.stages.count)
        self.touchpoints = touchpoints

        var position = [Int32](filling: 0, count: journey.touchpoints.count)
        for (offset, index) in touchpoints.enumerated() { position[Int(index)] = Int32(offset) }
        var sum = [Int](filling: 0, count: journey.actions.count)
        var count = [Int32](filling: 0, count: journey.actions.count)
        journey.touchpoints.withUnsafeBufferPointer { touchpoints in
            journey.pairedActions.withUnsafeBufferPointer { pairedActions in
                sum.withUnsafeMutableBufferPointer { sum in
                    count.withUnsafeMutableBufferPointer { count in
                        for index in touchpoints.indices {
                            for paired in touchpoints[index].actions {
                                let action = Int(pairedActions[Int(paired)])
                                sum[action] += Int(position[index])
                                count[action] += 1
                            }
                        }
                    }
                }
            }
        }
        // One buffer of keys and one of positions, reused from stage to stage: four arrays a
        // stage (twelve thousand stages in a dense 20 MB journey) were made and dropped before.
        var keys: [Double] = []
        var order: [Int] = []
        var actions = Array(Int32(0)..<Int32(journey.actions.count))
        for stage in journey.stages {
            keys.removeAll(keepingCapacity: true)
            order.removeAll(keepingCapacity: true)
            var previous = -1.0
            for action in stage.actions {
                let key = count[Int(action)] > 0 ? Double(sum[Int(action)]) / Double(count[Int(action)]) : previous
                order.append(keys.count)
                keys.append(key)
                previous = key
            }
            // Most stages' actions are already in order: sorted only when they are not.
            if !DiagramOrder.isAscending(count: keys.count, { keys[$0] }) {
                order.sort { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
            }
            let first = stage.actions.lowerBound
            for (offset, index) in order.enumerated() { actions[Int(first) + offset] = first + Int32(index) }
        }
        actionOrder = actions
    }

    /// Whether the keys of positions `0..<count` never decrease (their order by key, ties by
    /// position, is then the positions').
    private static func isAscending(count: Int, _ key: (Int) -> Double) -> Bool {
        var index = 1
        while index < count {
            if !(key(index - 1) <= key(index)) { return false }
            index += 1
        }
        return true
    }

    /// Touchpoint indices ordered by home stage, then by the mean position of their steps, then
    /// by index. A stable counting sort by stage, then a sort within each stage's few: a
    /// comparison sort of all of them (98,000 in a dense 20 MB journey) called its closure
    /// n log n times. Homes outside the stages other than "none" (`Int32.max`) never occur; if
    /// one did, the whole list is sorted by comparison as before.
    static func sortedByHome(_ home: [Int32], _ stepKey: [Double], stageCount: Int) -> [Int32] {
        func before(_ left: Int, _ right: Int) -> Bool {
            if home[left] != home[right] { return home[left] < home[right] }
            if stepKey[left] != stepKey[right] { return stepKey[left] < stepKey[right] }
            return left < right
        }
        guard home.allSatisfy({ ($0 >= 0 && Int($0) < stageCount) || $0 == Int32.max }) else {
            return home.indices.sorted(by: before).map { Int32($0) }
        }
        let byStage = BucketOrder.sorted(home.map { $0 == Int32.max ? Int32(stageCount) : $0 }, bucketCount: stageCount + 1)
        var order = byStage.order
        let start = byStage.starts
        for bucket in 0...stageCount where start[bucket + 1] - start[bucket] > 1 {
            let range = Int(start[bucket])..<Int(start[bucket + 1])
            // Within a stage, in index order: already sorted when their steps' keys never
            // decrease (most stages).
            if !isAscending(count: range.count, { stepKey[Int(order[range.lowerBound + $0])] }) {
                order[range].sort { before(Int($0), Int($1)) }
            }
        }
        return order
    }
}
