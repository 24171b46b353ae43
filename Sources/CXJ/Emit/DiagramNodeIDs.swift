/// A node of a journey diagram, by kind and index, written as its DOT identifier without a
/// `String` of its own (see `DiagramNodeIDs`).
enum DiagramNode: Sendable {
    case step(Int32)
    case action(Int32)
    case touchpoint(Int)
    /// The invisible node that holds an empty stage's place, by the stage's index.
    case placeholder(Int)
    case lane(JourneyDiagram.Lane)

    /// How many nodes a block of a row names (see `JourneyDiagram`'s rows).
    static let perBlock = 4096
}

/// The DOT identifiers of a journey's steps and actions, written from their names as they go.
///
/// Each is written three or four times (the node, its row, its row's chain and its rungs), on
/// two threads. A plain name (ASCII letters, digits and `_`: most are) is spelled straight into
/// the writer's buffer each time, from the file's names (`Interner.withNames`): no `String`,
/// which both threads would retain and release, and nothing kept. Until the seventeenth round
/// every identifier was spelled once and kept (5.1 MiB in use, with their bounds, for a dense
/// 20 MB journey's 172,606 steps and actions, at the peak of `compile --to dot`). A name that is not plain is spelled
/// scalar by scalar, which is slow, so those are still spelled once and kept. A touchpoint's
/// identifier, `touchpoint_` and its index, is written digit by digit.
struct DiagramNodeIDs {
    /// The identifiers of the names that are not plain, spelled once.
    private var spelled = ByteStrings()
    /// For each step, then each action, its identifier's index in `spelled`, or -1 for a plain
    /// name; empty when every name is plain.
    private var spelledIndex: [Int32] = []

    init(file: CheckedFile, journey: Journey) {
        let total = journey.steps.count + journey.actions.count
        var spelled = ByteStrings()
        var spelledIndex: [Int32] = []
        func look(_ position: Int, _ prefix: StaticString, _ symbol: Int32) {
            file.withName(symbol) { name in
                guard !DOTText.isPlain(name) else { return }
                if spelledIndex.isEmpty { spelledIndex = Array(filling: -1, count: total) }
                spelledIndex[position] = Int32(spelled.count)
                spelled.append { DOTText.appendIdentifier(prefix, utf8: name, to: &$0) }
            }
        }
        for (position, step) in journey.steps.enumerated() { look(position, "step", step.id) }
        for (position, action) in journey.actions.enumerated() { look(journey.steps.count + position, "action", action.id) }
        self.spelled = spelled
        self.spelledIndex = spelledIndex
    }

    /// Calls `body` with the identifiers' sources read through pointers, valid while it runs.
    func withView<Result>(file: CheckedFile, journey: Journey, _ body: (View) -> Result) -> Result {
        file.interner.withNames { names in
            journey.steps.withUnsafeBufferPointer { steps in
                journey.actions.withUnsafeBufferPointer { actions in
                    spelled.withView { spelled in
                        spelledIndex.withUnsafeBufferPointer { index in
                            body(View(names: names, steps: steps, actions: actions, spelled: spelled, spelledIndex: index))
                        }
                    }
                }
            }
        }
    }

    struct View {
        var names = ByteStrings.View()
        var steps = UnsafeBufferPointer<Step>(start: nil, count: 0)
        var actions = UnsafeBufferPointer<Action>(start: nil, count: 0)
        var spelled = ByteStrings.View()
        var spelledIndex = UnsafeBufferPointer<Int32>(start: nil, count: 0)

        func writeStep<Sink>(_ index: Int32, to out: inout OutputWriter<Sink>) {
            write("step", position: Int(index), name: steps[Int(index)].id, to: &out)
        }

        func writeAction<Sink>(_ index: Int32, to out: inout OutputWriter<Sink>) {
            write("action", position: steps.count + Int(index), name: actions[Int(index)].id, to: &out)
        }

        @inline(__always)
        private func write<Sink>(_ prefix: StaticString, position: Int, name: Int32, to out: inout OutputWriter<Sink>) {
            if !spelledIndex.isEmpty && spelledIndex[position] >= 0 {
                out.write(bytes: spelled[Int(spelledIndex[position])])
            } else {
                out.writePlainIdentifier(prefix, names[Int(name)])
            }
        }
    }
}

extension OutputWriter {
    /// `DOTText.identifier(prefix, utf8: name)` for a plain name, spelled into the buffer.
    mutating func writePlainIdentifier(_ prefix: StaticString, _ name: UnsafeBufferPointer<UInt8>) {
        if let space = space(prefix.utf8CodeUnitCount + 1 + 2 * name.count) {
            commit(DOTText.spellPlain(prefix, name, into: space))
            return
        }
        write(DOTText.identifier(prefix, utf8: name))
    }

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
