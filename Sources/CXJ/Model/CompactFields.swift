/// Optional fields of the model's most numerous elements (steps and touchpoints), stored
/// without Swift's optional padding.
///
/// A `SourceLocation?` takes 16 bytes inside a struct and a `Double?` 16, where the values need
/// 12 and 8; a dense 20 MB journey holds about 200,000 steps and as many touchpoints, each with
/// two or three such fields. The elements keep their optional properties as computed ones over
/// these, so nothing that reads the model changes.

/// An optional range in the file of the element that holds it: 8 bytes. The file is the
/// element's own (`statement.file`): a value's location is always in its element's statement.
struct LocalSpan: Sendable {
    private var start: Int32 = -1
    private var end: Int32 = -1

    init() {}

    /// Keeps a location of the holder's `file` (checked in debug builds).
    init(_ location: SourceLocation?, in file: Int) {
        guard let location else { return }
        assert(location.file == file, "a value's location is in its element's file")
        start = Int32(truncatingIfNeeded: location.start)
        end = Int32(truncatingIfNeeded: location.end)
    }

    /// The location, in the holder's file; nil when none was stored.
    func location(in file: Int) -> SourceLocation? {
        start < 0 ? nil : SourceLocation(file: file, start: Int(start), end: Int(end))
    }
}

/// An optional score or quantity: 8 bytes, NaN for none. A number literal never decodes to
/// NaN, so no value is lost.
struct OptionalDouble: Sendable {
    private var stored: Double = .nan

    init(_ value: Double?) { stored = value ?? .nan }

    var value: Double? { stored.isNaN ? nil : stored }
}

/// A range in the file of the element that holds it: 8 bytes.
struct FileSpan: Sendable {
    private var start: Int32
    private var end: Int32

    init(_ location: SourceLocation) {
        start = Int32(truncatingIfNeeded: location.start)
        end = Int32(truncatingIfNeeded: location.end)
    }

    init(_ text: TextRef) {
        start = text.start
        end = text.end
    }

    func location(in file: Int32) -> SourceLocation {
        SourceLocation(file: Int(file), start: Int(start), end: Int(end))
    }

    func text(in file: Int32, isMultiline: Bool) -> TextRef {
        TextRef(file: file, start: start, end: end, isMultiline: isMultiline)
    }
}

/// Where a named element (a step, an action, a kpi) is written: its name, its statement and
/// its label, with their file's index once. 29 bytes, where three `SourceLocation`s and a
/// `TextRef` repeated the file three times (8 bytes more an element: a dense 20 MB journey
/// holds about 100,000 steps and 75,000 actions). An element puts its one-byte fields right
/// after it, in its last three bytes of padding.
struct NamedPlace: Sendable {
    private var file: Int32
    private var nameSpan: FileSpan
    private var statementSpan: FileSpan
    private var labelSpan: FileSpan
    private var labelIsMultiline: Bool

    /// A place in `statement.file`; the name and label are in the same file.
    init(name: SourceLocation, statement: SourceLocation, label: TextRef) {
        assert(name.file == statement.file && Int(label.file) == statement.file, "an element's parts are in its file")
        file = Int32(truncatingIfNeeded: statement.file)
        nameSpan = FileSpan(name)
        statementSpan = FileSpan(statement)
        labelSpan = FileSpan(label)
        labelIsMultiline = label.isMultiline
    }

    var name: SourceLocation { nameSpan.location(in: file) }
    var statement: SourceLocation { statementSpan.location(in: file) }
    var label: TextRef { labelSpan.text(in: file, isMultiline: labelIsMultiline) }
}
