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
        let touchpoints = journey.touchpoints.indices.sorted { left, right in
            if home[left] != home[right] { return home[left] < home[right] }
            if stepKey[left] != stepKey[right] { return stepKey[left] < stepKey[right] }
            return left < right
        }
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
        actions = journey.stages.map { stage in
            var keys: [Double] = []
            var previous = -1.0
            for action in stage.actions {
                let key = count[Int(action)] > 0 ? Double(sum[Int(action)]) / Double(count[Int(action)]) : previous
                keys.append(key)
                previous = key
            }
            let members = Array(stage.actions)
            return members.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }.map { members[$0] }
        }
    }
}
