extension Compiler {
    /// In a run that reports diagnostics and emits nothing from the checked files (`cxj check`
    /// over several files), a file with no diagnostic at all is done with once it is linted,
    /// unless another file's diagnostic may point into it: its model is dropped and its bytes
    /// handed back, and what checking the next files allocates reuses that memory. Over 1,000
    /// small journeys these were two fifths of what the run kept.
    ///
    /// Another file's diagnostic points only into files it reads: those that declare catalogue
    /// entries (`CheckScope.catalogueFiles`), and the files of an import cycle or of a missing,
    /// refused or too deep import, which the load's diagnostics name (`touchedByLoad`). So a
    /// file that declares no entry and that no load diagnostic names is read by no one else.
    /// `parseIsClean` says whether its parse reported nothing (its tree's diagnostics, or
    /// `parseDiagnostics` once the tree was handed back). Called by the task that checked the
    /// file, while no other thread reads it.
    ///
    /// A file that has diagnostics, under the same conditions, keeps its bytes (its diagnostics
    /// point into them) but drops its model once the suggestions of its diagnostics are worked
    /// out from it (`settleAndDropModel`).
    static func releaseIfClean(_ file: inout CheckedFile, parseIsClean: Bool, declaresCatalogue: Bool, touchedByLoad: Bool) {
        guard !declaresCatalogue, !touchedByLoad else { return }
        guard parseIsClean, file.diagnostics.isEmpty, file.findings.isEmpty, file.parseDiagnostics?.isEmpty ?? true else {
            settleAndDropModel(&file)
            return
        }
        file.dropModel()
        file.source.releaseBytes()
    }

    /// The files with an error of their own: one their parse or their check reports, wherever it
    /// is located, or one of the load's located in them. A check reports its errors in its own
    /// file, but for one: a name declared by two catalogues that a file imports is reported at
    /// the second declaration, by the check of the importer (CXJ102). That error is the
    /// importer's: it blocks the output of the files that import both catalogues, not of those
    /// that import one of them alone, whose catalogue is whole. (Before, it blocked every file
    /// importing the second catalogue, which then depended on files it does not read, and
    /// `compile` could not write an input until every file was checked.)
    static func filesWithErrors(_ workspace: Workspace, _ files: [CheckedFile]) -> Set<Int> {
        var withErrors = Set<Int>()
        for diagnostic in workspace.diagnostics where diagnostic.severity == .error { withErrors.insert(diagnostic.location.file) }
        for index in files.indices
        where files[index].reportsErrors(parse: files[index].parseDiagnostics ?? (index < workspace.trees.count ? workspace.trees[index].diagnostics : [])) {
            withErrors.insert(index)
        }
        return withErrors
    }

    /// Whether `output` wrote exactly the inputs `cxj compile` writes once everything is checked:
    /// those with no error in their closure (`OrderedOutput`). Unless a file changed while it
    /// was read, which may be found after an input was written.
    static func writtenAsDecided(by output: OrderedOutput, _ result: CheckResult) -> Bool {
        let workspace = result.workspace
        if workspace.sources.contains(where: \.hasChanged) { return true }
        return workspace.roots.allSatisfy { output.wasWritten($0) == !result.hasErrors(affecting: $0) }
    }

    /// Whether each file holds a location of a load diagnostic (an import's, or a cycle's).
    static func touchedByLoad(_ diagnostics: [Diagnostic], fileCount: Int) -> [Bool] {
        var touched = [Bool](filling: false, count: fileCount)
        for diagnostic in diagnostics {
            for location in diagnostic.locations where location.file >= 0 && location.file < fileCount {
                touched[location.file] = true
            }
        }
        return touched
    }

    /// Whether a diagnostic points into a file whose bytes were handed back: never, by the
    /// reasoning of `releaseIfClean` (checked in debug builds, and so by the tests).
    static func pointsIntoReleasedFile(_ diagnostic: Diagnostic, sources: [SourceFile]) -> Bool {
        diagnostic.locations.contains { $0.file >= 0 && $0.file < sources.count && sources[$0.file].bytesWereReleased }
    }
}

extension Diagnostic {
    /// Every location the diagnostic names: its own, its labels' and its fixes' edits'.
    var locations: [SourceLocation] {
        [location] + secondary.map(\.location) + fixes.flatMap { $0.edits.map(\.location) }
    }
}

extension CheckedFile {
    /// Whether its parse (`parse`), its check or its gap rules report an error.
    func reportsErrors(parse: [Diagnostic]) -> Bool {
        parse.contains { $0.severity == .error } || diagnostics.contains { $0.severity == .error }
            || findings.contains { $0.diagnostic.severity == .error }
    }

    /// Empties everything an emitter or a suggestion would read, keeping the file's
    /// diagnostics and findings (`Compiler.releaseIfClean`).
    mutating func dropModel() {
        interner = Interner()
        catalogue = Catalogue()
        journeys = []
        allows = []
        allowScopes = []
        errorLocations = []
        journeyFacts = []
    }
}
