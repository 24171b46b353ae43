/// A node of a journey diagram, by kind and index, written as its DOT identifier without a
/// `String` of its own (see `DiagramNodeIDs`).
enum DiagramNode {
    case step(Int32)
    case action(Int32)
    case touchpoint(Int)
    /// The invisible node that holds an empty stage's place, by the stage's index.
    case placeholder(Int)
    case lane(JourneyDiagram.Lane)
}

/// The DOT identifiers of a journey's steps and actions, worked out once and kept as bytes in
/// one array. They are written three or four times each (the node, its row, its row's chain
/// and its rungs), on two threads: as `String`s, every write of an identifier longer than 15
/// bytes (`touchpoint_12345` and most names of the wordy benchmark) retained and released a
/// string both threads share. A touchpoint's identifier, `touchpoint_` and its index, is
/// written digit by digit and not stored at all.
struct DiagramNodeIDs {
    private var names = ByteStrings()
    private let stepCount: Int

    init(file: CheckedFile, journey: Journey) {
        stepCount = journey.steps.count
        var names = ByteStrings()
        for step in journey.steps {
            file.withName(step.id) { name in names.append { DOTText.appendIdentifier("step", utf8: name, to: &$0) } }
        }
        for action in journey.actions {
            file.withName(action.id) { name in names.append { DOTText.appendIdentifier("action", utf8: name, to: &$0) } }
        }
        self.names = names
    }

    /// Calls `body` with the identifiers read through pointers, valid while it runs.
    func withView<Result>(_ body: (View) -> Result) -> Result {
        names.withView { body(View(names: $0, stepCount: stepCount)) }
    }

    struct View {
        var names = ByteStrings.View()
        var stepCount = 0

        func step(_ index: Int32) -> UnsafeBufferPointer<UInt8> { names[Int(index)] }
        func action(_ index: Int32) -> UnsafeBufferPointer<UInt8> { names[stepCount + Int(index)] }
    }
}

extension OutputWriter {
    /// `touchpoint_` and the index in decimal.
    mutating func writeTouchpointID(_ index: Int) {
        let prefix: StaticString = "touchpoint_"
        let length = prefix.utf8CodeUnitCount
        if let space = space(length + 20) {
            space.update(from: prefix.utf8Start, count: length)
            let digits = Format.writeDigits(UInt(max(index, 0)), into: UnsafeMutableBufferPointer(start: space + length, count: 20), at: 0)
            commit(length + digits)
            return
        }
        write("touchpoint_\(index)")
    }
}
