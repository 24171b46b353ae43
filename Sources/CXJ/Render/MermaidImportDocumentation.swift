/// The documentation of the codes of `cxj import mermaid` (CXJ301–CXJ305). Their examples are
/// Mermaid diagrams, imported as `example.mmd`.
enum MermaidImportDocumentation {
    static func documentation(of code: Code) -> CodeDocumentation? {
        switch code {
        case .mermaidNotJourney:
            return CodeDocumentation(
                summary: "a Mermaid file that is not a `journey` diagram",
                meaning: "The first statement of the file, after comments and front matter, is not `journey`. `cxj import mermaid` reads Mermaid's user-journey diagrams only.",
                rationale: "Flowcharts and sequence diagrams describe other things; importing them as journeys would invent a customer strand.",
                failing: "flowchart LR\n  A --> B\n", fixed: "journey\n  title Ordering\n  section Order\n    Places the order: 4: Customer\n")
        case .mermaidSyntax:
            return CodeDocumentation(
                summary: "a line that Mermaid itself rejects",
                meaning: "A task without a score (`Make tea` instead of `Make tea: 5: Me`), a `:` in a section title, a `;`, or an `accDescr {` block that is never closed. Mermaid refuses to render such a diagram; cxj points at the line.",
                rationale: "The diagram never rendered, so nobody has seen what it was meant to say; fix it before importing.",
                failing: "journey\n  title Ordering\n  section Order\n    Places the order\n",
                fixed: "journey\n  title Ordering\n  section Order\n    Places the order: 4: Customer\n")
        case .mermaidScore:
            return CodeDocumentation(
                summary: "a task score that is not a number from 1 to 5",
                meaning: "Mermaid draws any number, but its faces mean 1 to 5. A score outside that range is taken as the nearest end; a score that is not a number leaves the step without an emotion.",
                rationale: "Scores become emotions from −2 to +2 (and ±3 with a `%% cxj: emotion` comment); an out-of-range score usually means a different scale, such as 0 to 10.",
                failing: "journey\n  title Ordering\n  section Order\n    Places the order: 9: Customer\n",
                fixed: "journey\n  title Ordering\n  section Order\n    Places the order: 5: Customer\n")
        case .mermaidUnmapped:
            return CodeDocumentation(
                summary: "a Mermaid line with no meaning in cxj, skipped",
                meaning: "Directives (`%%{init: …}%%`), front matter other than `title`, `click` and styling lines, a second `journey` header, or text after a task's actors. Mermaid accepts them; cxj has nothing to map them to and skips them.",
                rationale: "They configure the picture, not the journey; the warning says what the import leaves behind.",
                failing: "%%{init: {'theme': 'forest'}}%%\njourney\n  title Ordering\n  section Order\n    Places the order: 4: Customer\n",
                fixed: "journey\n  title Ordering\n  section Order\n    Places the order: 4: Customer\n")
        case .mermaidNoTasks:
            return CodeDocumentation(
                summary: "a journey diagram without tasks",
                meaning: "The diagram has a `journey` header but no task: there is no step to import.",
                rationale: "A journey in cxj needs at least one stage with what the customer does.",
                failing: "journey\n  title Ordering\n",
                fixed: "journey\n  title Ordering\n  section Order\n    Places the order: 4: Customer\n")
        default:
            return nil
        }
    }
}
