extension FileChecker {
    /// Lowers every journey of the file into the model.
    mutating func lowerJourneys() {
        var declared: [Int32: SourceLocation] = [:]
        for (index, node) in tree.children(of: nil) where node.keyword == .journey && isLowerable(node) {
            let id = argument(node, 0)
            if let first = declared[id.symbol] {
                report(Diagnostic(
                    .duplicateDefinition, "journey `\(name(id))` is declared twice", at: location(id),
                    label: "declared again here", secondary: [.init(first, "first declared here")],
                    help: "rename one of the journeys"))
                continue
            }
            declared[id.symbol] = location(id)
            lowerJourney(index, node)
            if needsWholeTree { return }
        }
    }

    private mutating func lowerJourney(_ index: Int32, _ node: SyntaxNode) {
        let id = argument(node, 0)
        // Journeys of a file share one namespace array, emptied between them.
        var namespace = journey.namespace
        journey.namespace = Namespace(symbolCount: 0)
        if namespace.symbolCount < interner.count { namespace = Namespace(symbolCount: interner.count) }
        namespace.clear()
        // `consume`: a variable still holding the namespace made the journey's first
        // declaration copy it whole (a slot for every name of the file).
        journey = JourneyBuilder(model: Journey(
            id: id.symbol, title: label(node), file: file, location: location(id), statement: statement(node)),
            namespace: consume namespace)
        // A journey with a hole is lowered a part at a time: its arrays are sized once the
        // first part is parsed, and it has no stage helper (the tree holds few stages).
        let hole = tree.hole.flatMap { $0.parent == index ? $0 : nil }
        if hole == nil { reserveCapacity() }
        let scope = makeAllowScope(for: index, parent: 0, element: .named("journey", id.symbol))
        journey.model.allowScope = scope
        let token = once.begin()
        let half = hole == nil ? startStageHalf(of: index, node, scope: scope) : nil
        var adopted: Bool? = nil
        let releases = hole == nil && statementRelease != nil && StatementRelease.covers(journeyBytes: node.range.count)
        if releases { statementRelease?.begin(journey: Int(index)) }
        for (childIndex, child) in children(of: index) where isLowerable(child) {
            if releases { releaseLoweredStatements(before: childIndex) }
            if let half, half.contains(childIndex) {
                if adopted == nil { adopted = adopt(half) }
                if adopted == true { continue }
            }
            lowerJourneyStatement(childIndex, child, token: token, scope: scope)
        }
        // A run whose statements were all skipped: the helper is still waited for.
        if let half, adopted == nil { _ = half.thread.join() }
        // Up to the next statement of the file: what lies between is this journey's.
        if releases { releaseLoweredStatements(before: node.nextSibling >= 0 ? node.nextSibling : Int32(nodeStore.count)) }
        if let hole {
            lowerParts(of: hole, token: token, scope: scope)
            if needsWholeTree { return }
        }
        if journey.model.stages.isEmpty {
            report(Diagnostic(
                .missingRequired, "journey `\(name(id))` has no stages", at: location(id), label: "no stages",
                help: "add at least one `stage ID \"Title\" { … }` to the journey"))
        }
        resolvePendingReferences()
        result.journeys.append(journey.model)
        journey.model = Journey.placeholder
    }

    /// Lowers one statement of a journey's block.
    mutating func lowerJourneyStatement(_ childIndex: Int32, _ child: SyntaxNode, token: OnceToken, scope: Int32) {
        let journeyID = journey.model.id
        guard checkOnce(child, element: token, in: .named("journey", journeyID)) else { return }
        switch child.keyword {
        case .persona:
            journey.model.persona = resolveCatalogue(.persona, argument(child, 0), for: "persona")
        case .strategy:
            journey.model.strategy = enumeration(child, as: Strategy.self)
            journey.model.strategyLocation = location(argument(child, 0))
        case .owner:
            journey.model.owner = resolveCatalogue(.team, argument(child, 0), for: "owner")
        case .note:
            journey.model.notes.append(textRef(argument(child, 0)))
        case .kpi:
            lowerKPI(childIndex, child, stage: -1, scope: scope)
        case .stage:
            lowerStage(childIndex, child, scope: scope)
        case .touchpoint:
            lowerTouchpointNowOrLater(childIndex, stage: -1, scope: scope)
        case .opportunity:
            lowerOpportunity(childIndex, child, scope: scope)
        default:
            break
        }
    }

    /// Hands back the statements before `node`, unless something waits to read them.
    private mutating func releaseLoweredStatements(before node: Int32) {
        guard journey.pendingTouchpoints.isEmpty else { return }
        statementRelease?.release(before: Int(node))
    }

    /// Sizes the journey's arrays for what the file holds but earlier journeys did not take,
    /// so that they never grow by copying. Capacity not used is never touched. `touchpoints`
    /// false leaves out what only touchpoints and opportunities fill (a helper lowering stages:
    /// its unused room held pages that earlier blocks had made resident; the few touchpoints
    /// it lowers as it meets them grow their arrays: cxj-bench shape, 20 MB, peak 84.5 → 80.9
    /// MiB).
    /// `counts` are the statements of each keyword the file holds (estimated, for a hole).
    mutating func reserveCapacity(hugePages: Bool = true, touchpoints forTouchpoints: Bool = true, counts: [Int32]? = nil) {
        let counts = counts ?? tree.keywordCounts
        func remaining(_ keyword: Keyword, _ used: (Journey) -> Int) -> Int {
            max(0, Int(counts[Int(keyword.rawValue)]) - result.journeys.reduce(0) { $0 + used($1) })
        }
        let steps = remaining(.step) { $0.steps.count }
        let actions = remaining(.action) { $0.actions.count }
        let touchpoints = remaining(.touchpoint) { $0.touchpoints.count }
        journey.model.stages.reserveCapacity(remaining(.stage) { $0.stages.count })
        journey.model.steps.reserveCapacity(steps)
        journey.model.actions.reserveCapacity(actions)
        journey.model.kpis.reserveCapacity(remaining(.kpi) { $0.kpis.count })
        if forTouchpoints {
            journey.model.touchpoints.reserveCapacity(touchpoints)
            journey.model.opportunities.reserveCapacity(remaining(.opportunity) { $0.opportunities.count })
            journey.model.pairedSteps.reserveCapacity(max(steps, touchpoints))
            journey.model.pairedActions.reserveCapacity(max(actions, touchpoints))
        }
        let texts = [Keyword.thinks, .needs, .pain, .info, .note].reduce(0) { $0 + Int(counts[Int($1.rawValue)]) }
        journey.model.texts.reserveCapacity(texts - result.journeys.reduce(0) { $0 + $1.texts.count })
        journey.namespace.reserveCapacity(steps + actions + remaining(.stage) { $0.stages.count })
        if hugePages {
            HugePages.advise(&journey.model.steps)
            HugePages.advise(&journey.model.actions)
            if forTouchpoints { HugePages.advise(&journey.model.touchpoints) }
        }
    }

    /// Declares an element's name; reports CXJ102 and returns false when the journey has it
    /// already. (Inlined, the report out of line, as `makeAllowScope`.)
    @inline(__always)
    mutating func declare(_ id: SyntaxArgument, as element: ElementRef) -> Bool {
        guard let existing = journey.declare(id.symbol, as: element) else { return true }
        reportDeclaredTwice(id, as: element, existing: existing)
        return false
    }

    @inline(never)
    private mutating func reportDeclaredTwice(_ id: SyntaxArgument, as element: ElementRef, existing: ElementRef) {
        let kindNote = existing.kind == element.kind ? "first declared here" : "first declared here, as \(existing.kind.noun)"
        report(Diagnostic(
            .duplicateDefinition, "`\(name(id))` is declared twice in journey `\(interner.name(journey.model.id))`",
            at: location(id), label: "declared again here",
            secondary: [.init(journey.declaration(of: existing), kindNote)],
            notes: ["stages, steps, actions, kpis and opportunities share one namespace per journey"],
            help: "rename one of them"))
    }

    mutating func lowerStage(_ index: Int32, _ node: SyntaxNode, scope parentScope: Int32) {
        let id = argument(node, 0)
        let stageIndex = Int32(journey.model.stages.count)
        guard declare(id, as: ElementRef(kind: .stage, index: stageIndex)) else { return }
        var stage = Stage(id: id.symbol, title: label(node), location: location(id), statement: statement(node))
        let scope = makeAllowScope(for: index, parent: parentScope, element: .named("stage", id.symbol))
        stage.allowScope = scope
        journey.model.stages.append(stage)
        let firstStep = Int32(journey.model.steps.count)
        let firstAction = Int32(journey.model.actions.count)
        var given = GivenKeywords()
        for (childIndex, child) in children(of: index) where isLowerable(child) {
            // A once-only statement is lowerable only when well-formed (see `isLowerable`).
            guard checkOnce(child, given: &given, parent: index, in: .named("stage", id.symbol)) else { continue }
            switch child.keyword {
            case .phase:
                journey.model.stages[Int(stageIndex)].phase = enumeration(child, as: Phase.self)
                journey.model.stages[Int(stageIndex)].phaseLocation = location(argument(child, 0))
            case .reach:
                journey.model.stages[Int(stageIndex)].reach = integer(child, in: 0...1_000_000_000_000, "a whole number of customers, 0 or more")
                journey.model.stages[Int(stageIndex)].reachLocation = location(argument(child, 0))
            case .targetConversion:
                journey.model.stages[Int(stageIndex)].targetConversion = percentage(child)
                journey.model.stages[Int(stageIndex)].targetConversionLocation = location(argument(child, 0))
            case .loopsTo:
                journey.pendingLoops.append((stageIndex, argument(child, 0), child.keywordRange))
            case .note:
                journey.model.stages[Int(stageIndex)].notes.append(textRef(argument(child, 0)))
            case .kpi:
                lowerKPI(childIndex, child, stage: stageIndex, scope: scope)
            case .customer:
                let blockScope = makeAllowScope(for: childIndex, parent: scope, element: .strand("customer", id.symbol))
                for (stepIndex, step) in children(of: childIndex) where isLowerable(step) && step.keyword == .step {
                    lowerStep(stepIndex, step, stage: stageIndex, scope: blockScope)
                }
            case .organization:
                let blockScope = makeAllowScope(for: childIndex, parent: scope, element: .strand("organization", id.symbol))
                for (actionIndex, action) in children(of: childIndex) where isLowerable(action) && action.keyword == .action {
                    lowerAction(actionIndex, action, stage: stageIndex, scope: blockScope)
                }
            case .touchpoint:
                lowerTouchpointNowOrLater(childIndex, stage: stageIndex, scope: scope)
            default:
                break
            }
        }
        journey.model.stages[Int(stageIndex)].steps = firstStep..<Int32(journey.model.steps.count)
        journey.model.stages[Int(stageIndex)].actions = firstAction..<Int32(journey.model.actions.count)
    }

    /// Resolves what had to wait for every element to be declared: touchpoints, `loops-to`
    /// and `addresses`.
    private mutating func resolvePendingReferences() {
        lowerPendingTouchpoints()
        for (stageIndex, target, keyword) in journey.pendingLoops {
            guard let found = resolveElement(target, as: [.stage], role: "`loops-to`") else { continue }
            let stage = journey.model.stages[Int(stageIndex)]
            if stage.phase != .repeat {
                var diagnostic = Diagnostic(
                    .statementNotAllowed, "`loops-to` is only allowed in a stage whose phase is `repeat`",
                    at: location(keyword), label: "stage `\(interner.name(stage.id))` is not a repeat stage",
                    help: "set `phase repeat` on this stage, or remove `loops-to`")
                if let phase = stage.phaseLocation {
                    diagnostic.secondary = [.init(phase, "the phase is set here")]
                }
                report(diagnostic)
                continue
            }
            journey.model.stages[Int(stageIndex)].loopsTo = found.index
        }
        for (opportunity, targets) in journey.pendingAddresses {
            var addressed: [ElementRef] = []
            for target in targets {
                if let found = resolveElement(target, as: [.step, .action, .stage], role: "`addresses`"),
                   !addressed.contains(found) {
                    addressed.append(found)
                }
            }
            journey.model.opportunities[Int(opportunity)].addresses = addressed
        }
    }
}
