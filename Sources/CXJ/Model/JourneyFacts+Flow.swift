extension JourneyFacts {
    /// The facts that follow the journey's order: conversion from stage to stage, the handoffs
    /// between owners, and the average delivery gap (the emotion curve is `emotionCurve(of:)`).
    struct Flow {
        var conversion: [Double?]
        var previousReachStage: [Int]
        var largestDrop: (stage: Int, conversion: Double)?
        var handoffPairs: [(from: Int32, to: Int32)]
        var averageDeliveryGap: Double?

        init(_ journey: Journey) {
            var conversion = [Double?](filling: nil, count: journey.stages.count)
            var previousReachStage = [Int](filling: -1, count: journey.stages.count)
            var largestDrop: (stage: Int, conversion: Double)? = nil
            var lastWithReach = -1
            for (index, stage) in journey.stages.enumerated() {
                previousReachStage[index] = lastWithReach
                guard let reach = stage.reach else { continue }
                if lastWithReach >= 0, let before = journey.stages[lastWithReach].reach, before > 0 {
                    let value = Double(reach) / Double(before)
                    conversion[index] = value
                    if largestDrop == nil || value < largestDrop!.conversion { largestDrop = (index, value) }
                }
                lastWithReach = index
            }
            self.conversion = conversion
            self.previousReachStage = previousReachStage
            self.largestDrop = largestDrop
            handoffPairs = Flow.handoffPairs(of: journey)
            var gapSum = 0.0
            var gapCount = 0
            for touchpoint in journey.touchpoints {
                guard let gap = touchpoint.deliveryGap else { continue }
                gapSum += gap
                gapCount += 1
            }
            averageDeliveryGap = gapCount == 0 ? nil : gapSum / Double(gapCount)
        }

        /// The steps' emotions in journey order, counted first so that the array is made once.
        static func emotionCurve(of journey: Journey) -> [(step: Int32, emotion: Int8)] {
            journey.steps.withUnsafeBufferPointer { steps in
                var count = 0
                for step in steps where step.emotion != nil { count += 1 }
                var curve: [(step: Int32, emotion: Int8)] = []
                curve.reserveCapacity(count)
                for index in steps.indices {
                    if let emotion = steps[index].emotion { curve.append((Int32(index), emotion)) }
                }
                return curve
            }
        }

        /// Each handoff: two consecutive owned touchpoints, in stage order, whose sets of
        /// owners differ. A touchpoint with one owner (most have one action) is compared as
        /// that owner; a larger set is kept sorted in a reused buffer and compared with the
        /// previous one: no allocation per touchpoint.
        private static func handoffPairs(of journey: Journey) -> [(from: Int32, to: Int32)] {
            let order = JourneyFacts.touchpointOrder(journey)
            var pairs: [(from: Int32, to: Int32)] = []
            var owners: [Int32] = []
            var previousOwners: [Int32] = []
            // The previous touchpoint's owner when it had one, else -1 (`previousOwners` holds its set).
            var previousOwner: Int32 = -1
            var last: Int32 = -1
            journey.touchpoints.withUnsafeBufferPointer { touchpoints in
                journey.pairedActions.withUnsafeBufferPointer { pairedActions in
                    journey.actions.withUnsafeBufferPointer { actions in
                        for index in order {
                            let paired = touchpoints[Int(index)].actions
                            var owner: Int32 = -1
                            if paired.count == 1 {
                                owner = actions[Int(pairedActions[Int(paired.lowerBound)])].owner
                                guard owner >= 0 else { continue }
                            } else {
                                owners.removeAll(keepingCapacity: true)
                                for position in paired {
                                    let owner = actions[Int(pairedActions[Int(position)])].owner
                                    if owner >= 0 && !owners.contains(owner) { owners.append(owner) }
                                }
                                guard !owners.isEmpty else { continue }
                                if owners.count == 1 { owner = owners[0] } else { owners.sort() }
                            }
                            if owner >= 0 {
                                if last >= 0 && previousOwner != owner { pairs.append((last, index)) }
                            } else {
                                if last >= 0 && (previousOwner >= 0 || previousOwners != owners) { pairs.append((last, index)) }
                                swap(&owners, &previousOwners)
                            }
                            previousOwner = owner
                            last = index
                        }
                    }
                }
            }
            return pairs
        }
    }
}
