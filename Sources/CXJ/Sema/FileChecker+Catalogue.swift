extension FileChecker {
    private static func kind(of keyword: Keyword) -> CatalogueKind? {
        switch keyword {
        case .persona: return .persona
        case .channel: return .channel
        case .team: return .team
        case .system: return .system
        default: return nil
        }
    }

    /// Collects the catalogue declarations of this file and everything it imports, imports
    /// first, reporting duplicates (CXJ102), then reads their properties. Only this file's own
    /// declarations report problems; imported files are checked as files of their own.
    mutating func buildCatalogue() {
        // A file that declares no entry sees what the files it imports declare, as every
        // other file importing the same ones does: built once (`CatalogueCache`).
        if let catalogues = scope.catalogues, !CatalogueCache.isBypassedForTests, !scope.declaresCatalogue {
            let imported = scope.catalogueFiles.filter { $0 != file }
            if let built = catalogues._withUnsafeGuaranteedRef({ $0.built(importing: imported) }) {
                result.catalogue = built.catalogue
                result.diagnostics += built.diagnostics
                mapCatalogueSymbols()
            } else {
                let firstDiagnostic = result.diagnostics.count
                collectCatalogue()
                let built = CatalogueCache.Built(catalogue: result.catalogue,
                                                 diagnostics: Array(result.diagnostics[firstDiagnostic...]))
                catalogues._withUnsafeGuaranteedRef { $0.store(built, importing: imported) }
            }
        } else {
            collectCatalogue()
        }
    }

    /// Adds the entries of every file of the scope to the catalogue, reporting duplicates, maps
    /// this file's symbols to them, and reads their properties (an owner names a team by symbol).
    private mutating func collectCatalogue() {
        var declared: [(file: Int, node: Int32, index: Int32)] = []
        for member in scope.catalogueFiles {
            let memberTree = member == file ? tree : scope.trees[member]
            for (nodeIndex, node) in memberTree.children(of: nil) where FileChecker.isLowerable(node, in: memberTree) {
                guard let kind = FileChecker.kind(of: node.keyword) else { continue }
                let id = memberTree.arguments[Int(node.firstArgument)]
                let entry = CatalogueEntry(
                    kind: kind, name: memberTree.interner.name(id.symbol),
                    label: FileChecker.label(node, in: memberTree),
                    location: memberTree.location(id.range), statement: memberTree.location(node.range))
                if let existing = result.catalogue.add(entry) {
                    let first = result.catalogue.entries[Int(existing)]
                    report(Diagnostic(
                        .duplicateDefinition, "\(kind.noun) `\(entry.name)` is declared twice", at: entry.location,
                        label: "declared again here", secondary: [.init(first.location, "first declared here")],
                        notes: member == file && first.location.file != file
                            ? ["the first declaration comes from an imported file"] : [],
                        help: "rename one of them, or remove the second declaration"))
                    continue
                }
                declared.append((member, nodeIndex, Int32(result.catalogue.entries.count - 1)))
            }
        }
        mapCatalogueSymbols()
        // The entries come grouped by file: each file's tree is copied once for all of them (a
        // copy takes a reference to each of its arrays, and every file importing a catalogue
        // reads the same tree, from both cores).
        var start = 0
        while start < declared.count {
            let member = declared[start].file
            var end = start + 1
            while end < declared.count && declared[end].file == member { end += 1 }
            let memberTree = member == file ? tree : scope.trees[member]
            for (_, node, index) in declared[start..<end] where memberTree.nodes[Int(node)].hasBlock {
                readCatalogueProperties(node, of: index, in: member, memberTree)
            }
            start = end
        }
    }

    /// Maps this file's symbols to the catalogue's entries.
    private mutating func mapCatalogueSymbols() {
        // With a hole, names met only in the statements left out are not interned yet: every
        // entry's is, so that the parts' names are merged into the same symbols.
        for (index, entry) in result.catalogue.entries.enumerated() {
            if let symbol = tree.hole == nil ? interner.lookup(entry.name) : Optional(interner.intern(entry.name)) {
                catalogueSymbols[Int(entry.kind.rawValue)][symbol] = Int32(index)
            }
        }
    }

    /// Reads the block of a catalogue declaration.
    private mutating func readCatalogueProperties(_ nodeIndex: Int32, of index: Int32, in member: Int,
                                                  _ memberTree: borrowing SyntaxTree) {
        let node = memberTree.nodes[Int(nodeIndex)]
        let isOwn = member == file
        // Spelled out only for a message, and only this file's entries can have one.
        let entryName = ElementName.named(result.catalogue.entries[Int(index)].kind.noun,
                                          isOwn ? memberTree.arguments[Int(node.firstArgument)].symbol : -1)
        if isOwn {
            result.catalogue.entries[Int(index)].allowScope = makeAllowScope(for: nodeIndex, parent: 0, element: entryName)
        }
        let token = once.begin()
        var entry = result.catalogue.entries[Int(index)]
        for (_, child) in memberTree.children(of: nodeIndex) where !child.isMalformed {
            if isOwn && !checkOnce(child, element: token, in: entryName) { continue }
            let first = memberTree.arguments[Int(child.firstArgument)]
            let text = TextRef(file: Int32(member), start: first.start, end: first.end, isMultiline: first.kind == .multilineString)
            switch child.keyword {
            case .goal: entry.goal = text
            case .segment: entry.segment = text
            case .note: entry.notes.append(text)
            case .kind:
                if isOwn {
                    entry.channelKind = enumeration(child, as: ChannelKind.self)
                } else {
                    entry.channelKind = ChannelKind(spelling: memberTree.interner.name(first.symbol))
                }
            case .owner:
                if isOwn {
                    entry.owner = resolveCatalogue(.team, first, for: "owner")
                } else {
                    entry.owner = result.catalogue.find(.team, memberTree.interner.name(first.symbol)) ?? -1
                }
            default:
                break
            }
        }
        result.catalogue.entries[Int(index)] = entry
    }
}
