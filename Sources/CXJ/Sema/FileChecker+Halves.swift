import Synchronization

/// Lowering a large journey on two cores: a speculative second half.
///
/// Two parts of lowering a journey take most of the checker's time, and each is a run of
/// independent elements: the journey's stages (with their steps, actions and kpis) and, once
/// every name is declared, its touchpoints. For a large journey, a helper checker lowers the
/// second half of such a run on another thread, into arrays of its own, while this checker
/// lowers the first half. The helper shares what is read-only (the tree, the catalogue, and
/// for touchpoints the namespace) and writes nothing this checker reads.
///
/// When this checker reaches the run's second half, it adopts the helper's elements: it
/// appends them with their indices shifted past its own (stage, step, action, kpi, text,
/// system, pairing and note indices) and declares the helper's names in its namespace in the
/// helper's order. The model is then exactly the one a single thread builds.
///
/// The half is thrown away, and this checker lowers that part itself, when the helper reported
/// any diagnostic or silenced reference, opened an `allow` scope, or declared a name that the
/// first half declared too: what those produce depends on what came before. The result never
/// depends on whether the half was adopted.
extension FileChecker {
    /// Forces lowering in halves on (`true`, whatever the size) or off (`false`); nil decides by
    /// size. For the tests.
    nonisolated(unsafe) static var lowersInHalves: Bool? = nil

    /// How many halves of stages and of touchpoints have been adopted in this process (read by
    /// the tests).
    static let adoptedStageHalves = Atomic<Int>(0)
    static let adoptedTouchpointHalves = Atomic<Int>(0)

    /// Journeys smaller than this are lowered by one thread: a thread and the merge cost more
    /// than half of the lowering (~1,000 instructions an element, ~20–50 bytes an element).
    static let journeyBytesWorthASecondThread = 256 << 10

    /// Touchpoint runs shorter than this are lowered by one thread.
    static let touchpointsWorthASecondThread = 2_000

    private static func isWorthASecondThread(_ large: Bool) -> Bool {
        lowersInHalves ?? (large && Parallel.hasSeveralCores)
    }

    /// A checker for the helper thread: the same file, catalogue and names that cannot be
    /// lowered, and empty results.
    private func helper() -> FileChecker {
        var helper = FileChecker(scope: scope, file: file, tree: tree)
        helper.result.isRoot = result.isRoot
        helper.result.catalogue = result.catalogue
        helper.catalogueSymbols = catalogueSymbols
        helper.ghosts = ghosts
        helper.catalogueIsIncomplete = catalogueIsIncomplete
        helper.bytes = bytes
        helper.nodeStore = nodeStore
        helper.argumentStore = argumentStore
        helper.numberStore = numberStore
        helper.interner = interner
        return helper
    }

    /// Whether a helper's work reported nothing and opened no scope, so that its elements are
    /// what this checker would have made.
    private func isClean(_ helper: FileChecker) -> Bool {
        helper.result.diagnostics.isEmpty && helper.result.allows.isEmpty
            && helper.result.allowScopes.count == 1 && helper.silencedReferences.isEmpty
    }

    // MARK: - Stages

    /// Starts lowering the journey's second half of stages on another thread: the run from the
    /// first stage at or after the journey's middle byte up to the next statement that is not a
    /// stage. Nil when the journey is too small or has no stage after its middle.
    mutating func startStageHalf(of journeyIndex: Int32, _ node: SyntaxNode, scope: Int32) -> StageHalf? {
        guard FileChecker.isWorthASecondThread(node.range.count >= FileChecker.journeyBytesWorthASecondThread)
        else { return nil }
        let middle = node.range.lowerBound + node.range.count / 2
        var first: Int32 = -1
        var end = Int32.max
        var stages: [(Int32, SyntaxNode)] = []
        for (childIndex, child) in children(of: journeyIndex) {
            if first < 0 {
                if child.keyword == .stage && child.range.lowerBound >= middle { first = childIndex } else { continue }
            }
            guard child.keyword == .stage else {
                end = childIndex
                break
            }
            if isLowerable(child) { stages.append((childIndex, child)) }
        }
        guard first >= 0, !stages.isEmpty else { return nil }
        let run = stages
        let thread = FileChecker.onHelper(stageHelper()) { helper in
            for (childIndex, child) in run { helper.lowerStage(childIndex, child, scope: scope) }
        }
        return StageHalf(first: first, end: end, thread: thread)
    }

    /// A helper for the second half of the stages: an empty journey of the same name, with room
    /// for the whole file, as this checker has (only the pages written become memory; small
    /// pages: the arrays are short-lived, and a huge page may wait for compaction). The
    /// touchpoints it lowers as it meets them (`lowerTouchpointNowOrLater`) are adopted too.
    private func stageHelper() -> FileChecker {
        var helper = self.helper()
        helper.journey = JourneyBuilder(
            model: Journey(id: journey.model.id, title: journey.model.title, file: file,
                           location: journey.model.location, statement: journey.model.statement),
            namespace: Namespace(symbolCount: interner.count))
        helper.reserveCapacity(hugePages: false, touchpoints: false)
        return helper
    }

    /// Appends the stages a helper lowered, or returns false when they cannot be used.
    mutating func adopt(_ half: StageHalf) -> Bool {
        var helper = half.thread.take()
        guard isClean(helper) else { return false }
        // Touchpoints that this checker kept for later come before the helper's in the source:
        // the helper's, lowered already, cannot be put after them.
        guard journey.lowersTouchpointsNow || helper.journey.model.touchpoints.isEmpty else { return false }
        for (symbol, _) in helper.journey.namespace.declared where journey.namespace[symbol] != nil { return false }
        let stageBase = Int32(journey.model.stages.count)
        let stepBase = Int32(journey.model.steps.count)
        let actionBase = Int32(journey.model.actions.count)
        let kpiBase = Int32(journey.model.kpis.count)
        let textBase = Int32(journey.model.texts.count)
        let systemBase = Int32(journey.model.systemPool.count)
        for (symbol, element) in helper.journey.namespace.declared {
            var shifted = element
            switch element.kind {
            case .stage: shifted.index += stageBase
            case .step: shifted.index += stepBase
            case .action: shifted.index += actionBase
            case .kpi: shifted.index += kpiBase
            case .opportunity: return false // not declared inside stages; never reached
            }
            _ = journey.declare(symbol, as: shifted)
        }
        // Shifted where they are (the helper's arrays are this checker's alone now), then
        // appended as blocks of bytes.
        helper.journey.model.stages.withUnsafeMutableBufferPointer { stages in
            for index in stages.indices {
                stages[index].steps = stages[index].steps.shifted(by: stepBase)
                stages[index].actions = stages[index].actions.shifted(by: actionBase)
            }
        }
        helper.journey.model.steps.withUnsafeMutableBufferPointer { steps in
            for index in steps.indices {
                steps[index].stage += stageBase
                steps[index].texts = steps[index].texts.shifted(by: textBase)
            }
        }
        helper.journey.model.actions.withUnsafeMutableBufferPointer { actions in
            for index in actions.indices {
                actions[index].stage += stageBase
                actions[index].texts = actions[index].texts.shifted(by: textBase)
                actions[index].systems = actions[index].systems.shifted(by: systemBase)
            }
        }
        for index in helper.journey.model.kpis.indices { helper.journey.model.kpis[index].stage += stageBase }
        // The helper's arrays are handed back to the system as they are appended (see
        // `appendReleasing`): the peak of memory holds a megabyte of them beside this
        // checker's arrays, not all of them. (Stages and kpis hold arrays of notes: appended.)
        journey.model.stages.append(contentsOf: helper.journey.model.stages)
        helper.journey.model.stages = []
        journey.model.steps.appendReleasing(&helper.journey.model.steps)
        journey.model.actions.appendReleasing(&helper.journey.model.actions)
        journey.model.kpis.append(contentsOf: helper.journey.model.kpis)
        journey.model.texts.appendReleasing(&helper.journey.model.texts)
        journey.model.systemPool.append(contentsOf: helper.journey.model.systemPool)
        adoptTouchpoints(of: &helper, stageBase: stageBase, stepBase: stepBase, actionBase: actionBase)
        for (node, stage, scope) in helper.journey.pendingTouchpoints {
            journey.pendingTouchpoints.append((node, stage + stageBase, scope))
        }
        for (stage, target, keyword) in helper.journey.pendingLoops {
            journey.pendingLoops.append((stage + stageBase, target, keyword))
        }
        FileChecker.adoptedStageHalves.add(1, ordering: .relaxed)
        return true
    }

    /// Appends the touchpoints a stage helper lowered as it met them, with their stage, step,
    /// action and note indices shifted past this checker's.
    private mutating func adoptTouchpoints(of helper: inout FileChecker, stageBase: Int32, stepBase: Int32, actionBase: Int32) {
        guard !helper.journey.model.touchpoints.isEmpty else { return }
        helper.journey.model.pairedSteps.withUnsafeMutableBufferPointer { steps in
            for index in steps.indices { steps[index] += stepBase }
        }
        helper.journey.model.pairedActions.withUnsafeMutableBufferPointer { actions in
            for index in actions.indices { actions[index] += actionBase }
        }
        appendTouchpoints(of: &helper, stageBase: stageBase)
    }

    // MARK: - Touchpoints

    /// A helper for the second half of the touchpoints: the whole journey so far, read-only;
    /// only the touchpoints' own arrays start empty. This checker changes none of the shared
    /// arrays while the helper's copy lives (only the four emptied here), so neither side
    /// copies them.
    private func touchpointHelper(reserving count: Int) -> FileChecker {
        var helper = self.helper()
        helper.journey = journey
        helper.journey.model.touchpoints = []
        helper.journey.model.pairedSteps = []
        helper.journey.model.pairedActions = []
        helper.journey.model.touchpointNotes = []
        helper.journey.model.touchpointNoteOwners = []
        helper.journey.model.touchpoints.reserveCapacity(count)
        helper.journey.model.pairedSteps.reserveCapacity(count)
        helper.journey.model.pairedActions.reserveCapacity(count)
        return helper
    }

    /// Runs `work` on another thread with a helper that no one else holds: the thread hands it
    /// back as the only reference to its arrays, so this checker shifts them in place. (Held by
    /// a variable of the caller as well, the touchpoints' helper had its touchpoints copied whole
    /// when they were shifted: 6.7 MB for a dense 20 MB journey, at the peak of memory.)
    private static func onHelper(_ helper: consuming FileChecker,
                                 _ work: @escaping (inout FileChecker) -> Void) -> BackgroundThread<FileChecker> {
        var helper = helper
        return BackgroundThread { () -> FileChecker in
            work(&helper)
            return helper
        }
    }

    /// Lowers the touchpoints waiting for every name to be declared; a long run's second half
    /// on another thread.
    mutating func lowerPendingTouchpoints() {
        let pending = journey.pendingTouchpoints
        let middle = pending.count / 2
        guard FileChecker.isWorthASecondThread(pending.count >= FileChecker.touchpointsWorthASecondThread), middle > 0 else {
            for (index, stage, scope) in pending { lowerTouchpoint(index, stage: stage, scope: scope) }
            return
        }
        let run = pending[middle...]
        let thread = FileChecker.onHelper(touchpointHelper(reserving: pending.count - middle)) { helper in
            for (index, stage, scope) in run { helper.lowerTouchpoint(index, stage: stage, scope: scope) }
        }
        for (index, stage, scope) in pending[..<middle] { lowerTouchpoint(index, stage: stage, scope: scope) }
        var lowered = thread.take()
        guard isClean(lowered) else {
            for (index, stage, scope) in pending[middle...] { lowerTouchpoint(index, stage: stage, scope: scope) }
            return
        }
        appendTouchpoints(of: &lowered, stageBase: 0)
        FileChecker.adoptedTouchpointHalves.add(1, ordering: .relaxed)
    }

    /// Appends a helper's touchpoints and what they pair, their stage shifted by `stageBase`
    /// and their ranges past this checker's (the values of pairs are shifted by the caller).
    private mutating func appendTouchpoints(of helper: inout FileChecker, stageBase: Int32) {
        let pairedStepBase = Int32(journey.model.pairedSteps.count)
        let pairedActionBase = Int32(journey.model.pairedActions.count)
        let touchpointBase = Int32(journey.model.touchpoints.count)
        helper.journey.model.touchpoints.withUnsafeMutableBufferPointer { touchpoints in
            for index in touchpoints.indices {
                touchpoints[index].stage += stageBase
                touchpoints[index].steps = touchpoints[index].steps.shifted(by: pairedStepBase)
                touchpoints[index].actions = touchpoints[index].actions.shifted(by: pairedActionBase)
            }
        }
        journey.model.touchpoints.appendReleasing(&helper.journey.model.touchpoints)
        journey.model.pairedSteps.appendReleasing(&helper.journey.model.pairedSteps)
        journey.model.pairedActions.appendReleasing(&helper.journey.model.pairedActions)
        journey.model.touchpointNotes.appendReleasing(&helper.journey.model.touchpointNotes)
        helper.journey.model.touchpointNoteOwners.withUnsafeMutableBufferPointer { owners in
            for index in owners.indices { owners[index] += touchpointBase }
        }
        journey.model.touchpointNoteOwners.appendReleasing(&helper.journey.model.touchpointNoteOwners)
    }
}

/// The second half of a journey's run of stages, being lowered on another thread: the
/// children from `first` up to (not including) `end`.
struct StageHalf {
    var first: Int32
    var end: Int32
    var thread: BackgroundThread<FileChecker>

    func contains(_ child: Int32) -> Bool { child >= first && child < end }
}

extension Range<Int32> {
    func shifted(by offset: Int32) -> Range<Int32> { lowerBound + offset..<upperBound + offset }
}
