extension FileChecker {
    mutating func lowerStep(_ index: Int32, _ node: SyntaxNode, stage: Int32, scope parentScope: Int32) {
        let id = argument(node, 0)
        guard declare(id, as: ElementRef(kind: .step, index: Int32(journey.model.steps.count))) else { return }
        var step = Step(id: id.symbol, label: label(node), stage: stage, location: location(id),
                        statement: statement(node))
        step.allowScope = makeAllowScope(for: index, parent: parentScope, element: .named("step", id.symbol))
        let firstText = Int32(journey.model.texts.count)
        var given = GivenKeywords()
        for (_, child) in children(of: index) where !child.isMalformed {
            guard checkOnce(child, given: &given, parent: index, in: .named("step", id.symbol)) else { continue }
            switch child.keyword {
            case .channel:
                step.channel = resolveCatalogue(.channel, argument(child, 0), for: "channel")
            case .emotion:
                step.emotion = integer(child, in: -3...3, "a whole number from -3 to 3").map { Int8($0) }
            case .thinks: addText(.thinks, child)
            case .needs: addText(.needs, child)
            case .pain: addText(.pain, child)
            case .info: addText(.info, child)
            case .note: addText(.note, child)
            case .critical: step.isCritical = true
            case .selfService: step.isSelfService = true
            default: break
            }
        }
        step.texts = firstText..<Int32(journey.model.texts.count)
        journey.model.steps.append(step)
    }

    private mutating func addText(_ kind: TextKind, _ node: SyntaxNode) {
        journey.model.texts.append(TextItem(kind: kind, text: textRef(argument(node, 0))))
    }

    mutating func lowerAction(_ index: Int32, _ node: SyntaxNode, stage: Int32, scope parentScope: Int32) {
        let id = argument(node, 0)
        guard declare(id, as: ElementRef(kind: .action, index: Int32(journey.model.actions.count))) else { return }
        var action = Action(id: id.symbol, label: label(node), stage: stage, location: location(id),
                            statement: statement(node))
        action.allowScope = makeAllowScope(for: index, parent: parentScope, element: .named("action", id.symbol))
        let firstText = Int32(journey.model.texts.count)
        let firstSystem = Int32(journey.model.systemPool.count)
        var given = GivenKeywords()
        for (_, child) in children(of: index) where !child.isMalformed {
            guard checkOnce(child, given: &given, parent: index, in: .named("action", id.symbol)) else { continue }
            switch child.keyword {
            case .owner:
                action.owner = resolveCatalogue(.team, argument(child, 0), for: "owner")
            case .layer:
                action.layer = enumeration(child, as: Layer.self) ?? .frontstage
            case .channel:
                action.channel = resolveCatalogue(.channel, argument(child, 0), for: "channel")
            case .uses:
                for system in arguments(of: child) {
                    let found = resolveCatalogue(.system, system, for: "uses")
                    if found >= 0 && !journey.model.systemPool[Int(firstSystem)...].contains(found) {
                        journey.model.systemPool.append(found)
                    }
                }
            case .automation:
                action.automation = enumeration(child, as: Automation.self)
            case .note:
                addText(.note, child)
            default:
                break
            }
        }
        action.texts = firstText..<Int32(journey.model.texts.count)
        action.systems = firstSystem..<Int32(journey.model.systemPool.count)
        journey.model.actions.append(action)
    }

    /// Lowers a touchpoint now when it is certain to come out as it would once every element of
    /// the journey is declared; otherwise keeps it, and every touchpoint after it, for then
    /// (`pendingTouchpoints`), so that touchpoints keep the order they are written in.
    ///
    /// Certain means: each name before `<->` is already a step and each after it an action (a
    /// name is never declared again, so the lookups made later find the same elements, and the
    /// sides are not swapped), and the statement opens no `allow` scope (scopes are numbered in
    /// the order they open). What else a touchpoint reads (the catalogue, its scores and notes)
    /// does not change while the journey is lowered, and its diagnostics are sorted with all the
    /// others. Lowered now, its statements are not read again (see `StatementRelease`).
    mutating func lowerTouchpointNowOrLater(_ index: Int32, stage: Int32, scope: Int32) {
        let node = nodeStore[Int(index)]
        if FileChecker.lowersTouchpointsAsMet && journey.lowersTouchpointsNow
            && FileChecker.resolvesNow(node, arguments(of: node), in: journey.namespace) {
            lowerTouchpoint(index, stage: stage, scope: scope)
        } else {
            journey.pendingTouchpoints.append((index, stage, scope))
        }
    }

    /// False keeps every touchpoint for the journey's end, as before touchpoints were lowered
    /// as they are met: for the tests, which compare the two.
    nonisolated(unsafe) static var lowersTouchpointsAsMet = true

    /// Whether every name of a touchpoint is declared already, with the kind its side takes,
    /// and its block holds no `allow`. (Static: a method reading `journey` copied the whole
    /// checker first, 1,100 instructions a touchpoint.)
    private static func resolvesNow(_ node: SyntaxNode, _ arguments: ArgumentRun, in namespace: borrowing Namespace) -> Bool {
        guard !node.blockHasAllow else { return false }
        var side = ElementKind.step
        var arrows = 0
        for reference in arguments {
            if reference.kind == .arrow {
                side = .action
                arrows += 1
                continue
            }
            guard reference.symbol >= 0, let found = namespace[reference.symbol], found.kind == side else { return false }
        }
        return arrows == 1
    }

    /// Lowers a touchpoint whose steps and actions are declared (or will not be).
    mutating func lowerTouchpoint(_ index: Int32, stage: Int32, scope parentScope: Int32) {
        let node = nodeStore[Int(index)]
        var touchpoint = Touchpoint(statement: statement(node), stage: stage)
        let arguments = arguments(of: node)
        let arrow = arguments.firstIndex { $0.kind == .arrow } ?? arguments.endIndex
        var left = arguments[arguments.startIndex..<arrow]
        var right = arguments[min(arrow + 1, arguments.endIndex)...]
        if reportSwappedSides(left, right, arrow: arrow < arguments.endIndex ? arguments[arrow] : nil) {
            swap(&left, &right)
        }
        let firstStep = Int32(journey.model.pairedSteps.count)
        for reference in left {
            if let step = resolveElement(reference, as: .step, role: "the customer side of `<->`"),
               !journey.model.pairedSteps[Int(firstStep)...].contains(step.index) {
                journey.model.pairedSteps.append(step.index)
            }
        }
        touchpoint.steps = firstStep..<Int32(journey.model.pairedSteps.count)
        let firstAction = Int32(journey.model.pairedActions.count)
        for reference in right {
            if let action = resolveElement(reference, as: .action, role: "the organization side of `<->`"),
               !journey.model.pairedActions[Int(firstAction)...].contains(action.index) {
                journey.model.pairedActions.append(action.index)
            }
        }
        touchpoint.actions = firstAction..<Int32(journey.model.pairedActions.count)
        let span = Int(arguments.first?.start ?? node.keywordEnd)..<Int(arguments.last?.end ?? node.keywordEnd)
        touchpoint.allowScope = makeAllowScope(for: index, parent: parentScope, element: .touchpoint(span))
        var given = GivenKeywords()
        for (_, child) in children(of: index) where !child.isMalformed {
            guard checkOnce(child, given: &given, parent: index, in: .touchpoint(span)) else { continue }
            switch child.keyword {
            case .via:
                touchpoint.via = resolveCatalogue(.channel, argument(child, 0), for: "via")
            case .claimed:
                touchpoint.claimed = score(child)
            case .perceived:
                touchpoint.perceived = score(child)
            case .note:
                journey.model.touchpointNotes.append(textRef(argument(child, 0)))
                journey.model.touchpointNoteOwners.append(Int32(journey.model.touchpoints.count))
            default:
                break
            }
        }
        journey.model.touchpoints.append(touchpoint)
    }

    mutating func lowerKPI(_ index: Int32, _ node: SyntaxNode, stage: Int32, scope parentScope: Int32) {
        let id = argument(node, 0)
        guard declare(id, as: ElementRef(kind: .kpi, index: Int32(journey.model.kpis.count))) else { return }
        var kpi = KPI(id: id.symbol, label: label(node), location: location(id), statement: statement(node),
                      stage: stage)
        kpi.allowScope = makeAllowScope(for: index, parent: parentScope, element: .named("kpi", id.symbol))
        var given = GivenKeywords()
        for (_, child) in children(of: index) where !child.isMalformed {
            guard checkOnce(child, given: &given, parent: index, in: .named("kpi", id.symbol)) else { continue }
            switch child.keyword {
            case .actual:
                kpi.actual = measure(child)
                kpi.actualLocation = location(valueRange(child))
            case .target:
                kpi.comparison = argument(child, 0).kind == .greaterEqual ? .atLeast : .atMost
                kpi.target = measure(child)
                kpi.targetLocation = location(argument(child, 1))
            case .note:
                kpi.notes.append(textRef(argument(child, 0)))
            default:
                break
            }
        }
        if kpi.actualLocation == nil {
            report(Diagnostic(
                .missingRequired, "kpi `\(name(id))` has no `actual` value", at: location(id), label: "no `actual`",
                help: "add the measured value to the kpi's block, such as `actual 500`"))
        } else if let actual = kpi.actual, let target = kpi.target, actual.quantity != target.quantity,
                  let targetLocation = kpi.targetLocation, let actualLocation = kpi.actualLocation {
            report(Diagnostic(
                .valueOutOfRange, "the target of kpi `\(name(id))` is \(target.quantity), but its actual value is \(actual.quantity)",
                at: targetLocation, label: "\(target.quantity)",
                secondary: [.init(actualLocation, "\(actual.quantity)")],
                help: "write the actual value and the target with the same kind of unit"))
            kpi.target = nil
        }
        journey.model.kpis.append(kpi)
    }

    mutating func lowerOpportunity(_ index: Int32, _ node: SyntaxNode, scope parentScope: Int32) {
        let id = argument(node, 0)
        let opportunityIndex = Int32(journey.model.opportunities.count)
        guard declare(id, as: ElementRef(kind: .opportunity, index: opportunityIndex)) else { return }
        var opportunity = Opportunity(id: id.symbol, label: label(node), location: location(id),
                                      statement: statement(node))
        opportunity.allowScope = makeAllowScope(for: index, parent: parentScope, element: .named("opportunity", id.symbol))
        var addresses = false
        var given = GivenKeywords()
        for (_, child) in children(of: index) where !child.isMalformed {
            guard checkOnce(child, given: &given, parent: index, in: .named("opportunity", id.symbol)) else { continue }
            switch child.keyword {
            case .addresses:
                addresses = true
                journey.pendingAddresses.append((opportunityIndex, Array(arguments(of: child))))
            case .kind:
                opportunity.kind = enumeration(child, as: OpportunityKind.self)
            case .owner:
                opportunity.owner = resolveCatalogue(.team, argument(child, 0), for: "owner")
            case .impact:
                opportunity.impact = enumeration(child, as: Level.self)
            case .effort:
                opportunity.effort = enumeration(child, as: Level.self)
            case .note:
                opportunity.notes.append(textRef(argument(child, 0)))
            default:
                break
            }
        }
        if !addresses {
            report(Diagnostic(
                .missingRequired, "opportunity `\(name(id))` addresses nothing", at: location(id), label: "no `addresses`",
                help: "say which steps, actions or stages it improves, such as `addresses tweet`"))
        }
        journey.model.opportunities.append(opportunity)
    }

    /// `touchpoint ACTION <-> STEP`: when every name on the left is an action and every name on
    /// the right a step, reports one CXJ103 with the sides swapped back as a safe fix, instead
    /// of one error per name. Returns whether the sides are swapped.
    /// (Inlined up to the first name of the left side, an action only when the sides are
    /// swapped: every touchpoint asks.)
    @inline(__always)
    mutating func reportSwappedSides(_ left: ArgumentRun, _ right: ArgumentRun,
                                     arrow: SyntaxArgument?) -> Bool {
        guard let first = left.first, journey.namespace[first.symbol]?.kind == .action else { return false }
        return reportSwappedSidesIfAll(left, right, arrow: arrow)
    }

    @inline(never)
    private mutating func reportSwappedSidesIfAll(_ left: ArgumentRun, _ right: ArgumentRun,
                                                  arrow: SyntaxArgument?) -> Bool {
        guard let arrow, let first = left.first, let last = right.last,
              left.allSatisfy({ journey.namespace[$0.symbol]?.kind == .action }),
              right.allSatisfy({ journey.namespace[$0.symbol]?.kind == .step }) else { return false }
        let span = location(Int(first.start)..<Int(last.end))
        let swapped = right.map { name($0) }.joined(separator: ", ") + " <-> " + left.map { name($0) }.joined(separator: ", ")
        var diagnostic = Diagnostic(
            .wrongKind, "the sides of this touchpoint are swapped", at: span,
            label: "actions on the left, steps on the right", secondary: [.init(location(arrow), "steps go before `<->`, actions after")],
            help: "write `touchpoint \(swapped)`")
        diagnostic.fixes = [Fix("swap the sides", edits: [Edit(span, swapped)], isSafe: true)]
        report(diagnostic)
        return true
    }
}
