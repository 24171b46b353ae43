/// A Mermaid `journey` diagram as `cxj import mermaid` reads it: its title, accessibility
/// texts, sections and tasks, and its comments, in source order, each with where it was.
struct MermaidJourney {
    struct Task {
        var name: String
        var nameRange: Range<Int>
        /// The score as written, nil when the task has none.
        var score: Double?
        var actors: [String]
        /// From a `%% cxj: emotion N` comment just before the task (`.some(nil)`: no emotion).
        var exactEmotion: Int??
    }

    enum Item {
        case section(title: String, range: Range<Int>)
        case task(Task)
        case comment(String)
    }

    var title: String?
    var accessibleTitle: String?
    var accessibleDescription: String?
    var items: [Item] = []
    /// Comments before the `journey` line.
    var leadingComments: [String] = []
    var diagnostics: [Diagnostic] = []

    var tasks: [Task] {
        items.compactMap { if case .task(let task) = $0 { return task } else { return nil } }
    }
}
