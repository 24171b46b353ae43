/// The files a load's first wave checked, by file index: a slot for each input, each written
/// once, by the one task that checked its file (`FirstWaveChecks`), and read after the wave.
///
/// The checked files stay where the tasks put them until `Compiler.check` takes them. They
/// came back in each file's parse result before (`Workspace.ParsedFile`), which made that
/// result 150 bytes a file, and were then copied into an array of their own: over 1,000
/// journeys the two arrays held 280 KB at the end of the load, where `check` and `compile` peak.
final class CheckedSlots: @unchecked Sendable {
    let count: Int
    private let slots: UnsafeMutablePointer<CheckedFile?>

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    /// Puts a file's check in its slot; once per file, by the task that checked it, or after
    /// the wave (`Compiler.check`, the file an output gives back).
    func store(_ file: consuming CheckedFile, at index: Int) {
        slots[index] = file
    }

    /// Whether the wave checked the file (false for a file outside the wave: an import).
    func holds(_ index: Int) -> Bool {
        guard index < count, case .some = slots[index] else { return false }
        return true
    }

    /// Moves a file's check out of its slot.
    func take(_ index: Int) -> CheckedFile? {
        index < count ? slots[index].take() : nil
    }
}
