extension ByteStrings {
    /// The names of a catalogue's entries, by entry index: emitters write them once per element.
    init(namesOf catalogue: Catalogue) {
        self.init()
        for entry in catalogue.entries { append(contentsOf: entry.name.utf8) }
    }
}
