/// The files a load's first wave checked, by file index: a slot for each input, each written
/// once, by the one task that checked its file (`FirstWaveChecks`), and read after the wave.
///
/// The checked files stay where the tasks put them until `Compiler.check` takes them. They
/// came back in each file's parse result before (`Workspace.ParsedFile`), which made that
/// result 150 bytes a file, and were then copied into an array of their own: over 1,000
/// journeys the two arrays held 280 KB at the end of the load, where `check` and `compile` peak.
typealias CheckedSlots = Slots<CheckedFile>
