/// The syntax trees of a workspace, by file index, each in a slot of its own.
///
/// It reads and writes like an array of trees. The slots exist for one thing an array cannot
/// do: a run that reads no tree after checking (`check` and `compile`, see
/// `Workspace.releasesTrees`) hands back a file's tree as soon as the file is checked, on
/// whichever thread checked it, while the other threads go on reading the trees of the files
/// they check. Writing an element of an array that other threads read is a data race; a slot
/// is an object of its own, which only its file's task touches.
///
/// Over 1,000 small journeys the trees are 7.2 MiB, a third of the run's 21.4 MiB peak, and
/// what checking allocates next was fresh memory: with each tree handed back once its file is
/// checked, checking reuses that memory instead (see `Compiler.check`).
public struct SyntaxTrees: RandomAccessCollection, MutableCollection, Sendable {
    /// One file's tree. Only the task that parses the file (`store`) and the one that checks
    /// it (`handBack`) write it.
    ///
    /// The tree is held in a box of its own, and a slot with none (a file not parsed yet, or
    /// handed back) reads as the file's empty tree: a slot that held its tree inline was 153
    /// bytes for every file until the run ended, 150 KB over 1,000 journeys at the end of
    /// the load, where `check` and `compile` peak; it is 48 now.
    final class Slot: @unchecked Sendable {
        private final class Held {
            let tree: SyntaxTree

            init(_ tree: SyntaxTree) {
                self.tree = tree
            }
        }

        private var held: Held?
        private let source: SourceFile
        private let fileIndex: Int

        var tree: SyntaxTree {
            get { held?.tree ?? SyntaxTree(source: source, fileIndex: fileIndex) }
            set { held = Held(newValue) }
        }

        init(_ tree: SyntaxTree) {
            source = tree.source
            fileIndex = tree.fileIndex
            held = Held(tree)
        }

        /// A slot whose tree is not there yet: it reads as the file's empty tree.
        init(emptyFor source: SourceFile, fileIndex: Int) {
            self.source = source
            self.fileIndex = fileIndex
        }

        /// Drops the tree: the slot reads as the file's empty tree again.
        func empty() {
            held = nil
        }
    }

    private var slots: [Slot]

    init(_ slots: [Slot] = []) {
        self.slots = slots
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { slots.count }

    public subscript(file: Int) -> SyntaxTree {
        get { slots[file].tree }
        // A new slot: a copy of the workspace keeps the tree it had.
        set { slots[file] = Slot(newValue) }
    }

    /// The slot of a file's tree.
    func slot(_ file: Int) -> Slot {
        slots[file]
    }

    /// The same slots in an array of their own (`PerThreadCopies`): what is stored in or handed
    /// back from a slot shows in both.
    func unshared() -> SyntaxTrees {
        SyntaxTrees(slots.map { $0 })
    }

    mutating func append(contentsOf other: SyntaxTrees) {
        slots.append(contentsOf: other.slots)
    }

    /// Puts a file's tree in its slot, in this collection and in every copy of it. Only by the
    /// task that parsed the file, before any other reads it (`FirstWaveChecks.publish`).
    func store(_ tree: SyntaxTree, at file: Int) {
        slots[file].tree = tree
    }

    /// Replaces a checked file's tree with an empty one (same source and index, no statements
    /// and no diagnostics), in this collection and in every copy of it, since copies share the
    /// slots; its parse diagnostics move into `checked` first (`CheckedFile.parseDiagnostics`).
    /// Only for a tree that nothing reads any more, and never while another thread reads it.
    func handBack(_ file: Int, keepingDiagnosticsIn checked: inout CheckedFile) {
        let slot = slots[file]
        if checked.parseDiagnostics == nil { checked.parseDiagnostics = slot.tree.diagnostics }
        slot.empty()
    }
}
