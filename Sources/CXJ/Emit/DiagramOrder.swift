/// The left-to-right (or top-to-bottom) order of the nodes in each row of a journey diagram.
///
/// Steps keep source order: it is the customer's time. Touchpoints follow the steps they pair
/// (by the mean position of those steps), and each stage's actions follow the touchpoints that
/// pair them, so rungs do not cross wherever an order without crossings exists for one-to-one
/// and nested pairings. An action that answers nothing stays beside the action declared before
/// it. Ties keep source order, so the order is deterministic.
struct DiagramOrder {
    /// Touchpoint indices, by stage then by the steps they pair.
    let touchpoints: [Int]
    /// For each stage, its actions in drawing order.
    let actions: [[Int32]]
    /// For each stage, the touchpoints drawn in it, in source order; then those outside every stage.
    let touchpointsOfStage: [[Int]]
    let touchpointsOutside: [Int]

    init(_ journey: Journey) {
        var byStage = [[Int]](repeating: [], count: journey.stages.count)
        var outside: [Int] = []
        for (index, touchpoint) in journey.touchpoints.enumerated() {
            if touchpoint.stage >= 0 { byStage[Int(touchpoint.stage)].append(index) } else { outside.append(index) }
        }
        touchpointsOfStage = byStage
        touchpointsOutside = outside
        // Journey-level touchpoints sort with the earliest stage among their elements.
        let home = journey.touchpoints.map { JourneyFacts.homeStage(of: $0, in: journey) }
        let stepKey = journey.touchpoints.map { touchpoint -> Double in
            let steps = journey.steps(of: touchpoint)
            guard !steps.isEmpty else { return .infinity }
            return Double(steps.reduce(0) { $0 + Int($1) }) / Double(steps.count)
        }
        let touchpoints = DiagramOrder.sortedByHome(home, stepKey, stageCount: journey.stages.count)
        self.touchpoints = touchpoints

        var position = [Int](repeating: 0, count: journey.touchpoints.count)
        for (offset, index) in touchpoints.enumerated() { position[index] = offset }
        var sum = [Int](repeating: 0, count: journey.actions.count)
        var count = [Int](repeating: 0, count: journey.actions.count)
        for (index, touchpoint) in journey.touchpoints.enumerated() {
            for action in journey.actions(of: touchpoint) {
                sum[Int(action)] += position[index]
                count[Int(action)] += 1
            }
        }
        // One buffer of keys and one of positions, reused from stage to stage: four arrays a
        // stage (twelve thousand stages in a dense 20 MB journey) were made and dropped before.
        var keys: [Double] = []
        var order: [Int] = []
        var actions: [[Int32]] = []
        actions.reserveCapacity(journey.stages.count)
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
            order.sort { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
            let first = stage.actions.lowerBound
            actions.append(order.map { first + Int32($0) })
        }
        self.actions = actions
    }

    /// Touchpoint indices ordered by home stage, then by the mean position of their steps, then
    /// by index. A stable counting sort by stage, then a sort within each stage's few: a
    /// comparison sort of all of them (98,000 in a dense 20 MB journey) called its closure
    /// n log n times. Homes outside the stages other than "none" (`Int32.max`) never occur; if
    /// one did, the whole list is sorted by comparison as before.
    static func sortedByHome(_ home: [Int32], _ stepKey: [Double], stageCount: Int) -> [Int] {
        func before(_ left: Int, _ right: Int) -> Bool {
            if home[left] != home[right] { return home[left] < home[right] }
            if stepKey[left] != stepKey[right] { return stepKey[left] < stepKey[right] }
            return left < right
        }
        guard home.allSatisfy({ ($0 >= 0 && Int($0) < stageCount) || $0 == Int32.max }) else {
            return home.indices.sorted(by: before)
        }
        var start = [Int](repeating: 0, count: stageCount + 2)
        for key in home { start[(key == Int32.max ? stageCount : Int(key)) + 1] += 1 }
        for bucket in 0...stageCount { start[bucket + 1] += start[bucket] }
        var order = [Int](repeating: 0, count: home.count)
        var fill = start
        for (index, key) in home.enumerated() {
            let bucket = key == Int32.max ? stageCount : Int(key)
            order[fill[bucket]] = index
            fill[bucket] += 1
        }
        for bucket in 0...stageCount where start[bucket + 1] - start[bucket] > 1 {
            order[start[bucket]..<start[bucket + 1]].sort(by: before)
        }
        return order
    }
}
