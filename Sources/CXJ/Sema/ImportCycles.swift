extension Workspace {
    /// Finds import cycles with a depth-first search over the import graph and reports each
    /// one (CXJ109) at the import that closes it, naming every file of the cycle.
    mutating func findCycles() {
        inCycle = Array(filling: false, count: sources.count)
        var state = [UInt8](filling: 0, count: sources.count) // 0 new, 1 on the stack, 2 done
        var stack: [(file: Int, edge: Int)] = []
        for start in 0..<sources.count where state[start] == 0 {
            state[start] = 1
            stack.append((start, 0))
            while let (file, edge) = stack.last {
                if edge == imports[file].count {
                    state[file] = 2
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].edge += 1
                guard let target = imports[file][edge].target else { continue }
                if state[target] == 0 {
                    state[target] = 1
                    stack.append((target, 0))
                } else if state[target] == 1 {
                    let first = stack.firstIndex { $0.file == target }!
                    let members = stack[first...].map { (file: $0.file, edge: $0.edge - 1) }
                    reportCycle(members)
                }
            }
        }
    }

    private mutating func reportCycle(_ members: [(file: Int, edge: Int)]) {
        for member in members { inCycle[member.file] = true }
        let names = members.map { "`\(sources[$0.file].path)`" }
        let closing = members[members.count - 1]
        let location = imports[closing.file][closing.edge].location
        let message = members.count == 1
            ? "\(names[0]) imports itself"
            : "import cycle through " + Suggestions.andList(names)
        var notes: [String] = []
        var secondary: [Diagnostic.Label] = []
        for (position, member) in members.enumerated() {
            let next = members[(position + 1) % members.count].file
            notes.append("`\(sources[member.file].path)` imports `\(sources[next].path)`")
            if position != members.count - 1 {
                secondary.append(.init(imports[member.file][member.edge].location,
                                       "`\(sources[member.file].path)` imports `\(sources[next].path)` here"))
            }
        }
        diagnostics.append(Diagnostic(
            .importCycle, message, at: location, label: "this import closes the cycle", secondary: secondary,
            notes: notes, help: "move what the files share into a catalogue file that each of them imports, and remove the import that closes the cycle"))
    }
}
