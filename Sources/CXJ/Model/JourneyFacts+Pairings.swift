extension JourneyFacts {
    /// Which steps and actions touchpoints pair, the actions answering each step, and the
    /// share of steps covered: the half of the facts that follows the pairings.
    struct Pairings {
        var isPaired: [Bool]
        var isActionPaired: [Bool]
        var answeringStart: [Int32]
        var answeringPool: [Int32]
        var stageCoverage: [Double?]
        var coverage: Double?

        init(_ journey: Journey) {
            var isPaired = [Bool](filling: false, count: journey.steps.count)
            var isActionPaired = [Bool](filling: false, count: journey.actions.count)
            // A counting sort of (step, action) pairs by step, keeping touchpoint order, then
            // the repeats dropped within each step: `seen[action]` holds the last step (plus
            // one) that listed it. Linear in the pairs, with three allocations for the whole
            // journey. The pairings are read through pointers by index range: a slice per
            // touchpoint retained and released the pairing arrays (a third of this work on a
            // dense journey).
            var start = [Int32](filling: 0, count: journey.steps.count + 1)
            var pool: [Int32] = []
            journey.touchpoints.withUnsafeBufferPointer { touchpoints in
                journey.pairedSteps.withUnsafeBufferPointer { pairedSteps in
                    journey.pairedActions.withUnsafeBufferPointer { pairedActions in
                        isPaired.withUnsafeMutableBufferPointer { isPaired in
                            isActionPaired.withUnsafeMutableBufferPointer { isActionPaired in
                                start.withUnsafeMutableBufferPointer { start in
                                    for touchpoint in touchpoints {
                                        let actions = Int32(touchpoint.actions.count)
                                        for position in touchpoint.actions { isActionPaired[Int(pairedActions[Int(position)])] = true }
                                        for position in touchpoint.steps {
                                            let step = Int(pairedSteps[Int(position)])
                                            isPaired[step] = true
                                            start[step + 1] += actions
                                        }
                                    }
                                }
                            }
                        }
                        for index in 0..<journey.steps.count { start[index + 1] += start[index] }
                        pool = [Int32](filling: 0, count: Int(start[journey.steps.count]))
                        var fill = start
                        pool.withUnsafeMutableBufferPointer { pool in
                            fill.withUnsafeMutableBufferPointer { fill in
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
                }
            }
            var seen = [Int32](filling: 0, count: journey.actions.count)
            var write: Int32 = 0
            pool.withUnsafeMutableBufferPointer { pool in
                start.withUnsafeMutableBufferPointer { start in
                    seen.withUnsafeMutableBufferPointer { seen in
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
                    }
                }
            }
            start[journey.steps.count] = write
            pool.removeLast(pool.count - Int(write))
            self.isPaired = isPaired
            self.isActionPaired = isActionPaired
            answeringStart = start
            answeringPool = pool
            (stageCoverage, coverage) = Pairings.coverage(of: journey, isPaired: isPaired)
        }

        /// For each stage, and for the whole journey, the share of steps paired or
        /// self-service; nil without steps.
        private static func coverage(of journey: Journey, isPaired: [Bool]) -> ([Double?], Double?) {
            journey.steps.withUnsafeBufferPointer { steps in
                isPaired.withUnsafeBufferPointer { isPaired in
                    func covered(_ range: Range<Int32>) -> Double? {
                        guard !range.isEmpty else { return nil }
                        var count = 0
                        for step in range where isPaired[Int(step)] || steps[Int(step)].isSelfService { count += 1 }
                        return Double(count) / Double(range.count)
                    }
                    return (journey.stages.map { covered($0.steps) }, covered(0..<Int32(steps.count)))
                }
            }
        }
    }
}
